/**
 * The HTTP status of a GraphQL response, by one rule whatever the client's Accept header
 * (application/json or application/graphql-response+json):
 *
 * - 200: the operation ran. Errors a field raised about its own arguments or data
 *   (BAD_USER_INPUT, NOT_FOUND, CONSTRAINT_VIOLATION) are in `errors`, next to whatever data the other fields have.
 * - 4xx: the request was refused before anything ran: 400 for a document or variables that cannot
 *   run as sent (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, QUERY_LIMIT_EXCEEDED, and
 *   BAD_USER_INPUT for the body or the variables' types), 401 UNAUTHENTICATED, 403
 *   CSRF_CHECK_FAILED, 413 PAYLOAD_TOO_LARGE.
 * - 5xx: the service could not answer: 503 with Retry-After for DATABASE_UNAVAILABLE,
 *   DATABASE_BUSY, NLP_UNAVAILABLE and SERVER_BUSY (try again shortly), 504 QUERY_TIMEOUT (the database did not answer in time: ask
 *   a narrower question), 500 INTERNAL_SERVER_ERROR; 499 for REQUEST_CANCELLED (the client left;
 *   only logs and metrics see it).
 *
 * When errors of several kinds meet in one response, the highest status wins.
 */
import type { ExecutionResult, GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";

export interface StatusRule {
  status: number;
  /** Seconds, sent as Retry-After. */
  retryAfter?: number;
}

/** Codes whose status does not depend on where they were raised. BAD_USER_INPUT and NOT_FOUND are absent: theirs does. */
export const STATUS_BY_CODE: Readonly<Record<string, StatusRule>> = {
  GRAPHQL_PARSE_FAILED: { status: 400 },
  GRAPHQL_VALIDATION_FAILED: { status: 400 },
  QUERY_LIMIT_EXCEEDED: { status: 400 },
  BAD_REQUEST: { status: 400 },
  UNAUTHENTICATED: { status: 401 },
  CSRF_CHECK_FAILED: { status: 403 },
  PAYLOAD_TOO_LARGE: { status: 413 },
  REQUEST_CANCELLED: { status: 499 },
  INTERNAL_SERVER_ERROR: { status: 500 },
  DATABASE_UNAVAILABLE: { status: 503, retryAfter: 5 },
  // Neo4j's transient failures (deadlocks, lock waits) outlasted the managed transactions' retries.
  DATABASE_BUSY: { status: 503, retryAfter: 1 },
  // An ingest whose NLP server (CoreNLP) stayed away past its retry budget: nothing of it was written.
  NLP_UNAVAILABLE: { status: 503, retryAfter: 5 },
  SERVER_BUSY: { status: 503, retryAfter: 1 },
  QUERY_TIMEOUT: { status: 504 },
};

/** The status rule for a response's errors (the highest), or undefined when none has one. */
export function statusFor(errors: readonly Pick<GraphQLError, "extensions">[] | undefined): StatusRule | undefined {
  let best: StatusRule | undefined;
  for (const e of errors ?? []) {
    const code = e.extensions?.code;
    const rule = typeof code === "string" ? STATUS_BY_CODE[code] : undefined;
    if (rule && (!best || rule.status > best.status)) best = rule;
  }
  return best;
}

/**
 * Apply the rule to every response: it becomes the result's own HTTP status, which yoga uses even
 * for application/json (where it would otherwise answer 200 to spec-flagged parse errors).
 */
export function useStatusPolicy(): Plugin {
  return {
    onResultProcess({ result, ...hook }) {
      if (Array.isArray(result) || typeof result !== "object" || result === null || Symbol.asyncIterator in result) return;
      const r = result as ExecutionResult;
      const rule = statusFor(r.errors);
      if (!rule) return;
      const http = { status: rule.status, ...(rule.retryAfter !== undefined ? { headers: { "retry-after": String(rule.retryAfter) } } : {}) };
      hook.setResult({ ...r, extensions: { ...r.extensions, http } });
    },
  };
}
