/**
 * The CoreNLP backbone for `npm run eval`: CORENLP_URL when set, else the local server.
 * Kept apart from eval.ts so the unit tests that import the scorer never load the NLP stack.
 */
import { CoreNlpClient } from "../src/nlp/corenlp-client.ts";
import type { NlpBackbone } from "../src/nlp/types.ts";

export async function evalBackbone(): Promise<NlpBackbone> {
  const url = process.env.CORENLP_URL;
  if (!url) throw new Error("Set CORENLP_URL (or run `npx kg nlp start`) for the corenlp mode, or pass --mode none.");
  const client = new CoreNlpClient({ url });
  if (!(await client.ready())) throw new Error(`CoreNLP at ${url} is not ready.`);
  return client;
}
