/**
 * A cache of whole GraphQL answers, so a question asked again (the same document, operation name
 * and variables) is answered without running its Cypher again — until the graph changes.
 *
 * When the graph changes:
 * - a write this process commits (ingest, delete, merge, through the API or the CLI code path)
 *   empties the cache at once (`Db.onCommit`);
 * - every write transaction also stamps the one `GraphVersion` node (cypher/bumpGraphVersion), and
 *   the cache reads that stamp every `pollMs` (cypher/graphVersion): a write by another process
 *   (`kg ingest`, a second server) empties it within `pollMs`;
 * - entries also expire after `ttlMs`, for edits made outside the service (raw Cypher).
 * While the stamp cannot be read (Neo4j down), the cache is emptied and bypassed.
 *
 * Only queries are cached, only answers without errors, and only after the API-key check has let
 * the request through (this plugin's onExecute runs after `useApiKeys`). An answer stored while the
 * cache was being emptied is dropped (generation check), so a stale answer cannot outlive a change.
 * Identical requests arriving while one is being answered share its answer ("shared").
 * Cached answers are shared objects: nothing downstream mutates execution results here.
 */
import { createHash } from "node:crypto";
import { OperationTypeNode, type DocumentNode, type ExecutionResult } from "graphql";
import type { Plugin } from "graphql-yoga";
import { LRUCache } from "lru-cache";
import type { Logger } from "pino";
import type { AppContext } from "../api/context.ts";
import { operationOf } from "../api/operation.ts";
import type { Db } from "../db/client.ts";
import { envInt, type Env } from "../config.ts";

export interface ResponseCacheConfig {
  /** Most answers kept (KG_RESPONSE_CACHE_ENTRIES); 0 turns the cache off. */
  maxEntries: number;
  /** Most bytes of answers (as JSON) kept (KG_RESPONSE_CACHE_MB). */
  maxBytes: number;
  /** Longest an answer is kept, ms (KG_RESPONSE_CACHE_TTL_MS). */
  ttlMs: number;
  /** How often the graph's version stamp is read, ms (KG_GRAPH_VERSION_POLL_MS). */
  pollMs: number;
}

export function responseCacheConfig(env: Env = process.env): ResponseCacheConfig {
  return {
    maxEntries: envInt(env, "KG_RESPONSE_CACHE_ENTRIES", 1000, 0, 1_000_000),
    maxBytes: envInt(env, "KG_RESPONSE_CACHE_MB", 64, 1, 65_536) * 1024 * 1024,
    ttlMs: envInt(env, "KG_RESPONSE_CACHE_TTL_MS", 60_000, 1, 86_400_000),
    pollMs: envInt(env, "KG_GRAPH_VERSION_POLL_MS", 1000, 50, 600_000),
  };
}

/** How a request was answered, for the `x-kg-cache` header, the access log and metrics. */
export type CacheOutcome = "hit" | "shared" | "miss" | "bypass";

/**
 * Least-recently-used answers bounded by entry count and total bytes, with a time to live: a thin
 * wrapper over lru-cache that counts each key's length with its answer (both are held as long as
 * the entry) and refuses one answer over a tenth of the budget. Pure.
 */
export class LruStore<V extends NonNullable<unknown>> {
  private readonly cache: LRUCache<string, V> | undefined;

  constructor(
    maxEntries: number,
    private readonly maxBytes: number,
    ttlMs: number,
    now: () => number = Date.now,
  ) {
    // ttlResolution 0: every get reads the clock, so an entry is never served past its ttl.
    this.cache = maxEntries > 0 ? new LRUCache<string, V>({ max: maxEntries, maxSize: maxBytes, ttl: ttlMs, ttlResolution: 0, perf: { now } }) : undefined;
  }

  get size(): number {
    return this.cache?.size ?? 0;
  }

  get bytes(): number {
    return this.cache?.calculatedSize ?? 0;
  }

  get(key: string): V | undefined {
    return this.cache?.get(key);
  }

  /** Keep `value` (of `valueBytes`) under `key`; false when the two would take over a tenth of the budget (or the cache is off). */
  set(key: string, value: V, valueBytes: number): boolean {
    const size = valueBytes + key.length;
    if (!this.cache || size > this.maxBytes / 10) return false;
    this.cache.set(key, value, { size });
    return true;
  }

  clear(): void {
    this.cache?.clear();
  }
}

export interface ResponseCacheOptions {
  db: Db;
  log: Logger;
  config: ResponseCacheConfig;
  /** Told how each query was answered (metrics, access log, header). */
  onOutcome?: (request: Request | undefined, outcome: CacheOutcome) => void;
}

type Params = { query?: unknown; variables?: unknown; operationName?: unknown };

/**
 * The key of a request: a SHA-256 digest of its operation name, document text and the values of
 * the variables its operation declares, in declaration order. Variables it does not declare cannot
 * change the answer, so they do not make new entries; and a digest keeps a 4 MiB variable or
 * document from being held (uncounted) as long as the answer.
 */
export function cacheKey(params: Params | undefined, declared: readonly string[]): string | undefined {
  if (!params || typeof params.query !== "string") return undefined;
  const op = typeof params.operationName === "string" ? params.operationName : "";
  const vars = (typeof params.variables === "object" && params.variables !== null ? params.variables : {}) as Record<string, unknown>;
  const h = createHash("sha256").update(op).update("\u0000").update(params.query);
  // An absent variable (its default applies) and an explicit null are different questions.
  for (const name of declared)
    h.update("\u0000")
      .update(name)
      .update(Object.hasOwn(vars, name) ? `=${JSON.stringify(vars[name]) ?? "null"}` : " absent");
  return h.digest("hex");
}

export class ResponseCache {
  private readonly store: LruStore<ExecutionResult>;
  private generation = 0;
  /** The graph's stamp as last read; undefined while unknown (not read yet, or Neo4j unreachable). */
  private stamp: string | null | undefined;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private unsubscribe: (() => void) | undefined;
  /** Questions being answered now, by key: identical requests arriving meanwhile wait for that answer. */
  private readonly inflight = new Map<string, { generation: number; answer: Promise<ExecutionResult | undefined> }>();

  constructor(private readonly opts: ResponseCacheOptions) {
    const c = opts.config;
    this.store = new LruStore(c.maxEntries, c.maxBytes, c.ttlMs);
  }

  get enabled(): boolean {
    return this.opts.config.maxEntries > 0;
  }

  get size(): number {
    return this.store.size;
  }

  /** What the kept answers and their keys take, as counted against KG_RESPONSE_CACHE_MB. */
  get bytes(): number {
    return this.store.bytes;
  }

  /** Begin watching the graph for changes (no-op when the cache is off). */
  start(): void {
    if (!this.enabled || this.timer) return;
    this.unsubscribe = this.opts.db.onCommit(() => this.invalidate());
    void this.poll();
    this.timer = setInterval(() => void this.poll(), this.opts.config.pollMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.invalidate();
  }

  /** Drop every answer; an answer being computed now will not be stored. */
  invalidate(): void {
    this.generation++;
    this.store.clear();
  }

  /** Read the graph's version stamp once; empty the cache when it changed or cannot be read. */
  poll(): Promise<void> {
    this.polling ??= (async () => {
      try {
        const [row] = await this.opts.db.read("graphVersion");
        const stamp = (row?.stamp as string | null | undefined) ?? null;
        if (stamp !== this.stamp) {
          if (this.stamp !== undefined) this.opts.log.debug({ stamp }, "graph changed: response cache emptied");
          this.invalidate();
          this.stamp = stamp;
        }
      } catch (e) {
        if (this.stamp !== undefined) this.opts.log.warn({ err: e }, "graph version unreadable: response cache emptied and bypassed");
        this.invalidate();
        this.stamp = undefined;
      } finally {
        this.polling = undefined;
      }
    })();
    return this.polling;
  }

  plugin(): Plugin<AppContext> {
    return {
      onExecute: ({ args, executeFn, setExecuteFn, setResultAndStopExecution }) => {
        const ctx = args.contextValue as AppContext & { request?: Request; params?: Params };
        const note = (o: CacheOutcome) => this.opts.onOutcome?.(ctx.request, o);
        if (!this.enabled) return;
        const op = operationOf(args.document as DocumentNode, args.operationName as string | null | undefined);
        const key =
          op?.operation === OperationTypeNode.QUERY && this.stamp !== undefined
            ? cacheKey(ctx.params, op.variableDefinitions?.map((d) => d.variable.name.value) ?? [])
            : undefined;
        if (key === undefined) return note("bypass");
        const hit = this.store.get(key);
        if (hit) {
          note("hit");
          setResultAndStopExecution(hit);
          return;
        }
        const generation = this.generation;
        // The same question already running since the last change: wait for its answer instead of
        // running the same Cypher again (after a write empties the cache, 32 clients asking the
        // same question cost one execution, not 32). Its failure sends us to run it ourselves.
        const pending = this.inflight.get(key);
        if (pending && pending.generation === generation) {
          return pending.answer.then((answer) => {
            if (answer) {
              note("shared");
              setResultAndStopExecution(answer);
            } else note("miss");
          });
        }
        note("miss");
        let settle!: (answer: ExecutionResult | undefined) => void;
        const flight = { generation, answer: new Promise<ExecutionResult | undefined>((resolve) => (settle = resolve)) };
        this.inflight.set(key, flight);
        const done = (answer: ExecutionResult | undefined) => {
          if (this.inflight.get(key) === flight) this.inflight.delete(key);
          settle(answer);
          if (answer && generation === this.generation) this.store.set(key, answer, JSON.stringify(answer).length);
        };
        // Wrapping the execution (not only onExecuteDone) settles the waiters even when it throws.
        setExecuteFn(async (execArgs) => {
          try {
            const result: unknown = await executeFn(execArgs);
            const r = result as ExecutionResult;
            const cacheable = typeof result === "object" && result !== null && !(Symbol.asyncIterator in result) && !r.errors?.length && r.data != null;
            done(cacheable ? r : undefined);
            return result;
          } catch (e) {
            done(undefined);
            throw e;
          }
        });
      },
    };
  }
}
