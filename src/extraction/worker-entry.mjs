// Worker thread entry for the extraction pool (src/extraction/pool.ts). Plain JavaScript because a
// worker does not inherit the parent's TypeScript loader: it registers tsx itself, then loads the rules.
import { register } from "tsx/esm/api";

register();
const { extractArticle } = await import("./index.ts");

/** @param {{ ping?: true, input?: import("./types.ts").ArticleInput, nlp?: import("../nlp/types.ts").NlpAnalysis }} task */
let warm = false;

export default function extract(task) {
  // The pool waits for a ready worker before it starts an article's clock; the first ping also runs the
  // rules once, so compiling their regexes is not counted against the first article's budget.
  if (task.ping) {
    if (!warm) extractArticle({ text: 'Mosul was retaken by Iraqi forces. "We won," the prime minister said.' });
    warm = true;
    return true;
  }
  return extractArticle(task.input, task.nlp ? { nlp: task.nlp } : {});
}
