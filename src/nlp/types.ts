/**
 * What the extractor takes from a statistical NLP backbone: sentences and tokens with character
 * offsets into the article text (UTF-16 code units, as JS strings index), each token with its
 * part-of-speech and CoNLL NER tag (PERSON, ORGANIZATION, LOCATION, MISC or O).
 * The extraction rules read only this shape, so any backbone that fills it can stand in.
 */
export interface NlpToken {
  start: number;
  end: number;
  word: string;
  pos: string;
  ner: string;
}

export interface NlpSentence {
  start: number;
  end: number;
  tokens: NlpToken[];
}

export interface NlpAnalysis {
  sentences: NlpSentence[];
}

export interface NlpBackbone {
  /** Name and model version, part of the extractor fingerprint ("corenlp-4.5.7/conll4"). */
  readonly id: string;
  analyze(text: string, signal?: AbortSignal): Promise<NlpAnalysis>;
}
