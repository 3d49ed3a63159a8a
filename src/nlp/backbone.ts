/**
 * Which NLP backbone extraction uses, from the configuration: none (KG_NLP=none, rules only) or
 * CoreNLP (CORENLP_URL, else the local server). One place, so the CLI, the server and the
 * benchmarks agree.
 */
import { AppError } from "../errors.ts";
import { CoreNlpClient } from "./corenlp-client.ts";
import type { NlpBackbone } from "./types.ts";

export type NlpMode = "corenlp" | "none";

export function nlpMode(): NlpMode {
  const v = (process.env.KG_NLP ?? "corenlp").trim().toLowerCase();
  if (v === "corenlp" || v === "none") return v;
  throw new AppError("CONFIG_INVALID", `KG_NLP must be "corenlp" (statistical NER, the default) or "none" (rules only); got "${process.env.KG_NLP}".`);
}

/** The backbone to extract with, or undefined in rules-only mode. */
export async function resolveBackbone(): Promise<NlpBackbone | undefined> {
  if (nlpMode() === "none") return undefined;
  const url = process.env.CORENLP_URL;
  if (!url) throw new AppError("CONFIG_INVALID", "CORENLP_URL is not set. Point it at a CoreNLP server, or set KG_NLP=none.");
  return new CoreNlpClient({ url });
}
