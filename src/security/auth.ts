/**
 * API keys. Mutations need `Authorization: Bearer <key>` with a key from KG_API_KEYS; reads are
 * open unless KG_REQUIRE_AUTH_FOR_READS=true. A wrong key is always refused, whatever the operation.
 * Keys are compared by their sha256 digests with timingSafeEqual, so timing reveals nothing.
 * Refusals happen before execution: a refused mutation writes nothing.
 */
import { timingSafeEqual } from "node:crypto";
import { createGraphQLError, type Plugin } from "graphql-yoga";
import type { DocumentNode, GraphQLError } from "graphql";
import { ANONYMOUS, type AppContext, type AuthState } from "../api/context.ts";
import { operationOf } from "../api/operation.ts";
import { digestKey, type SecurityConfig } from "./config.ts";

/** Read the caller's credentials from the request headers. */
export function authenticate(headers: Headers, cfg: Pick<SecurityConfig, "apiKeyDigests">): AuthState {
  const h = headers.get("authorization");
  if (h === null || h.trim() === "") return ANONYMOUS;
  const m = /^Bearer[ \t]+(\S{1,512})[ \t]*$/i.exec(h);
  if (!m) return { authenticated: false, invalid: true };
  const presented = Buffer.from(digestKey(m[1]!), "hex");
  let match: string | undefined;
  // Compare against every key (no early exit), so the time does not depend on which one matched.
  for (const d of cfg.apiKeyDigests) {
    if (timingSafeEqual(presented, Buffer.from(d, "hex"))) match = d;
  }
  return match ? { authenticated: true, invalid: false, keyId: match.slice(0, 8) } : { authenticated: false, invalid: true };
}

export function unauthenticated(message: string): GraphQLError {
  return createGraphQLError(message, {
    extensions: { code: "UNAUTHENTICATED", http: { status: 401, headers: { "www-authenticate": 'Bearer realm="news-kg"' } } },
  });
}

/** Why this caller may not run an operation of this kind, or undefined when it may. */
export function refusal(kind: "query" | "mutation" | "subscription", auth: AuthState, cfg: SecurityConfig): string | undefined {
  if (auth.invalid) return "The API key in the Authorization header is not valid. Send `Authorization: Bearer <key>` with a key listed in KG_API_KEYS.";
  if (auth.authenticated) return undefined;
  if (kind === "mutation") {
    if (cfg.allowAnonymousWrites) return undefined;
    if (cfg.apiKeyDigests.length === 0) {
      return "Mutations need an API key, and this server has none configured: set KG_API_KEYS=<key>[,<key>…] (at least 16 characters each, e.g. `openssl rand -hex 24`) and send `Authorization: Bearer <key>`. For local development only, KG_ALLOW_ANONYMOUS_WRITES=true allows mutations without a key on 127.0.0.1 when NODE_ENV is not production.";
    }
    return "Mutations need an API key: send `Authorization: Bearer <key>` with a key listed in KG_API_KEYS.";
  }
  if (cfg.requireAuthForReads) return "This server requires an API key for queries (KG_REQUIRE_AUTH_FOR_READS=true): send `Authorization: Bearer <key>`.";
  return undefined;
}

/** Refuse operations the caller may not run, before any resolver runs (subscriptions too: they go through onSubscribe). */
export function useApiKeys(cfg: SecurityConfig): Plugin<AppContext> {
  const check = ({
    args,
    setResultAndStopExecution,
  }: {
    args: { contextValue: unknown; document: unknown; operationName?: unknown };
    setResultAndStopExecution: (r: { errors: GraphQLError[] }) => void;
  }) => {
    const ctx = args.contextValue as AppContext;
    const op = operationOf(args.document as DocumentNode, args.operationName as string | null | undefined);
    const why = refusal(op?.operation ?? "query", ctx.auth ?? ANONYMOUS, cfg);
    if (why) {
      ctx.log.warn({ requestId: ctx.requestId, operation: op?.name?.value ?? null, kind: op?.operation, keyId: ctx.auth?.keyId }, "refused: not authenticated");
      setResultAndStopExecution({ errors: [unauthenticated(why)] });
    }
  };
  return { onExecute: check, onSubscribe: check };
}
