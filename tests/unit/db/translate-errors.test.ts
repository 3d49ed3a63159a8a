import { describe, expect, it } from "vitest";
import { Neo4jError } from "neo4j-driver";
import { translateDbError } from "../../../src/db/client.ts";
import { AppError, ConstraintViolation } from "../../../src/errors.ts";
import { statusFor } from "../../../src/server/status.ts";

const neo = (code: string, message = "detail from the server") => new Neo4jError(message, code, "50N42", "error: general processing exception");
const codeOf = (e: unknown) => (e instanceof AppError ? e.code : "unexpected");

describe("driver errors become typed errors at one boundary (translateDbError)", () => {
  it.each([
    ["Neo.TransientError.Transaction.DeadlockDetected", "DATABASE_BUSY"],
    ["Neo.TransientError.Transaction.LockClientStopped", "DATABASE_BUSY"],
    ["Neo.TransientError.General.MemoryPoolOutOfMemoryError", "DATABASE_BUSY"],
    ["Neo.TransientError.General.DatabaseUnavailable", "DATABASE_UNAVAILABLE"],
    ["ServiceUnavailable", "DATABASE_UNAVAILABLE"],
    ["SessionExpired", "DATABASE_UNAVAILABLE"],
    ["Neo.ClientError.Security.Unauthorized", "DATABASE_UNAVAILABLE"],
    ["Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration", "QUERY_TIMEOUT"],
    ["Neo.ClientError.Schema.ConstraintValidationFailed", "CONSTRAINT_VIOLATION"],
    ["Neo.ClientError.Statement.SyntaxError", "unexpected"],
  ])("%s → %s", (code, expected) => {
    const e = neo(code);
    const t = translateDbError(e);
    expect(codeOf(t)).toBe(expected);
    // The server's own words never become the client's message; they stay reachable as the cause, for the log.
    if (t instanceof AppError) {
      expect(t.message).not.toMatch(/detail from the server/);
      expect(t.cause).toBe(e);
    } else expect(t).toBe(e);
  });

  it("a constraint violation is its own class, keeping Neo4j's words for the log", () => {
    const t = translateDbError(
      neo("Neo.ClientError.Schema.ConstraintValidationFailed", "Node(12) already exists with label `Article` and property `id` = 'x'"),
    );
    expect(t).toBeInstanceOf(ConstraintViolation);
    expect((t as ConstraintViolation).detail).toMatch(/already exists/);
  });

  it("reads a driver-side connection failure by its message only when it has no Neo4j code", () => {
    expect(codeOf(translateDbError(new Error("connect ECONNREFUSED 127.0.0.1:7687")))).toBe("DATABASE_UNAVAILABLE");
    expect(codeOf(translateDbError(neo("Neo.ClientError.Statement.SyntaxError", "ECONNREFUSED in a string literal")))).toBe("unexpected");
  });

  it("DATABASE_BUSY answers 503 with Retry-After: 1, like SERVER_BUSY; CONSTRAINT_VIOLATION is a field error (200)", () => {
    expect(statusFor([{ extensions: { code: "DATABASE_BUSY" } }])).toEqual({ status: 503, retryAfter: 1 });
    expect(statusFor([{ extensions: { code: "CONSTRAINT_VIOLATION" } }])).toBeUndefined();
  });
});
