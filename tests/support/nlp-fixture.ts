/**
 * A hand-made NLP analysis for unit tests of the rules over NER spans: whitespace tokens, each
 * tagged by the spans given ("Nick Griffin" → PERSON). It has the shape CoreNLP's answer is
 * turned into (src/nlp/types.ts), so rules are tested without a server; the real tagger is
 * exercised in tests/integration.
 */
import type { NlpAnalysis, NlpToken } from "../../src/nlp/types.ts";

export function tagged(text: string, spans: Record<string, "PERSON" | "ORGANIZATION" | "LOCATION" | "MISC">): NlpAnalysis {
  const tokens: NlpToken[] = [];
  // Like CoreNLP's tokenizer in what matters here: "Deutsche's" is "Deutsche" + "'s".
  for (const m of text.matchAll(/['’]s\b|[\p{L}\p{N}][\p{L}\p{N}.&-]*[\p{L}\p{N}]|[\p{L}\p{N}]|[^\s\p{L}\p{N}]/gu)) {
    tokens.push({ start: m.index, end: m.index + m[0].length, word: m[0], pos: "", ner: "O" });
  }
  // Shorter spans first, so a longer one ("Mario Vazquez-Rana") wins over a part of it tagged apart.
  for (const [surface, type] of Object.entries(spans).sort((a, b) => a[0].length - b[0].length)) {
    for (let at = text.indexOf(surface); at >= 0; at = text.indexOf(surface, at + 1)) {
      for (const t of tokens) if (t.start >= at && t.end <= at + surface.length) t.ner = type;
    }
  }
  return { sentences: [{ start: 0, end: text.length, tokens }] };
}
