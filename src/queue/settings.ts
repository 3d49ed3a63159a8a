/**
 * The queue's settings (KG_QUEUE_*, KG_JOB_*), read and validated once at start like the pool's
 * (src/extraction/pool.ts), with messages that name the variable.
 */
import { envBool, envInt, envValue, type Env } from "../config.ts";
import { AppError } from "../errors.ts";

export interface QueueSettings {
  /** BullMQ queue name (KG_QUEUE_NAME, default "kg-ingest"); one queue per graph database. */
  name: string;
  /** Tries per job before it goes to the failed set (KG_JOB_ATTEMPTS, default 5). */
  attempts: number;
  /** First retry delay, doubled at each try (KG_JOB_BACKOFF_MS, default 2 s). */
  backoffMs: number;
  /**
   * How long a worker's lock on a job lasts without renewal (KG_JOB_LOCK_MS, default 30 s): a job
   * whose worker died is handed to another worker this long after its last renewal.
   */
  lockMs: number;
  /** One writer at a time per database across all workers (KG_QUEUE_WRITE_LOCK, default true); see README "Running at scale". */
  writeLock: boolean;
}

export function queueSettings(e: Env = process.env): QueueSettings {
  const name = envValue(e, "KG_QUEUE_NAME") ?? "kg-ingest";
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name)) {
    throw new AppError("CONFIG_INVALID", `KG_QUEUE_NAME must be letters, digits, '.', '_' or '-' (no ':'), got "${name}".`);
  }
  return {
    name,
    attempts: envInt(e, "KG_JOB_ATTEMPTS", 5, 1, 100),
    backoffMs: envInt(e, "KG_JOB_BACKOFF_MS", 2_000, 0, 3_600_000),
    lockMs: envInt(e, "KG_JOB_LOCK_MS", 30_000, 1_000, 3_600_000),
    writeLock: envBool(e, "KG_QUEUE_WRITE_LOCK", true),
  };
}
