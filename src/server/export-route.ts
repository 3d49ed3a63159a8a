/**
 * GET /export?format=graphml|jsonl|csv|jsonld&entity=NAME&hops=N[&type=T…][&since=DATE][&part=TABLE]
 *
 * The neighbourhood of one entity in an export format, streamed (the explorer's "download this
 * view"). Bounded: `entity` is required, hops at most MAX_HTTP_HOPS, at most KG_EXPORT_MAX_ENTITIES
 * entities. Same auth as queries (a key when KG_REQUIRE_AUTH_FOR_READS=true; a wrong key always
 * refused). CSV is one table per request (`part`, the file names of `kg export --format csv`).
 *
 * Errors found before the first byte (bad input, NOT_FOUND, too big, Neo4j down) are a JSON body
 * `{errors: [{message, extensions: {code}}]}` with the status of README's error table; a failure
 * after streaming began ends the stream early (the status is already sent). A client that goes
 * away stops the export, and its reads in Neo4j.
 */
import type { Plugin } from "graphql-yoga";
import type { Logger } from "pino";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { CSV_TABLE_NAMES, FORMAT_SPECS, type CsvTable } from "../export/formats.ts";
import { parseExportRequest } from "../export/options.ts";
import { runExport } from "../export/run.ts";
import { NULL_SINK, type Sink } from "../export/sink.ts";
import { authenticate, refusal } from "../security/auth.ts";
import type { SecurityConfig } from "../security/config.ts";

export const MAX_HTTP_HOPS = 3;
const PARAMS = ["format", "entity", "hops", "type", "since", "part"];
const STATUS: Record<string, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  NOT_FOUND: 404,
  DATABASE_UNAVAILABLE: 503,
  QUERY_TIMEOUT: 504,
  REQUEST_CANCELLED: 499,
};

function errorResponse(R: typeof Response, code: string, message: string): Response {
  const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8" };
  if (code === "UNAUTHENTICATED") headers["www-authenticate"] = 'Bearer realm="news-kg"';
  if (code === "DATABASE_UNAVAILABLE") headers["retry-after"] = "5";
  return new R(JSON.stringify({ errors: [{ message, extensions: { code } }] }), { status: STATUS[code] ?? 500, headers });
}

/** A file name for Content-Disposition: the entity's words, ASCII only. */
function fileName(entity: string, hops: number, ext: string, part?: string): string {
  const slug =
    entity
      .normalize("NFKD")
      .replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60)
      .toLowerCase() || "entity";
  return `${slug}-${hops}hop${part ? `-${part}` : ""}.${ext}`;
}

/**
 * A byte stream fed by `write` with back-pressure: `write` waits while the client has not read
 * what is queued. `cancel` (the client went away) aborts `stop`.
 */
function pipe(stop: AbortController): { stream: ReadableStream<Uint8Array>; sink: Sink; close(): void; fail(e: unknown): void } {
  const enc = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let resume: (() => void) | undefined;
  const wake = () => {
    resume?.();
    resume = undefined;
  };
  const stream = new ReadableStream<Uint8Array>(
    {
      start: (c) => void (controller = c),
      pull: wake,
      cancel: () => {
        stop.abort();
        wake();
      },
    },
    { highWaterMark: 256 * 1024, size: (c) => c.byteLength },
  );
  return {
    stream,
    sink: {
      async write(chunk) {
        if (stop.signal.aborted) return;
        controller.enqueue(enc.encode(chunk));
        if ((controller.desiredSize ?? 1) <= 0) await new Promise<void>((r) => (resume = r));
      },
    },
    close: () => controller.close(),
    fail: (e) => controller.error(e),
  };
}

export function useExportRoute(opts: { db: Db; security: SecurityConfig; log: Logger }): Plugin {
  return {
    onRequest({ request, url, fetchAPI, ...hook }) {
      if (url.pathname !== "/export") return;
      const R = fetchAPI.Response;
      if (request.method !== "GET" && request.method !== "HEAD") {
        hook.endResponse(new R("GET /export only\n", { status: 405, headers: { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" } }));
        return;
      }
      const why = refusal("query", authenticate(request.headers, opts.security), opts.security);
      if (why) {
        hook.endResponse(errorResponse(R, "UNAUTHENTICATED", why));
        return;
      }
      const q = url.searchParams;
      let format: ReturnType<typeof parseExportRequest>["format"];
      let filter: ReturnType<typeof parseExportRequest>["filter"];
      let part: CsvTable | undefined;
      try {
        const unknown = [...new Set(q.keys())].filter((k) => !PARAMS.includes(k));
        if (unknown.length) throw new AppError("BAD_USER_INPUT", `Unknown parameter "${unknown[0]!.slice(0, 40)}": /export takes ${PARAMS.join(", ")}.`);
        ({ format, filter } = parseExportRequest(
          {
            format: q.get("format") ?? undefined,
            types: q.getAll("type"),
            since: q.get("since") ?? undefined,
            entity: q.get("entity") ?? undefined,
            hops: q.get("hops") ?? undefined,
          },
          MAX_HTTP_HOPS,
        ));
        if (!filter.neighbourhood)
          throw new AppError(
            "BAD_USER_INPUT",
            `/export gives the neighbourhood of one entity: pass entity=NAME (and hops=0..${MAX_HTTP_HOPS}); use \`kg export\` for the whole graph.`,
          );
        const rawPart = q.get("part");
        if (format === "csv") {
          if (rawPart === null || !(CSV_TABLE_NAMES as string[]).includes(rawPart))
            throw new AppError("BAD_USER_INPUT", `format=csv is one table per request: pass part= one of ${CSV_TABLE_NAMES.join(", ")}.`);
          part = rawPart as CsvTable;
        } else if (rawPart !== null) throw new AppError("BAD_USER_INPUT", "part is only for format=csv.");
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        hook.endResponse(errorResponse(R, e.code, e.message));
        return;
      }
      const spec = FORMAT_SPECS[format];
      const hood = filter.neighbourhood;
      const headers = {
        "content-type": spec.contentType,
        "content-disposition": `attachment; filename="${fileName(hood.entity, hood.hops, spec.extension, part)}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      };
      const stop = new AbortController();
      request.signal.addEventListener("abort", () => stop.abort(), { once: true });
      const out = pipe(stop);
      // The response goes out with the first byte, or as an error if the export fails before it.
      let firstByte!: () => void;
      const started = new Promise<void>((r) => (firstByte = r));
      const sink: Sink = {
        write: (chunk) => {
          firstByte();
          return out.sink.write(chunk);
        },
      };
      const done = runExport(opts.db.forRequest(stop.signal), format, filter, (name) => (part === undefined || name === part ? sink : NULL_SINK), {
        signal: stop.signal,
        maxEntities: opts.security.exportMaxEntities,
        pageSize: 200,
      });
      return Promise.race([
        started.then(() => undefined),
        done.then(
          () => undefined,
          (e: unknown) => e,
        ),
      ]).then((failed) => {
        if (failed !== undefined) {
          if (failed instanceof AppError) hook.endResponse(errorResponse(R, failed.code, failed.message));
          else {
            opts.log.error({ err: failed }, "export failed");
            hook.endResponse(errorResponse(R, "INTERNAL_SERVER_ERROR", "The export failed unexpectedly; see the server log."));
          }
          return;
        }
        if (request.method === "HEAD") stop.abort();
        done.then(
          () => out.close(),
          (e: unknown) => {
            if (!stop.signal.aborted) opts.log.error({ err: e }, "export failed after streaming began");
            out.fail(e);
          },
        );
        hook.endResponse(new R(request.method === "HEAD" ? null : out.stream, { status: 200, headers }));
      });
    },
  };
}
