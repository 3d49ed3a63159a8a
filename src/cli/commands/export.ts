import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { resolveNeo4jConfig } from "../../config.ts";
import { Db } from "../../db/client.ts";
import { AppError } from "../../errors.ts";
import { CSV_TABLE_NAMES, FORMAT_SPECS } from "../../export/formats.ts";
import { FORMATS, parseExportRequest } from "../../export/options.ts";
import { runExport } from "../../export/run.ts";
import { AtomicFiles, streamSink, type Outputs } from "../../export/sink.ts";
import { ENTITY_TYPES } from "../../extraction/types.ts";
import { RELATION_TYPES } from "../../export/queries.ts";

const USAGE = `Usage: kg export --format ${FORMATS.join("|")} [--out FILE|-] [--type T …] [--since DATE] [--entity NAME [--hops N]]
Streams the graph from Neo4j, page by page, to FILE (written as a temporary file, renamed when complete) or stdout (-, the default).
  --format    graphml (Gephi, Cytoscape), jsonl (one node or edge per line, with evidence),
              csv (files for neo4j-admin database import; --out is a folder), jsonld (schema.org)
  --type      entity types ${ENTITY_TYPES.join(", ")} and/or relation types ${RELATION_TYPES.join(", ")}; repeatable or comma-separated
  --since     only articles published on or after DATE (YYYY-MM-DD), their evidence and the entities they mention
  --entity    only the neighbourhood of this entity (id, name or alias), --hops relations deep (default 1)
  --page-size rows per read from Neo4j (default 500)
Exit codes: 0 done; 1 failed (e.g. NOT_FOUND for an unknown --entity); 2 bad command line; 130 interrupted (nothing left under the target name).`;

const OPTIONS = {
  format: { type: "string" },
  out: { type: "string", short: "o" },
  type: { type: "string", multiple: true },
  since: { type: "string" },
  entity: { type: "string" },
  hops: { type: "string" },
  "page-size": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

function usageError(message: string): number {
  process.stderr.write(`kg export: ${message}\n\n${USAGE}\n`);
  return 2;
}

/** Where each output goes: a file (or, for CSV, a folder of table files), or stdout. */
function targetsFor(format: keyof typeof FORMAT_SPECS, out: string | undefined): Record<string, string> | undefined {
  if (out === undefined || out === "-") {
    if (format === "csv") throw new AppError("BAD_USER_INPUT", `--format csv writes ${CSV_TABLE_NAMES.length} files: give a folder with --out DIR.`);
    return undefined;
  }
  if (format === "csv") {
    fs.mkdirSync(out, { recursive: true });
    return Object.fromEntries(CSV_TABLE_NAMES.map((t) => [t, path.join(out, `${t}.csv`)]));
  }
  const dir = path.dirname(path.resolve(out));
  if (!fs.existsSync(dir)) throw new AppError("BAD_USER_INPUT", `The folder of --out ${out} does not exist.`);
  if (fs.statSync(out, { throwIfNoEntry: false })?.isDirectory()) throw new AppError("BAD_USER_INPUT", `--out ${out} is a folder; give a file name.`);
  return { main: out };
}

export async function runExportCommand(argv: string[]): Promise<number> {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true; allowPositionals: false }>>["values"];
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (e) {
    return usageError(
      `BAD_USER_INPUT: ${(e as Error).message} Valid options: ${Object.keys(OPTIONS)
        .map((o) => `--${o}`)
        .join(", ")}.`,
    );
  }
  if (values.help) {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  let request: ReturnType<typeof parseExportRequest>;
  let targets: Record<string, string> | undefined;
  let pageSize: number | undefined;
  try {
    request = parseExportRequest({ format: values.format, types: values.type ?? [], since: values.since, entity: values.entity, hops: values.hops });
    targets = targetsFor(request.format, values.out);
    if (values["page-size"] !== undefined) {
      pageSize = Number(values["page-size"]);
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 10_000)
        throw new AppError("BAD_USER_INPUT", "--page-size must be a whole number from 1 to 10000.");
    }
  } catch (e) {
    if (e instanceof AppError) return usageError(`${e.code}: ${e.message}`);
    throw e;
  }

  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  // A reader that stops early (`kg export … | head`) closes the pipe: stop reading, quietly.
  let pipeClosed = false;
  const onStdoutError = (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
    pipeClosed = true;
    stop.abort();
  };
  if (!targets) process.stdout.on("error", onStdoutError);
  const files = targets ? new AtomicFiles(targets) : undefined;
  const outputs: Outputs = files ? files.outputs : () => streamSink(process.stdout);
  const db = new Db(await resolveNeo4jConfig({ local: { log: (l) => process.stderr.write(l + "\n") } }), { acquireTimeoutMs: 10_000, readTimeoutMs: 120_000 });
  const t0 = performance.now();
  try {
    const counts = await runExport(db, request.format, request.filter, outputs, { signal: stop.signal, pageSize });
    const written = files ? await files.commit() : [];
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    process.stderr.write(
      `kg export: ${counts.entity} entities, ${counts.relation} relations, ${counts.quote} quotes, ${counts.article} articles${counts.alias ? `, ${counts.alias} aliases` : ""} in ${secs} s${written.length ? ` → ${written.join(", ")}` : ""}\n`,
    );
    return 0;
  } catch (e) {
    await files?.abort();
    if (pipeClosed) return 0;
    if (stop.signal.aborted) {
      process.stderr.write(`kg export: interrupted; ${targets ? "nothing was written under the target name" : "output is incomplete"}.\n`);
      return 130;
    }
    throw e;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    process.stdout.off("error", onStdoutError);
    await db.close();
  }
}
