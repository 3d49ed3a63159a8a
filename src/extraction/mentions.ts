/**
 * All resolved mentions of an article, sorted by position: names and gazetteer hits
 * per sentence, then force phrases, descriptions and generic phrases, then coreference.
 */
import { resolveMentions } from "./coref.ts";
import { scanNames, type Mention } from "./names.ts";
import { descriptions, forcePhrases, genericForces } from "./noun-phrases.ts";
import type { Sentence } from "./sentences.ts";
import { tokenize } from "./tokens.ts";

export function findMentions(text: string, sentences: Sentence[]): Mention[] {
  const names: Mention[] = [];
  for (const s of sentences) names.push(...scanNames(text, tokenize(text, s.start, s.end), s.start));
  const candidates = [...names, ...forcePhrases(text, names), ...genericForces(text)];
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
