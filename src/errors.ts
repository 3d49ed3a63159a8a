/**
 * Expected failures carry a stable `code` that clients, the CLI and logs can act on.
 * Anything that is not an AppError is unexpected: masked for API clients, logged in full.
 */
export type ErrorCode =
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "UNAUTHENTICATED"
  | "DATABASE_UNAVAILABLE"
  | "DATABASE_BUSY"
  | "CONSTRAINT_VIOLATION"
  | "CONFIG_INVALID"
  | "NEO4J_SETUP_FAILED"
  | "INPUT_UNREADABLE"
  | "QUERY_TIMEOUT"
  | "NLP_UNAVAILABLE"
  | "NLP_FAILED"
  | "NLP_SETUP_FAILED"
  | "REDIS_SETUP_FAILED"
  | "REDIS_UNAVAILABLE"
  | "EXTRACTION_BUDGET_EXCEEDED"
  | "REQUEST_CANCELLED"
  | "SERVER_BUSY";

export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AppError";
    this.code = code;
  }
}

/**
 * A write broke a uniqueness or existence constraint of cypher/schema.cypher (typically: another
 * writer created the same key at the same time). `detail` is Neo4j's message, for the logs.
 */
export class ConstraintViolation extends AppError {
  constructor(
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(
      "CONSTRAINT_VIOLATION",
      "The write conflicts with data stored meanwhile (a key that must be unique already exists); nothing was written: try again.",
      options,
    );
  }
}

/** A one-line description of any thrown value, for logs and CLI output. */
export function describeError(e: unknown): string {
  if (e instanceof AppError) return `${e.code}: ${e.message}`;
  if (e instanceof Error) return e.message;
  return String(e);
}
