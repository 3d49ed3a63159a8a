// Worker thread entry for the extraction pool (src/extraction/pool.ts). Plain JavaScript because a
// worker does not inherit the parent's TypeScript loader: it registers tsx itself, then loads the rules.
import { register } from "tsx/esm/api";

register();
const { extractArticle } = await import("./index.ts");

/** @param {{ ping?: true, input?: import("./types.ts").ArticleInput, nlp?: import("../nlp/types.ts").NlpAnalysis }} task */
export default function extract(task) {
  if (task.ping) return true; // the pool waits for a ready worker before it starts an article's clock
  return extractArticle(task.input, task.nlp ? { nlp: task.nlp } : {});
}
