/**
 * The HTTP app, built apart from the socket that serves it: tests call `app.fetch(...)` in-process.
 * GET /health is liveness (the process runs); GET /ready is readiness (200 only while Neo4j answers).
 */
import { randomUUID } from "node:crypto";
import { createGraphQLError, createYoga, useReadinessCheck, type YogaServerInstance } from "graphql-yoga";
import type { Logger } from "pino";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { createContext, type AppContext } from "../api/context.ts";
import { schema } from "../api/schema.ts";
import { DEFAULT_QUERY } from "./default-query.ts";

export interface AppOptions {
  db: Db;
  log: Logger;
  graphiql?: boolean;
}

export type App = YogaServerInstance<Record<string, unknown>, AppContext>;

/** Expected failures keep their code for clients; anything else is masked and logged with detail. */
function maskError(log: Logger) {
  return (error: unknown, message: string): Error => {
    const original = (error as { originalError?: unknown }).originalError ?? error;
    if (original instanceof AppError) {
      return createGraphQLError(original.message, { extensions: { code: original.code } });
    }
    if ((error as { extensions?: { code?: string } }).extensions?.code) return error as Error;
    log.error({ err: original }, "unexpected error while resolving a request");
    return createGraphQLError(message, { extensions: { code: "INTERNAL_SERVER_ERROR" } });
  };
}

export function createApp(opts: AppOptions): App {
  const { db, log } = opts;
  return createYoga<Record<string, unknown>, AppContext>({
    schema,
    graphqlEndpoint: "/graphql",
    healthCheckEndpoint: "/health",
    landingPage: false,
    graphiql: opts.graphiql === false ? false : { title: "News knowledge graph", defaultQuery: DEFAULT_QUERY },
    maskedErrors: { maskError: maskError(log) },
    logging: false,
    context: ({ request }) => createContext(db, log, request.headers.get("x-request-id") ?? randomUUID()),
    plugins: [
      useReadinessCheck({
        endpoint: "/ready",
        check: async () => {
          if (!(await db.ping(2_000))) {
            return new Response(JSON.stringify({ ready: false, reason: "neo4j unreachable" }), {
              status: 503,
              headers: { "content-type": "application/json" },
            });
          }
          return true;
        },
      }),
    ],
  });
}
