/**
 * The NLP backbone a command extracts with, from the configuration (src/config.ts): none with
 * KG_NLP=none, else CoreNLP at CORENLP_URL, else the local server, started when needed. One
 * place, so `kg ingest`, `kg extract`, `kg serve` and the benchmarks agree.
 */
import { createBackbone, resolveNlpConfig } from "../config.ts";
import type { LocalCoreNlpOptions } from "./local-corenlp.ts";
import type { NlpBackbone } from "./types.ts";

export async function resolveBackbone(local?: LocalCoreNlpOptions): Promise<NlpBackbone | undefined> {
  return createBackbone(await resolveNlpConfig(local ? { local } : {}));
}
