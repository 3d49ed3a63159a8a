/**
 * Per-request bookkeeping: a request id (an incoming `x-request-id` when it is sane, else a new
 * UUID) returned in the `x-request-id` response header and put on every log line of the request;
 * one JSON access-log line per request; metrics by operation and outcome; GET /metrics.
 */
import { randomUUID } from "node:crypto";
import type { DocumentNode, GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";
import type { Logger } from "pino";
import type { AppContext, AuthState } from "../api/context.ts";
import { operationOf } from "../api/operation.ts";
import type { Metrics } from "./metrics.ts";
import type { CacheOutcome } from "../server/response-cache.ts";

const REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;
const ROUTES = new Set(["/graphql", "/export", "/health", "/ready", "/metrics"]);
const QUIET_ROUTES = new Set(["/health", "/ready", "/metrics"]);

interface RequestState {
  id: string;
  t0: number;
  route: string;
  operation?: string;
  type?: string;
  outcome?: string;
  auth?: AuthState;
  /** How the response cache answered (queries only). */
  cache?: CacheOutcome;
}

const states = new WeakMap<Request, RequestState>();

/** The request id of a request seen by `useRequestTracking` (a fresh one otherwise). */
export function requestIdOf(request: Request): string {
  return states.get(request)?.id ?? randomUUID();
}

/** Remember the caller's credentials for the access log. */
export function noteAuth(request: Request, auth: AuthState): void {
  const s = states.get(request);
  if (s) s.auth = auth;
}

/** Remember how the response cache answered, for the `x-kg-cache` header and the access log. */
export function noteCache(request: Request, outcome: CacheOutcome): void {
  const s = states.get(request);
  if (s) s.cache = outcome;
}

function firstCode(errors: readonly unknown[] | undefined): string | undefined {
  if (!errors || errors.length === 0) return undefined;
  const code = (errors[0] as GraphQLError).extensions?.code;
  return typeof code === "string" && /^[A-Z0-9_]{1,40}$/.test(code) ? code : "ERROR";
}

function outcomeOf(result: unknown): string | undefined {
  if (result === null || typeof result !== "object") return undefined;
  if (Array.isArray(result)) {
    for (const r of result) {
      const c = outcomeOf(r);
      if (c && c !== "ok") return c;
    }
    return result.length ? "ok" : undefined;
  }
  if (Symbol.asyncIterator in result) return undefined;
  return firstCode((result as { errors?: readonly unknown[] }).errors) ?? "ok";
}

export interface TrackingOptions {
  log: Logger;
  metrics?: Metrics;
  /** Serve GET /metrics; `authorize` says whether this request may read it. */
  metricsEndpoint?: { authorize: (request: Request) => boolean };
}

export function useRequestTracking(opts: TrackingOptions): Plugin<AppContext> {
  const { log, metrics } = opts;
  return {
    onRequest({ request, url, fetchAPI, ...hook }) {
      const incoming = request.headers.get("x-request-id");
      const id = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      const route = ROUTES.has(url.pathname) ? url.pathname : "other";
      states.set(request, { id, t0: performance.now(), route });
      if (route === "/metrics" && metrics && opts.metricsEndpoint && request.method === "GET") {
        if (!opts.metricsEndpoint.authorize(request)) {
          hook.endResponse(
            new fetchAPI.Response("API key required (KG_REQUIRE_AUTH_FOR_READS=true)\n", {
              status: 401,
              headers: { "www-authenticate": 'Bearer realm="news-kg"' },
            }),
          );
          return;
        }
        return metrics.render().then((text) => {
          hook.endResponse(new fetchAPI.Response(text, { status: 200, headers: { "content-type": metrics.contentType } }));
        });
      }
    },
    onParams({ request, params }) {
      const s = states.get(request);
      if (s && typeof params.operationName === "string") s.operation = params.operationName;
    },
    onParse({ context }) {
      const request = (context as { request?: Request }).request;
      const s = request ? states.get(request) : undefined;
      if (!s) return;
      return ({ result }) => {
        if (!result || result instanceof Error || (result as { kind?: string }).kind !== "Document") return;
        const op = operationOf(result as DocumentNode, s.operation);
        s.type = op?.operation ?? s.type;
        s.operation = op?.name?.value ?? s.operation;
      };
    },
    onExecute({ args }) {
      const ctx = args.contextValue as AppContext & { request?: Request };
      const s = ctx.request ? states.get(ctx.request) : undefined;
      if (!s) return;
      const op = operationOf(args.document as DocumentNode, args.operationName as string | null | undefined);
      s.type = op?.operation ?? s.type;
      s.operation = op?.name?.value ?? s.operation;
    },
    onResultProcess({ request, result }) {
      const s = states.get(request);
      if (s) s.outcome = outcomeOf(result) ?? s.outcome;
    },
    onResponse({ request, response }) {
      const s = states.get(request);
      if (!s) {
        // Answered before our onRequest ran (e.g. /health): still return a request id.
        const incoming = request.headers.get("x-request-id");
        response.headers.set("x-request-id", incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID());
        return;
      }
      response.headers.set("x-request-id", s.id);
      if (s.cache) response.headers.set("x-kg-cache", s.cache);
      const seconds = (performance.now() - s.t0) / 1000;
      const status = response.status;
      const outcome = s.outcome ?? (status >= 400 ? `HTTP_${status}` : "ok");
      metrics?.observeHttp({ method: request.method, route: s.route, status, seconds });
      if (s.route === "/graphql" && !(status === 200 && (response.headers.get("content-type") ?? "").startsWith("text/html"))) {
        metrics?.observeGraphQL({ operation: s.operation ?? "anonymous", type: s.type ?? "unknown", outcome, seconds });
      }
      const line = {
        requestId: s.id,
        method: request.method,
        route: s.route,
        status,
        ms: Math.round(seconds * 10_000) / 10,
        ...(s.route === "/graphql" ? { operation: s.operation ?? null, type: s.type ?? null, outcome } : {}),
        ...(s.cache ? { cache: s.cache } : {}),
        ...(s.auth?.keyId ? { keyId: s.auth.keyId } : {}),
      };
      if (QUIET_ROUTES.has(s.route)) log.debug(line, "request");
      else if (status >= 500) log.error(line, "request");
      else log.info(line, "request");
    },
  };
}
