/** One export: read the graph page by page (queries.ts) into a format's writer (formats.ts). */
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { FORMAT_SPECS } from "./formats.ts";
import type { ExportFormat } from "./options.ts";
import { readGraph, type ExportFilter, type ExportReadOptions, type ExportRecord } from "./queries.ts";
import type { Outputs } from "./sink.ts";

export type ExportCounts = Record<ExportRecord["kind"], number>;

export interface RunExportOptions extends ExportReadOptions {
  /** Stops the export between records (Ctrl-C, a client that went away): REQUEST_CANCELLED. */
  signal?: AbortSignal;
}

export async function runExport(db: Db, format: ExportFormat, filter: ExportFilter, outputs: Outputs, opts: RunExportOptions = {}): Promise<ExportCounts> {
  const spec = FORMAT_SPECS[format];
  const writer = spec.create(outputs);
  const counts: ExportCounts = { entity: 0, relation: 0, quote: 0, article: 0, alias: 0 };
  for await (const rec of readGraph(db, filter, spec.needs, opts)) {
    if (opts.signal?.aborted) throw new AppError("REQUEST_CANCELLED", "The export was interrupted.");
    counts[rec.kind]++;
    await writer.write(rec);
  }
  await writer.end();
  return counts;
}
