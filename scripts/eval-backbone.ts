/**
 * The CoreNLP backbone for `npm run eval`: the same resolution as `kg ingest` (CORENLP_URL, else the
 * local server, started when needed), whatever KG_NLP says, since the mode is eval's own option.
 * Kept apart from eval.ts so the unit tests that import the scorer never load the NLP stack.
 */
import { resolveBackbone } from "../src/nlp/backbone.ts";
import type { NlpBackbone } from "../src/nlp/types.ts";

export async function evalBackbone(): Promise<NlpBackbone> {
  const saved = process.env.KG_NLP;
  process.env.KG_NLP = "corenlp";
  try {
    return (await resolveBackbone({ log: (l) => process.stderr.write(l + "\n") }))!;
  } finally {
    if (saved === undefined) delete process.env.KG_NLP;
    else process.env.KG_NLP = saved;
  }
}
