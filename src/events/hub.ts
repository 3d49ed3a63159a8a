/**
 * The event hub: what the subscriptions listen to, in one process, fed from every process.
 *
 * - A write this process commits is announced at once (`Db.onCommit`).
 * - Writes by other processes (`kg ingest`, another replica) are learnt from the change log:
 *   every `pollMs` the hub reads the ArticleChange entries after the last graph version it knows
 *   (cypher/articleChangesSince, an index seek), so nothing is missed without any extra service.
 * - With KG_REDIS_URL, commits and ingest progress also go through Redis pub/sub
 *   (@graphql-yoga/redis-event-target), so every replica hears them within milliseconds. The poll
 *   keeps running as the safety net, slower (`redisPollMs`: for writers without KG_REDIS_URL); while
 *   Redis is down it is the only path, at `pollMs` (readiness warns), and when Redis returns the hub
 *   uses it again. A commit heard twice (Redis and the poll) is
 *   announced once: commits are told apart by their graph version, which orders them.
 *
 * Subscribers get plain async iterators; `close()` ends them all (server shutdown), and at most
 * `maxSubscriptions` are open at once.
 */
import { setMaxListeners } from "node:events";
import { createPubSub, type Repeater } from "graphql-yoga";
import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import { CustomEvent } from "@whatwg-node/events";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import type { ArticleChange, Commit } from "../graph/changes.ts";
import type { EventsConfig } from "./config.ts";
import { readChangesSince, readGraphVersion } from "./change-log.ts";
import { expand } from "./streams.ts";

/** One article's change as subscribers see it. */
export interface ArticleChangedEvent extends ArticleChange {
  version: number;
  committedAt: string;
}

/** How far an ingest started with a job id has got. */
export interface IngestProgress {
  jobId: string;
  done: number;
  failed: number;
  total: number;
  /** The last event of the job. */
  finished: boolean;
}

type Topics = { articleChanged: [ArticleChangedEvent]; ingestProgress: [jobId: string, progress: IngestProgress] };

/** Where the hub's cross-process events travel: Redis when configured and reachable, else only the change log. */
export type EventTransport = "local" | "redis" | "redis-down";

// Private: commits remembered as announced, so one heard both from Redis and from the poll is announced once.
const REMEMBERED_COMMITS = 10_000;
// Private: commits read per poll; a backlog is read over successive polls.
const POLL_LIMIT = 100;
// Private: how long `close()` waits for a change-log read in flight, ms.
const CLOSE_WAIT_MS = 5_000;

export class EventHub {
  private readonly local: ReturnType<typeof createPubSub<Topics>>;
  private readonly open = new Set<Repeater<unknown>>();
  private readonly announced = new Set<number>();
  /** The graph version the poll has read up to; undefined until first read. */
  private cursor: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private unsubscribe: (() => void) | undefined;
  private redis: { pub: Redis; sub: Redis; target: ReturnType<typeof createRedisEventTarget>; ready: boolean } | undefined;
  private closed = false;
  /** Commits announced, by the path that brought them first (tests and metrics see which path works). */
  readonly heard = { local: 0, redis: 0, poll: 0 };

  constructor(
    private readonly opts: (
      | { db: Db; role?: "serve" | "publish" }
      /** A publisher without Neo4j (`kg ingest --queue`): only ingest progress, on the channels of `database`. */
      | { db?: undefined; database: string; role: "publish" }
    ) & {
      log: Logger;
      config: EventsConfig;
      /** "serve": announce to subscribers (the API); "publish": only send this process's commits and progress to Redis (`kg ingest`, `kg worker`). */
      role?: "serve" | "publish";
    },
  ) {
    // One listener per open subscription: Node's leak warning (at 11) would fire on any busy server.
    const target = new EventTarget();
    setMaxListeners(opts.config.maxSubscriptions + 10, target);
    this.local = createPubSub<Topics>({ eventTarget: target });
  }

  private get serving(): boolean {
    return this.opts.role !== "publish";
  }

  /** Redis channel names, per database, so two graphs sharing one Redis do not mix. */
  private channel(name: "articleChanged" | "ingestProgress"): string {
    return `kg:${this.opts.db ? this.opts.db.database : this.opts.database}:${name}`;
  }

  /** Start listening: commits of this process, the change-log poll (serve), and Redis when configured. */
  start(): this {
    this.unsubscribe = this.opts.db?.onCommit((c) => this.onLocalCommit(c));
    if (this.opts.config.redisUrl) this.connectRedis(this.opts.config.redisUrl);
    if (this.serving) void this.pollLoop();
    return this;
  }

  // Private: poll every pollMs, or every redisPollMs while Redis carries the events (the poll then only
  // catches writers without KG_REDIS_URL, and messages lost in a Redis hiccup).
  private async pollLoop(): Promise<void> {
    await this.poll();
    if (this.closed) return;
    const { pollMs, redisPollMs } = this.opts.config;
    const wait = this.redis?.ready ? Math.max(pollMs, redisPollMs) : pollMs;
    this.timer = setTimeout(() => void this.pollLoop(), wait);
    this.timer.unref();
  }

  get transport(): EventTransport {
    return !this.redis ? "local" : this.redis.ready ? "redis" : "redis-down";
  }

  /** Subscriptions open now. */
  get size(): number {
    return this.open.size;
  }

  private connectRedis(url: string): void {
    // Bounded retries per command and a capped reconnect back-off: a Redis outage costs a warning, not a stall.
    const options = { maxRetriesPerRequest: 1, connectTimeout: 2_000, retryStrategy: (n: number) => Math.min(100 * n, 1_000), lazyConnect: true };
    const pub = new Redis(url, options);
    const sub = new Redis(url, options);
    // The event target publishes without awaiting: a publish that fails while Redis goes away must not
    // become an unhandled rejection, and the poll delivers that commit anyway.
    const publisher = { publish: (channel: string, message: string) => pub.publish(channel, message).catch(() => 0) };
    const target = createRedisEventTarget({ publishClient: publisher as unknown as Redis, subscribeClient: sub });
    const r = { pub, sub, target, ready: false };
    this.redis = r;
    const update = () => {
      const ready = pub.status === "ready" && sub.status === "ready";
      if (ready === r.ready || this.closed) return;
      r.ready = ready;
      if (ready) this.opts.log.info({ redis: redactUrl(url) }, "events: Redis reachable, events go through it");
      else {
        this.opts.log.warn({ redis: redactUrl(url) }, "events: Redis unreachable, falling back to polling the change log");
        // Back to the short interval at once, not after the long one in progress.
        if (this.serving && this.timer) {
          clearTimeout(this.timer);
          void this.pollLoop();
        }
      }
    };
    for (const c of [pub, sub]) {
      c.on("ready", update);
      c.on("close", update);
      c.on("end", update);
      c.on("error", () => update());
    }
    if (this.serving) {
      // Subscribed once; ioredis subscribes again by itself after every reconnection.
      target.addEventListener(this.channel("articleChanged"), (e: Event) => this.announce((e as CustomEvent<Commit>).detail, "redis"));
      target.addEventListener(this.channel("ingestProgress"), (e: Event) => {
        const p = (e as CustomEvent<IngestProgress>).detail;
        this.local.publish("ingestProgress", p.jobId, p);
      });
    }
    pub.connect().catch(() => update());
    sub.connect().catch(() => update());
  }

  private onLocalCommit(commit: Commit): void {
    if (commit.changes.length === 0 || this.closed) return;
    if (this.redis?.ready) this.redis.target.dispatchEvent(new CustomEvent(this.channel("articleChanged"), { detail: commit }));
    // Announced here too (not only when it comes back from Redis): the subscribers of this process
    // hear their own server's writes at once, and a Redis that fails mid-publish loses nothing.
    if (this.serving) this.announce(commit, "local");
  }

  // Private: tell the subscribers of this process about a commit, once.
  private announce(commit: Commit, via: keyof EventHub["heard"]): void {
    if (this.announced.has(commit.version) || this.closed) return;
    this.announced.add(commit.version);
    this.heard[via]++;
    if (this.announced.size > REMEMBERED_COMMITS) this.announced.delete(this.announced.values().next().value!);
    for (const c of commit.changes) this.local.publish("articleChanged", { ...c, version: commit.version, committedAt: commit.committedAt });
  }

  /** Read the change log after the cursor once, announcing what is new. Never throws. */
  poll(): Promise<void> {
    const db = this.opts.db;
    if (!db) return Promise.resolve();
    this.polling ??= (async () => {
      try {
        if (this.cursor === undefined) {
          this.cursor = await readGraphVersion(db);
          return;
        }
        for (const commit of await readChangesSince(db, this.cursor, POLL_LIMIT)) {
          this.announce(commit, "poll");
          this.cursor = Math.max(this.cursor, commit.version);
        }
      } catch (err) {
        this.opts.log.debug({ err }, "events: change log unreadable; polling again");
      } finally {
        this.polling = undefined;
      }
    })();
    return this.polling;
  }

  /** Resolves once Redis carries the events, or after `timeoutMs` (a publisher's first event would be dropped before). */
  async whenReady(timeoutMs: number): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (this.redis && !this.redis.ready && !this.closed && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    return this.redis?.ready === true;
  }

  /** Publish an ingest job's progress to every replica's `ingestProgress(jobId)` subscribers. */
  publishProgress(p: IngestProgress): void {
    if (this.closed) return;
    if (this.redis?.ready) this.redis.target.dispatchEvent(new CustomEvent(this.channel("ingestProgress"), { detail: p }));
    else if (this.serving) this.local.publish("ingestProgress", p.jobId, p);
  }

  /** Article changes from now on, until the subscriber leaves or the hub closes. Throws SERVER_BUSY at the limit. */
  articleChanges(): AsyncIterableIterator<ArticleChangedEvent> {
    return this.stream(this.local.subscribe("articleChanged"));
  }

  /** One job's progress from now on; ends after its `finished` event. Throws SERVER_BUSY at the limit. */
  progress(jobId: string): AsyncIterableIterator<IngestProgress> {
    return expand(this.stream(this.local.subscribe("ingestProgress", jobId)), (p) => [p], { last: (p) => p.finished });
  }

  // Private: count the subscription against the limit, and end it when the hub closes.
  private stream<T>(source: Repeater<T>): AsyncIterableIterator<T> {
    const max = this.opts.config.maxSubscriptions;
    if (this.closed) throw new AppError("SERVER_BUSY", "The server is shutting down: subscribe again to another replica, or shortly.");
    if (this.open.size >= max) {
      void source.return();
      throw new AppError(
        "SERVER_BUSY",
        `This server already holds its limit of ${max} open subscriptions (KG_MAX_SUBSCRIPTIONS): retry shortly or use another replica.`,
      );
    }
    this.open.add(source as Repeater<unknown>);
    const done = () => this.open.delete(source as Repeater<unknown>);
    return {
      next: () => source.next().then((r) => (r.done && done(), r)),
      return: () => (done(), source.return()),
      throw: (e: unknown) => (done(), source.throw(e)),
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /** End every subscription stream (each client gets a clean `complete`), stop polling, leave Redis. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    this.unsubscribe?.();
    await Promise.all([...this.open].map((s) => s.return()));
    this.open.clear();
    // An in-flight change-log read is waited for, but not for ever: its result is dropped once closed anyway.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.polling, new Promise((r) => (timer = setTimeout(r, CLOSE_WAIT_MS)))]);
    clearTimeout(timer);
    if (this.redis) {
      const { pub, sub } = this.redis;
      // QUIT waits for Redis's answer, which never comes while it is away: then the connection is just dropped.
      await Promise.all(
        [pub, sub].map(async (c) => {
          let t: NodeJS.Timeout | undefined;
          await Promise.race([c.quit().catch(() => {}), new Promise((r) => (t = setTimeout(r, CLOSE_WAIT_MS)))]);
          clearTimeout(t);
          c.disconnect();
        }),
      );
    }
  }
}

/** A Redis URL without its password, for logs. */
export function redactUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}
