/**
 * Security and limits configuration, read from the environment once at start and validated with
 * messages that name the variable and what it expects. Every default is documented in README.md
 * ("Security and operations"). Production (NODE_ENV=production) flips the defaults to closed:
 * no GraphiQL, no introspection, no field suggestions.
 */
import { createHash } from "node:crypto";
import { AppError } from "../errors.ts";
import { envBool as bool, envInt as int, envValue as get, type Env } from "../config.ts";

export interface QueryLimits {
  /** Deepest selection nesting (KG_MAX_DEPTH). */
  depth: number;
  /** Armor cost estimate ceiling (KG_MAX_COST). */
  cost: number;
  /** Aliases per operation (KG_MAX_ALIASES). */
  aliases: number;
  /** Lexer tokens per document (KG_MAX_TOKENS). */
  tokens: number;
  /** Directives per operation (KG_MAX_DIRECTIVES). */
  directives: number;
}

export interface SecurityConfig {
  production: boolean;
  /** sha256 digests (hex) of the accepted API keys; the keys themselves are not kept. */
  apiKeyDigests: string[];
  /** Mutations without a key (only honoured off production and on a loopback HOST). */
  allowAnonymousWrites: boolean;
  /** Reads (queries, /metrics) need a key too. */
  requireAuthForReads: boolean;
  graphiql: boolean;
  /** The graph explorer page at / (KG_EXPLORER, default on). */
  explorer: boolean;
  introspection: boolean;
  fieldSuggestions: boolean;
  /** Origins allowed by CORS; ["*"] allows any (without credentials); [] allows none (same origin only). */
  corsOrigins: string[];
  /** Largest HTTP request body accepted, bytes (KG_MAX_BODY_BYTES). */
  maxBodyBytes: number;
  limits: QueryLimits;
  /** Serve /metrics (KG_METRICS). */
  metrics: boolean;
  /** GraphQL requests executing at once; more wait in a queue (KG_MAX_CONCURRENT_REQUESTS). */
  maxConcurrentRequests: number;
  /** Longest wait in that queue before 503 SERVER_BUSY, ms (KG_QUEUE_TIMEOUT_MS). */
  queueTimeoutMs: number;
  /** Longest queue (KG_MAX_QUEUE). */
  maxQueue: number;
  /** Most entities in one `GET /export` neighbourhood (KG_EXPORT_MAX_ENTITIES). */
  exportMaxEntities: number;
}

export const DEFAULT_LIMITS: QueryLimits = { depth: 10, cost: 5000, aliases: 15, tokens: 1000, directives: 20 };
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;
/** Keys shorter than this are refused: they are guessable. */
export const MIN_API_KEY_LENGTH = 16;

export function digestKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export function isLoopbackHost(host: string): boolean {
  return host === "127.0.0.1" || host === "::1" || host === "localhost" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Read the security settings.
 *
 * @param host the interface the server listens on: anonymous writes are refused unless it is loopback.
 */
export function securityConfig(env: Env = process.env, host = get(env, "HOST") ?? "127.0.0.1"): SecurityConfig {
  const production = env.NODE_ENV === "production";
  const keys = (get(env, "KG_API_KEYS") ?? "")
    .split(",")
    .map((k) => k.trim())
    .filter((k) => k !== "");
  for (const k of keys) {
    if (k.length < MIN_API_KEY_LENGTH || /\s/.test(k)) {
      throw new AppError(
        "CONFIG_INVALID",
        `KG_API_KEYS: every key must be at least ${MIN_API_KEY_LENGTH} characters without spaces (one key is ${k.length}). Generate one with: openssl rand -hex 24`,
      );
    }
  }
  const allowAnonymousWrites = bool(env, "KG_ALLOW_ANONYMOUS_WRITES", false);
  if (allowAnonymousWrites && production) {
    throw new AppError("CONFIG_INVALID", "KG_ALLOW_ANONYMOUS_WRITES=true is refused with NODE_ENV=production: set KG_API_KEYS instead.");
  }
  if (allowAnonymousWrites && !isLoopbackHost(host)) {
    throw new AppError(
      "CONFIG_INVALID",
      `KG_ALLOW_ANONYMOUS_WRITES=true is only allowed when HOST is a loopback address (127.0.0.1, ::1, localhost), not "${host}": set KG_API_KEYS instead.`,
    );
  }
  const introspection = bool(env, "KG_INTROSPECTION", !production);
  const cors = get(env, "KG_CORS_ORIGINS");
  const corsOrigins =
    cors === undefined
      ? []
      : cors
          .split(",")
          .map((o) => o.trim().replace(/\/+$/, ""))
          .filter((o) => o !== "");
  for (const o of corsOrigins) {
    if (o !== "*" && !/^https?:\/\/[^/\s]+$/i.test(o)) {
      throw new AppError(
        "CONFIG_INVALID",
        `KG_CORS_ORIGINS: "${o}" is not an origin; use e.g. https://app.example.org,http://localhost:5173 (scheme://host[:port], no path), or *.`,
      );
    }
  }
  return {
    production,
    apiKeyDigests: keys.map(digestKey),
    allowAnonymousWrites,
    requireAuthForReads: bool(env, "KG_REQUIRE_AUTH_FOR_READS", false),
    graphiql: bool(env, "KG_GRAPHIQL", !production),
    explorer: bool(env, "KG_EXPLORER", true),
    introspection,
    fieldSuggestions: bool(env, "KG_FIELD_SUGGESTIONS", introspection),
    corsOrigins,
    maxBodyBytes: int(env, "KG_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES, 1024, 1024 * 1024 * 1024),
    limits: {
      depth: int(env, "KG_MAX_DEPTH", DEFAULT_LIMITS.depth, 1, 1000),
      cost: int(env, "KG_MAX_COST", DEFAULT_LIMITS.cost, 1, 10_000_000),
      aliases: int(env, "KG_MAX_ALIASES", DEFAULT_LIMITS.aliases, 0, 10_000),
      tokens: int(env, "KG_MAX_TOKENS", DEFAULT_LIMITS.tokens, 10, 10_000_000),
      directives: int(env, "KG_MAX_DIRECTIVES", DEFAULT_LIMITS.directives, 0, 10_000),
    },
    metrics: bool(env, "KG_METRICS", true),
    maxConcurrentRequests: int(env, "KG_MAX_CONCURRENT_REQUESTS", 16, 1, 10_000),
    queueTimeoutMs: int(env, "KG_QUEUE_TIMEOUT_MS", 10_000, 0, 600_000),
    maxQueue: int(env, "KG_MAX_QUEUE", 1000, 0, 1_000_000),
    exportMaxEntities: int(env, "KG_EXPORT_MAX_ENTITIES", 2000, 1, 100_000),
  };
}
