/**
 * One writer at a time per graph database, across every worker on every machine: a Redis key set
 * with NX and an expiry, renewed while held and deleted only by its holder. Hand-written (a SET and
 * two short scripts): redlock's quorum over several Redis masters is not needed with the one Redis
 * that is the queue. The lock is for throughput, not safety: a holder that stalls past the expiry lets
 * a second writer in, and Neo4j's own locks (and the driver's deadlock retries) keep the graph right.
 */
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { sleep } from "../local-server/process.ts";

const RENEW = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

export class WriteLock {
  /** Time spent waiting for the lock, ms (for the worker's summary). */
  waitedMs = 0;

  constructor(
    private readonly redis: Redis,
    /** e.g. "kg:write-lock:neo4j": one per database. */
    private readonly key: string,
    /** Renewed every third of it while held; a holder that died blocks the other writers this long at most. */
    private readonly ttlMs = 5_000,
  ) {}

  /** Run `work` while holding the lock; waits for it as long as it takes (and for Redis, when it is away). */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    const token = randomUUID();
    const t0 = performance.now();
    let pause = 1;
    while ((await this.redis.set(this.key, token, "PX", this.ttlMs, "NX")) !== "OK") {
      await sleep(pause);
      pause = Math.min(pause * 2, 20);
    }
    this.waitedMs += performance.now() - t0;
    const renew = setInterval(() => void this.redis.eval(RENEW, 1, this.key, token, String(this.ttlMs)).catch(() => {}), this.ttlMs / 3);
    try {
      return await work();
    } finally {
      clearInterval(renew);
      await this.redis.eval(RELEASE, 1, this.key, token).catch(() => {});
    }
  }
}
