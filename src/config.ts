/**
 * Configuration from the environment, validated once at start with messages that say what to fix.
 * With no NEO4J_URI, the local Neo4j (src/db/local-neo4j.ts) is used and started when needed.
 */
import { AppError } from "./errors.ts";
import { readLocalCredentials, startLocalNeo4j, type LocalNeo4jOptions } from "./db/local-neo4j.ts";

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

function env(name: string): string | undefined {
  const v = process.env[name];
  return v === undefined || v.trim() === "" ? undefined : v.trim();
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

/** The database name, validated: Neo4j names are letters, digits, dots and dashes. */
function databaseName(): string {
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
export async function resolveNeo4jConfig(
  opts: { start?: boolean; local?: LocalNeo4jOptions } = {},
): Promise<Neo4jConfig> {
  const explicit = explicitNeo4jConfig();
  if (explicit) return explicit;
  const creds = opts.start === false ? readLocalCredentials(opts.local) : await startLocalNeo4j(opts.local);
  if (!creds) {
    throw new AppError(
      "CONFIG_INVALID",
      "NEO4J_URI is not set and no local Neo4j has been set up. Run `npx kg neo4j start` (needs Java 17 and Maven), or set NEO4J_URI, or run `docker compose up -d neo4j`.",
    );
  }
  return { ...creds, database: databaseName(), local: true };
}
