/**
 * Per-request context: the store over the process-wide Db (this request's view of it), and DataLoaders created lazily for this request only
 * (a loader's cache must never outlive the request that filled it).
 */
import type { Store } from "../store/index.ts";
import type { NlpBackbone } from "../nlp/types.ts";
import type { ExtractionPool } from "../extraction/pool.ts";
import type { IngestQueue } from "../queue/ingest-queue.ts";
import type { Logger } from "pino";
import type { EventHub } from "../events/hub.ts";

/** Who is calling: set from `Authorization: Bearer …` by src/security/auth.ts. */
export interface AuthState {
  /** A valid API key was presented. */
  authenticated: boolean;
  /** An Authorization header was sent but it is not a valid key (always refused). */
  invalid: boolean;
  /** Short, non-secret fingerprint of the key used (first 8 hex of its sha256), for logs. */
  keyId?: string;
}

export const ANONYMOUS: AuthState = Object.freeze({ authenticated: false, invalid: false });

export interface AppContext {
  /** Every question this request asks of the graph goes through here (src/store). */
  store: Store;
  /** The process's logger (no per-request child: put `requestId` on the line where it matters). */
  log: Logger;
  requestId: string;
  /** Loaders keyed by name, made on first use in this request (see `loader()` in loaders.ts). */
  loaders: Map<string, unknown>;
  /** The caller's credentials (anonymous unless an API key was presented). */
  auth: AuthState;
  /** The process-wide NLP backbone that ingests extract with (absent: rules only). */
  nlp?: NlpBackbone;
  /** The server's extraction worker pool (absent: extraction in this thread). */
  pool?: ExtractionPool;
  /** The server's event hub: what subscriptions listen to and ingests report progress on (absent: no subscriptions). */
  events?: EventHub;
  /** The ingest queue, when the server has one (KG_REDIS_URL): enqueued ingests and their jobs' progress. */
  queue?: IngestQueue;
}

export function createContext(store: Store, log: Logger, requestId: string, auth: AuthState = ANONYMOUS, nlp?: NlpBackbone): AppContext {
  return { store, log, requestId, loaders: new Map(), auth, ...(nlp ? { nlp } : {}) };
}
