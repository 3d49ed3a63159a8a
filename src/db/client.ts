/**
 * The one place the service talks to Neo4j. One driver per process; a session per unit of
 * work, closed in `finally`; managed transactions only; statements by name from `cypher/`;
 * the database name always passed; driver errors translated to AppError here and nowhere else.
 */
import { randomUUID } from "node:crypto";
import neo4j, { type Driver, type ManagedTransaction, type Record as Neo4jRecord } from "neo4j-driver";
import { AppError, ConstraintViolation } from "../errors.ts";
import { settings, type Neo4jConfig } from "../config.ts";
import { cypher } from "./cypher.ts";
import { int, toPlain, type Plain } from "./values.ts";
import type { ArticleChange, Commit } from "../graph/changes.ts";

export type Row = { [k: string]: Plain };
export type Params = Record<string, unknown>;

/** Told about every statement run: tests count them (N+1 guard), metrics time them. */
export type QueryObserver = (event: { name: string; ms: number; ok: boolean }) => void;

export interface DbOptions {
  /** How long managed transactions retry transient failures (ms). Short for the API, long for ingest. */
  maxRetryMs?: number;
  /** How long to wait for a connection before failing (ms). */
  acquireTimeoutMs?: number;
  maxPoolSize?: number;
  /** Server-side limit on a read transaction (ms): a runaway question is stopped, not left to pin a core. */
  readTimeoutMs?: number;
}

/**
 * What the store and the ingest pipeline need of the database: named statements in managed
 * transactions. `Db` is the real one; the database-free tests give a recording fake.
 */
export type Runner = Pick<Db, "read" | "readTx" | "writeTx">;

/** A transaction handle that runs named statements, so multi-statement units stay observable. */
export interface Tx {
  run(name: string, params?: Params): Promise<Row[]>;
  /**
   * Note what this write transaction does to articles: logged in the same transaction
   * (cypher/recordArticleChanges) and told to commit listeners, for the subscriptions. A no-op in reads.
   */
  noteChanges(changes: ArticleChange[]): void;
}

const UNAVAILABLE_CODES = new Set(["ServiceUnavailable", "SessionExpired", "Neo.TransientError.General.DatabaseUnavailable"]);

/**
 * Translate a driver error, here and nowhere else. By the time an error reaches this, managed
 * transactions have retried what is retryable (transient errors, deadlocks included) for the
 * Db's `maxRetryMs`, so:
 * - unreachable, or credentials refused → DATABASE_UNAVAILABLE;
 * - still transient (deadlocks, lock waits, memory pressure) → DATABASE_BUSY;
 * - over the transaction timeout → QUERY_TIMEOUT;
 * - a constraint broken → ConstraintViolation (CONSTRAINT_VIOLATION);
 * - anything else is returned as is: unexpected, so masked for clients and logged in full.
 */
export function translateDbError(e: unknown): unknown {
  if (e instanceof AppError) return e;
  const code = (e as { code?: unknown }).code;
  if (typeof code === "string") {
    if (code.startsWith("Neo.ClientError.Transaction.TransactionTimedOut")) {
      return new AppError(
        "QUERY_TIMEOUT",
        "The question took too long to answer: narrow it (a more specific name, fewer hops, a smaller page) and ask again.",
        { cause: e },
      );
    }
    if (UNAVAILABLE_CODES.has(code)) {
      return new AppError("DATABASE_UNAVAILABLE", "The graph database is not reachable right now; try again shortly.", { cause: e });
    }
    if (code.startsWith("Neo.TransientError.")) {
      return new AppError("DATABASE_BUSY", "The graph database is busy (conflicting writes or lock waits, retried without success); try again shortly.", {
        cause: e,
      });
    }
    if (code === "Neo.ClientError.Security.Unauthorized" || code === "Neo.ClientError.Security.AuthenticationRateLimit") {
      return new AppError("DATABASE_UNAVAILABLE", "Neo4j rejected the credentials: check NEO4J_USER and NEO4J_PASSWORD.", { cause: e });
    }
    if (code === "Neo.ClientError.Schema.ConstraintValidationFailed") {
      return new ConstraintViolation(e instanceof Error ? e.message : code, { cause: e });
    }
  }
  // Errors raised by the driver itself before reaching a server carry no Neo4j code.
  const msg = typeof code !== "string" && e instanceof Error ? e.message : "";
  if (/ECONNREFUSED|Connection acquisition timed out|Pool is closed|connect ETIMEDOUT|Could not perform discovery/i.test(msg)) {
    return new AppError("DATABASE_UNAVAILABLE", "The graph database is not reachable right now; try again shortly.", { cause: e });
  }
  return e;
}

function rows(records: Neo4jRecord[]): Row[] {
  return records.map((r) => {
    const o: Row = {};
    for (const k of r.keys) o[k as string] = toPlain(r.get(k));
    return o;
  });
}

/** The request a read served has gone (client disconnected): its transaction was ended in Neo4j. */
function cancelled(cause?: unknown): AppError {
  return new AppError("REQUEST_CANCELLED", "The request was cancelled by its client; its reads were stopped.", { cause });
}

/**
 * End the transactions tagged `tag` (metadata `kgTx`) in Neo4j. TERMINATE only marks them; each
 * statement stops at its next check, which every statement of this service reaches quickly (path
 * searches are stepwise for that reason, see src/store/path-search.ts). Never throws.
 */
export async function terminateTagged(driver: Driver, database: string, tag: string): Promise<void> {
  const session = driver.session({ database });
  try {
    await session.run(cypher("terminateTransactions"), { tag });
  } catch {
    // Already finished, or Neo4j unreachable: nothing left to stop.
  } finally {
    await session.close().catch(() => {});
  }
}

export class Db {
  readonly driver: Driver;
  readonly database: string;
  private readonly readTimeoutMs: number;
  private observers = new Set<QueryObserver>();
  private commitListeners = new Set<(commit: Commit) => void>();
  /** Set on a request's view (`forRequest`): when it aborts, that request's reads are ended in Neo4j. */
  private signal: AbortSignal | undefined;

  constructor(cfg: Neo4jConfig, opts: DbOptions = {}) {
    this.database = cfg.database;
    this.readTimeoutMs = opts.readTimeoutMs ?? settings().queryTimeoutMs;
    this.driver = neo4j.driver(cfg.uri, neo4j.auth.basic(cfg.user, cfg.password), {
      maxTransactionRetryTime: opts.maxRetryMs ?? 2_000,
      connectionAcquisitionTimeout: opts.acquireTimeoutMs ?? 3_000,
      connectionTimeout: 2_000,
      maxConnectionPoolSize: opts.maxPoolSize ?? 50,
      disableLosslessIntegers: false,
    });
  }

  /**
   * This database as one request sees it: the same driver and listeners, but its read transactions
   * end — in Neo4j too, not only here — when `signal` aborts (the HTTP client went away). Writes
   * are not cancelled: a write the server accepted completes or rolls back as a whole.
   */
  forRequest(signal: AbortSignal): Db {
    return Object.assign(Object.create(this) as Db, { signal });
  }

  /** Subscribe to statement events; returns the unsubscribe function. */
  observe(fn: QueryObserver): () => void {
    this.observers.add(fn);
    return () => this.observers.delete(fn);
  }

  /**
   * Be told after every write transaction this process commits (the response cache drops its
   * answers; the event hub announces the article changes); returns the unsubscribe function.
   * Writes by other processes are seen through the graph version instead (cypher/graphVersion.cypher)
   * and the change log (cypher/articleChangesSince.cypher).
   */
  onCommit(fn: (commit: Commit) => void): () => void {
    this.commitListeners.add(fn);
    return () => this.commitListeners.delete(fn);
  }

  private txHandle(tx: ManagedTransaction, extra?: QueryObserver, signal?: AbortSignal, noted?: ArticleChange[]): Tx {
    return {
      noteChanges: (changes) => void noted?.push(...changes),
      run: async (name, params = {}) => {
        if (signal?.aborted) throw cancelled();
        const t0 = performance.now();
        let ok = false;
        try {
          const res = await tx.run(cypher(name), params);
          ok = true;
          return rows(res.records);
        } finally {
          const ev = { name, ms: performance.now() - t0, ok };
          for (const o of this.observers) o(ev);
          extra?.(ev);
        }
      },
    };
  }

  /**
   * Run `work` in one managed read transaction (retried on transient errors). Neo4j ends it after
   * `readTimeoutMs` (QUERY_TIMEOUT); on a request's view it also ends when the request is cancelled.
   */
  async readTx<T>(work: (tx: Tx) => Promise<T>, observer?: QueryObserver): Promise<T> {
    const signal = this.signal;
    if (signal?.aborted) throw cancelled();
    const tag = randomUUID();
    const onAbort = () => void terminateTagged(this.driver, this.database, tag);
    signal?.addEventListener("abort", onAbort, { once: true });
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      return await session.executeRead((tx) => work(this.txHandle(tx, observer, signal)), { timeout: this.readTimeoutMs, metadata: { kgTx: tag } });
    } catch (e) {
      if (signal?.aborted) throw e instanceof AppError && e.code === "REQUEST_CANCELLED" ? e : cancelled(e);
      throw translateDbError(e);
    } finally {
      signal?.removeEventListener("abort", onAbort);
      await session.close();
    }
  }

  /**
   * Run `work` in one managed write transaction: all of it commits, or none of it. Its last
   * statement stamps the graph (cypher/bumpGraphVersion), so servers in other processes see that
   * their cached answers are stale; taken after every other lock, so two writers cannot deadlock on it.
   */
  async writeTx<T>(work: (tx: Tx) => Promise<T>, observer?: QueryObserver): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      let commit: Commit = { version: 0, committedAt: "", changes: [] };
      const result = await session.executeWrite(async (tx) => {
        // A retried transaction starts its notes afresh: only the attempt that commits is told.
        const changes: ArticleChange[] = [];
        const handle = this.txHandle(tx, observer, undefined, changes);
        const done = await work(handle);
        const [stamp] = await handle.run("bumpGraphVersion");
        commit = { version: Number(stamp?.version ?? 0), committedAt: new Date().toISOString(), changes };
        if (changes.length > 0) {
          const [logged] = await handle.run("recordArticleChanges", {
            changes: changes.map((c) => ({ ...c, entities: int(c.entities), relations: int(c.relations), quotes: int(c.quotes) })),
          });
          if (typeof logged?.committedAt === "string") commit.committedAt = logged.committedAt;
        }
        return done;
      });
      for (const fn of this.commitListeners) {
        try {
          fn(commit);
        } catch {
          // A listener's failure is not the write's: the transaction has committed.
        }
      }
      return result;
    } catch (e) {
      throw translateDbError(e);
    } finally {
      await session.close();
    }
  }

  /** One named read statement. */
  read(name: string, params?: Params, observer?: QueryObserver): Promise<Row[]> {
    return this.readTx((tx) => tx.run(name, params), observer);
  }

  /** One named write statement. */
  write(name: string, params?: Params, observer?: QueryObserver): Promise<Row[]> {
    return this.writeTx((tx) => tx.run(name, params), observer);
  }

  /** True when Neo4j answers a trivial query within `timeoutMs`. Never throws. */
  async ping(timeoutMs = 2_000): Promise<boolean> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      const q = session.run(cypher("ping"), {}, { timeout: timeoutMs });
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, rej) => {
        timer = setTimeout(() => rej(new Error("ping timed out")), timeoutMs);
      });
      try {
        await Promise.race([q, timeout]);
      } finally {
        clearTimeout(timer);
      }
      return true;
    } catch {
      return false;
    } finally {
      await session.close().catch(() => {});
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}
