/**
 * Per-request context: the process-wide Db, and DataLoaders created lazily for this request only
 * (a loader's cache must never outlive the request that filled it).
 */
import type { Db } from "../db/client.ts";
import type { Logger } from "pino";

export interface AppContext {
  db: Db;
  log: Logger;
  requestId: string;
  /** Loaders keyed by name, made on first use in this request (see `loader()` in loaders.ts). */
  loaders: Map<string, unknown>;
}

export function createContext(db: Db, log: Logger, requestId: string): AppContext {
  return { db, log: log.child({ requestId }), requestId, loaders: new Map() };
}
