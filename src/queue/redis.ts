/**
 * The Redis connection a queue process holds (ioredis, as BullMQ wants it): commands wait while
 * Redis is away instead of failing (maxRetriesPerRequest: null), and it reconnects by itself, so a
 * Redis restart pauses workers and enqueuers rather than ending them. One warning per outage.
 */
import { Redis } from "ioredis";
import type { Logger } from "pino";

export function connectRedis(url: string, log: Logger, role: string): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    // Reconnect at once, then every 0.2-2 s while Redis is away.
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    connectionName: `kg-${role}`,
  });
  let away = false;
  redis.on("error", (err: Error) => {
    if (away) return;
    away = true;
    log.warn({ err: err.message, redis: redactedUrl(url) }, "redis unreachable: waiting for it to come back");
  });
  redis.on("ready", () => {
    if (!away) return;
    away = false;
    log.info({ redis: redactedUrl(url) }, "redis is back");
  });
  return redis;
}

/** The URL without its password, for logs. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparsable URL)";
  }
}
