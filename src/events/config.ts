/** Settings of the subscriptions' event hub, read and checked once at start. */
import { envInt, redisUrl, type Env } from "../config.ts";

export interface EventsConfig {
  /** Most subscriptions open at once on one server (KG_MAX_SUBSCRIPTIONS). */
  maxSubscriptions: number;
  /** How often the change log is read for other processes' writes, ms (KG_GRAPH_VERSION_POLL_MS, shared with the response cache). */
  pollMs: number;
  /** How often the change log is still read while Redis carries the events, ms (KG_EVENTS_REDIS_POLL_MS): the safety net for writers without KG_REDIS_URL. */
  redisPollMs: number;
  /** Redis for events between processes (KG_REDIS_URL); undefined: the change log only. */
  redisUrl: string | undefined;
}

export function eventsConfig(env: Env = process.env): EventsConfig {
  return {
    maxSubscriptions: envInt(env, "KG_MAX_SUBSCRIPTIONS", 1000, 0, 100_000),
    pollMs: envInt(env, "KG_GRAPH_VERSION_POLL_MS", 1000, 50, 600_000),
    redisPollMs: envInt(env, "KG_EVENTS_REDIS_POLL_MS", 10_000, 50, 600_000),
    redisUrl: redisUrl(env),
  };
}
