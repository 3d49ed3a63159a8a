/**
 * Configuration from the environment, validated once at start with messages that say what to fix.
 * With no NEO4J_URI, the local Neo4j (src/db/local-neo4j.ts) is used and started when needed;
 * likewise, with no CORENLP_URL (and KG_NLP not "none"), the local CoreNLP (src/nlp/local-corenlp.ts).
 */
import { AppError } from "./errors.ts";
import type { LocalNeo4jOptions } from "./db/local-neo4j.ts";
import { checkedPort } from "./local-server/process.ts";
import { CoreNlpClient, type CoreNlpClientOptions } from "./nlp/corenlp-client.ts";
import { localCoreNlpStatus, startLocalCoreNlp, type LocalCoreNlpOptions } from "./nlp/local-corenlp.ts";
import type { NlpBackbone } from "./nlp/types.ts";
import type { LocalRedisOptions } from "./redis/local-redis.ts";

export interface Neo4jConfig {
  uri: string;
  user: string;
  password: string;
  database: string;
  /** True when the URI points at the Docker-free server this project started. */
  local: boolean;
}

export interface ServerConfig {
  host: string;
  port: number;
}

const URI_SCHEMES = ["bolt:", "bolt+s:", "bolt+ssc:", "neo4j:", "neo4j+s:", "neo4j+ssc:"];

/** An environment to read settings from (process.env, or a test's own). */
export type Env = Record<string, string | undefined>;

/** A variable's value, trimmed; unset and blank are the same. */
export function envValue(e: Env, name: string): string | undefined {
  const v = e[name];
  return v === undefined || v.trim() === "" ? undefined : v.trim();
}

function env(name: string): string | undefined {
  return envValue(process.env, name);
}

/** A true/false variable (true|1|yes|on, false|0|no|off), else CONFIG_INVALID naming it. */
export function envBool(e: Env, name: string, dflt: boolean): boolean {
  const v = envValue(e, name);
  if (v === undefined) return dflt;
  if (/^(true|1|yes|on)$/i.test(v)) return true;
  if (/^(false|0|no|off)$/i.test(v)) return false;
  throw new AppError("CONFIG_INVALID", `${name} must be true or false, got "${v}".`);
}

/** A whole-number variable within [min, max], else CONFIG_INVALID naming it and the range. */
export function envInt(e: Env, name: string, dflt: number, min: number, max: number): number {
  const v = envValue(e, name);
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new AppError("CONFIG_INVALID", `${name} must be a whole number from ${min} to ${max}, got "${v}".`);
  }
  return n;
}

/** Settings several parts of the service share, read and validated together. */
export interface Settings {
  /** Server-side limit on one read transaction, ms (KG_QUERY_TIMEOUT_MS). */
  queryTimeoutMs: number;
  /** How long `kg ingest` retries transient Neo4j failures, ms (KG_INGEST_RETRY_MS). */
  ingestRetryMs: number;
  /** Largest article text accepted on ingest, bytes of UTF-8 (KG_MAX_ARTICLE_BYTES). */
  maxArticleBytes: number;
}

/** Read and validate the shared settings from `e`. */
export function readSettings(e: Env = process.env): Settings {
  return {
    queryTimeoutMs: envInt(e, "KG_QUERY_TIMEOUT_MS", 10_000, 1, 3_600_000),
    ingestRetryMs: envInt(e, "KG_INGEST_RETRY_MS", 120_000, 0, 86_400_000),
    maxArticleBytes: envInt(e, "KG_MAX_ARTICLE_BYTES", 2 * 1024 * 1024, 1, 1024 * 1024 * 1024),
  };
}

let current: Settings | undefined;

/**
 * The process's settings, read from process.env once (the CLI reads them before any command, so
 * a bad value stops the start, naming the variable) and the same object for the rest of the run.
 */
export function settings(): Settings {
  current ??= readSettings();
  return current;
}

/** The local Neo4j's settings from KG_NEO4J_* (home base, instance, Bolt port, memory). */
export function localNeo4jDefaults(e: Env = process.env): { base: string | undefined; instance: string; boltPort: number; heap: string; pageCache: string } {
  const memory = (name: string, dflt: string): string => {
    const v = envValue(e, name) ?? dflt;
    if (!/^[1-9][0-9]*[kKmMgG]$/.test(v)) throw new AppError("CONFIG_INVALID", `${name} must be a size such as 1g or 512m, got "${v}".`);
    return v;
  };
  return {
    base: envValue(e, "KG_NEO4J_HOME_BASE"),
    instance: envValue(e, "KG_NEO4J_INSTANCE") ?? "default",
    boltPort: checkedPort(envValue(e, "KG_NEO4J_BOLT_PORT") ?? 7687, "KG_NEO4J_BOLT_PORT"),
    heap: memory("KG_NEO4J_HEAP", "1g"),
    pageCache: memory("KG_NEO4J_PAGECACHE", "512m"),
  };
}

export function serverConfig(): ServerConfig {
  const host = env("HOST") ?? "127.0.0.1";
  const portRaw = env("PORT") ?? "4000";
  const port = Number(portRaw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new AppError("CONFIG_INVALID", `PORT must be a whole number from 0 to 65535, got "${portRaw}".`);
  }
  return { host, port };
}

/** The database name (NEO4J_DATABASE, default "neo4j"), validated: Neo4j names are letters, digits, dots and dashes. */
export function databaseName(): string {
  const db = env("NEO4J_DATABASE") ?? "neo4j";
  if (!/^[A-Za-z][A-Za-z0-9.-]{0,62}$/.test(db)) {
    throw new AppError("CONFIG_INVALID", `NEO4J_DATABASE "${db}" is not a valid database name (letters, digits, '.', '-'; starts with a letter).`);
  }
  return db;
}

/** Neo4j settings from NEO4J_* when NEO4J_URI is set, else undefined. */
export function explicitNeo4jConfig(): Neo4jConfig | undefined {
  const uri = env("NEO4J_URI");
  if (!uri) return undefined;
  let scheme: string;
  try {
    scheme = new URL(uri).protocol;
  } catch {
    throw new AppError("CONFIG_INVALID", `NEO4J_URI "${uri}" is not a URI. Use e.g. bolt://127.0.0.1:7687 or neo4j+s://host:7687.`);
  }
  if (!URI_SCHEMES.includes(scheme)) {
    throw new AppError("CONFIG_INVALID", `NEO4J_URI must start with one of ${URI_SCHEMES.map((s) => s + "//").join(", ")}; got "${uri}".`);
  }
  const password = env("NEO4J_PASSWORD");
  if (!password) {
    throw new AppError("CONFIG_INVALID", "NEO4J_URI is set but NEO4J_PASSWORD is not. Set NEO4J_PASSWORD (and NEO4J_USER if it is not 'neo4j').");
  }
  return { uri, user: env("NEO4J_USER") ?? "neo4j", password, database: databaseName(), local: false };
}

/**
 * Where to find Neo4j: NEO4J_* if NEO4J_URI is set, else the local server, started if it is not
 * running (`start: false` only reads its credentials, for a server that must not start Neo4j).
 */
export async function resolveNeo4jConfig(opts: { start?: boolean; local?: LocalNeo4jOptions } = {}): Promise<Neo4jConfig> {
  const explicit = explicitNeo4jConfig();
  if (explicit) return explicit;
  // Loaded here, not at the top: local-neo4j.ts reads its defaults from this module.
  const { readLocalCredentials, startLocalNeo4j } = await import("./db/local-neo4j.ts");
  const creds = opts.start === false ? readLocalCredentials(opts.local) : await startLocalNeo4j(opts.local);
  if (!creds) {
    throw new AppError(
      "CONFIG_INVALID",
      "NEO4J_URI is not set and no local Neo4j has been set up. Run `npx kg neo4j start` (needs Java 17 and Maven), or set NEO4J_URI, or run `docker compose up -d neo4j`.",
    );
  }
  return { ...creds, database: databaseName(), local: true };
}

/** Which NLP backbone extraction uses: CoreNLP at `url` (`local` when it is the server this project starts), or none (rules only). */
export type NlpConfig = { mode: "none" } | { mode: "corenlp"; url: string; local: boolean };

/** KG_NLP=none, or CORENLP_URL when set; undefined means the local CoreNLP. */
export function explicitNlpConfig(): NlpConfig | undefined {
  const mode = (env("KG_NLP") ?? "corenlp").toLowerCase();
  if (mode !== "corenlp" && mode !== "none") {
    throw new AppError(
      "CONFIG_INVALID",
      `KG_NLP must be "corenlp" (the default: a CoreNLP server tags entities) or "none" (rules only), got "${env("KG_NLP")}".`,
    );
  }
  if (mode === "none") return { mode: "none" };
  const url = env("CORENLP_URL");
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError(
      "CONFIG_INVALID",
      `CORENLP_URL "${url}" is not a URL. Use e.g. http://127.0.0.1:9000 (a CoreNLP server), or unset it to use the local one.`,
    );
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new AppError("CONFIG_INVALID", `CORENLP_URL must start with http:// or https://, got "${url}".`);
  }
  return { mode: "corenlp", url: url.replace(/\/+$/, ""), local: false };
}

/** The local CoreNLP's settings from KG_CORENLP_* (port, instance, heap, threads, home base). */
export function localCoreNlpOptions(): LocalCoreNlpOptions & { instance: string; port: number; heap: string; threads: number } {
  const heap = env("KG_CORENLP_HEAP") ?? "2g";
  if (!/^[1-9][0-9]*[kKmMgG]$/.test(heap)) {
    throw new AppError("CONFIG_INVALID", `KG_CORENLP_HEAP must be a Java heap size such as 2g or 1536m, got "${heap}".`);
  }
  const base = env("KG_CORENLP_HOME_BASE");
  return {
    instance: env("KG_CORENLP_INSTANCE") ?? "default",
    port: checkedPort(env("KG_CORENLP_PORT") ?? 9000, "KG_CORENLP_PORT"),
    heap,
    threads: envInt(process.env, "KG_CORENLP_THREADS", 2, 1, 64),
    ...(base ? { base } : {}),
  };
}

/** The port of the local test CoreNLP (KG_TEST_CORENLP_PORT, default 9010), apart from a developer's 9000. */
export function testCoreNlpPort(): number {
  return checkedPort(env("KG_TEST_CORENLP_PORT") ?? 9010, "KG_TEST_CORENLP_PORT");
}

/**
 * Where to find the NLP backbone: none with KG_NLP=none, CORENLP_URL when set, else the local server,
 * started if it is not running (`start: false` only says where it would be, for a process that must not start it).
 */
export async function resolveNlpConfig(opts: { start?: boolean; local?: LocalCoreNlpOptions } = {}): Promise<NlpConfig> {
  const explicit = explicitNlpConfig();
  if (explicit) return explicit;
  const local = { ...localCoreNlpOptions(), ...opts.local };
  const url = opts.start === false ? localCoreNlpStatus(local).url : (await startLocalCoreNlp(local)).url;
  return { mode: "corenlp", url, local: true };
}

/** The backbone for a configuration: a CoreNLP client, or undefined for rules only. */
export function createBackbone(cfg: NlpConfig, client: Omit<CoreNlpClientOptions, "url"> = {}): NlpBackbone | undefined {
  return cfg.mode === "none" ? undefined : new CoreNlpClient({ ...client, url: cfg.url });
}

/**
 * KG_REDIS_URL: the Redis that carries the job queue and the subscription events between processes.
 * Unset means no Redis (ingest runs in-process, subscriptions poll). Only redis:// and rediss:// are accepted.
 */
export function redisUrl(e: Env = process.env): string | undefined {
  const url = envValue(e, "KG_REDIS_URL");
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError("CONFIG_INVALID", `KG_REDIS_URL "${url}" is not a URL. Use e.g. redis://127.0.0.1:6379, or unset it to run without Redis.`);
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") {
    throw new AppError("CONFIG_INVALID", `KG_REDIS_URL must start with redis:// or rediss://, got "${url}".`);
  }
  return url;
}

/** The local Redis's settings from KG_REDIS_PORT / KG_REDIS_INSTANCE (`kg redis start`). */
export function localRedisOptions(): LocalRedisOptions & { instance: string; port: number } {
  return {
    instance: env("KG_REDIS_INSTANCE") ?? "default",
    port: checkedPort(env("KG_REDIS_PORT") ?? 6379, "KG_REDIS_PORT"),
  };
}

/** The port of the local test Redis (KG_TEST_REDIS_PORT, default 6390), apart from a developer's 6379. */
export function testRedisPort(): number {
  return checkedPort(env("KG_TEST_REDIS_PORT") ?? 6390, "KG_TEST_REDIS_PORT");
}
