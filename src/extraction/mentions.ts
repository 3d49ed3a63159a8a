/**
 * All resolved mentions of an article, sorted by position: names and gazetteer hits
 * per sentence, then force phrases, descriptions and generic phrases, then coreference.
 */
import { resolveMentions } from "./coref.ts";
import { scanNames, type Mention } from "./names.ts";
import { mergeNer, type NerSpan } from "./ner.ts";
import { descriptions, forcePhrases, genericForces, takenPlaces } from "./noun-phrases.ts";
import type { Sentence } from "./sentences.ts";
import { tokenize } from "./tokens.ts";

/** `ner`: the statistical tagger's name spans, sorted by start, when a backbone is used. */
export function findMentions(text: string, sentences: Sentence[], ner: NerSpan[] = []): Mention[] {
  const names: Mention[] = [];
  let k = 0;
  for (const s of sentences) {
    const scanned = scanNames(text, tokenize(text, s.start, s.end), s.start);
    while (k < ner.length && ner[k]!.start < s.start) k++;
    const inside: NerSpan[] = [];
    for (let j = k; j < ner.length && ner[j]!.start < s.end; j++) if (ner[j]!.end <= s.end) inside.push(ner[j]!);
    names.push(...(inside.length ? mergeNer(text, scanned, inside) : scanned));
  }
  const candidates = [...names, ...forcePhrases(text, names), ...genericForces(text), ...takenPlaces(text)];
  const inSentence = (m: Mention) => sentenceOf(sentences, m) !== undefined;
  return resolveMentions(text, candidates.filter(inSentence), descriptions(text).filter(inSentence));
}

/** Mentions never straddle sentences, so templates stay consistent. */
function sentenceOf(sentences: Sentence[], m: Mention): Sentence | undefined {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid]!;
    if (m.start < s.start) hi = mid - 1;
    else if (m.start >= s.end) lo = mid + 1;
    else return m.end <= s.end ? s : undefined;
  }
  return undefined;
}
