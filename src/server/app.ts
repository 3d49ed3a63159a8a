/**
 * The HTTP app, built apart from the socket that serves it: tests call `app.fetch(...)` in-process.
 * GET /health is liveness (the process runs); GET /ready is readiness (200 only while Neo4j answers
 * and the server is not draining); GET /metrics is Prometheus text.
 *
 * Security (src/security): body limit and strict UTF-8, GraphQL Armor limits, introspection and
 * field suggestions by environment, CORS allow-list, CSRF prevention, API keys for mutations.
 * Observability (src/observability): request ids, one JSON access-log line per request, metrics.
 */
import { Kind, type GraphQLError } from "graphql";
import { createGraphQLError, createYoga, useReadinessCheck, type Plugin, type YogaServerInstance } from "graphql-yoga";
import type { Logger } from "pino";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { createContext, type AppContext } from "../api/context.ts";
import type { IngestQueue } from "../queue/ingest-queue.ts";
import { createStore } from "../store/index.ts";
import type { NlpBackbone } from "../nlp/types.ts";
import { ExtractionPool, extractionPoolConfig, type ExtractionPoolOptions } from "../extraction/pool.ts";
import { schema } from "../api/schema.ts";
import { DEFAULT_QUERY } from "./default-query.ts";
import { useAdmission } from "./admission.ts";
import { securityConfig, type SecurityConfig } from "../security/config.ts";
import { authenticate, refusal, useApiKeys } from "../security/auth.ts";
import {
  armorPlugins,
  corsOptions,
  csrfPlugin,
  refusalError,
  useBodyLimit,
  useLimitErrorCodes,
  useNoIntrospection,
  useVariableDepthLimit,
} from "../security/limits.ts";
import { useCostLimit } from "../security/cost.ts";
import { createMetrics, type Metrics } from "../observability/metrics.ts";
import { noteAuth, noteCache, requestIdOf, useRequestTracking } from "../observability/requests.ts";
import { ResponseCache, responseCacheConfig, type ResponseCacheConfig } from "./response-cache.ts";
import { useStatusPolicy } from "./status.ts";
import { renderOfflineGraphiQL, useWebPages } from "./web.ts";
import { useExportRoute } from "./export-route.ts";
import { EventHub } from "../events/hub.ts";
import { eventsConfig, type EventsConfig } from "../events/config.ts";

export interface AppOptions {
  db: Db;
  log: Logger;
  /** The NLP backbone ingests through the API extract with; absent: rules only. */
  nlp?: NlpBackbone;
  /** false turns GraphiQL off whatever the configuration says. */
  graphiql?: boolean;
  /** Security settings; read from the environment (securityConfig()) when absent. */
  security?: SecurityConfig;
  /** Metrics registry; a new one when absent. */
  metrics?: Metrics;
  /** Response cache settings; read from the environment (responseCacheConfig()) when absent. */
  responseCache?: ResponseCacheConfig;
  /** True while the server shuts down: /ready answers 503 so load balancers stop sending. */
  isDraining?: () => boolean;
  /** Budget of one article's extraction on ingest; read from the environment (extractionPoolConfig()) when absent. */
  extraction?: ExtractionPoolOptions;
  /**
   * false leaves out the optional plugins: query limits (Armor, cost, body and variable limits),
   * CSRF, admission control, metrics and the access log. API keys are still checked. Only for
   * measuring what those features cost (bench:peer); no configuration variable turns them off.
   */
  optionalPlugins?: boolean;
  /** Subscription settings (limit, poll, Redis); read from the environment (eventsConfig()) when absent. */
  events?: EventsConfig;
  /** The ingest queue (KG_REDIS_URL) for `ingestArticles(enqueue: true)` and `job(id)`; absent: no queue. */
  queue?: IngestQueue;
}

export type App = YogaServerInstance<Record<string, unknown>, AppContext> & {
  metrics: Metrics;
  security: SecurityConfig;
  responseCache: ResponseCache;
  /** What the subscriptions listen to; closing it ends every subscription stream. */
  events: EventHub;
};

/** Expected failures keep their code for clients; anything else is masked and logged with detail. */
function maskError(log: Logger) {
  return (error: unknown, message: string): Error => {
    const original = (error as { originalError?: unknown }).originalError ?? error;
    if (original instanceof AppError) {
      return createGraphQLError(original.message, { extensions: { code: original.code } });
    }
    if ((error as { extensions?: { code?: string } }).extensions?.code) return error as Error;
    // Variable coercion (wrong type, missing required field) is the client's mistake, not ours:
    // graphql-js raises it at the variable's definition in the document (told by the node, not the message).
    const g = error as Partial<Pick<GraphQLError, "name" | "message" | "nodes">> | undefined;
    if (g?.name === "GraphQLError" && g.nodes?.some((n) => n.kind === Kind.VARIABLE_DEFINITION)) {
      return createGraphQLError(g.message ?? "", { extensions: { code: "BAD_USER_INPUT", http: { status: 400 } } });
    }
    // Refusals raised by plugins (limits, CSRF) before any resolver ran: keep them, with a code.
    // (Duck-typed: graphql-js may be loaded twice, ESM and CJS, so instanceof is unreliable.)
    const refused = (original as Error | undefined)?.name === "GraphQLError" ? refusalError(original as GraphQLError) : undefined;
    if (refused) return refused;
    log.error({ err: original }, "unexpected error while resolving a request");
    return createGraphQLError(message, { extensions: { code: "INTERNAL_SERVER_ERROR" } });
  };
}

export function createApp(opts: AppOptions): App {
  const { db, log } = opts;
  const security = opts.security ?? securityConfig();
  const metrics = opts.metrics ?? createMetrics();
  const unwatch = metrics.watchDb(db);
  // Ingests through the API extract in worker threads: a heavy article cannot stall other requests.
  const pool = new ExtractionPool(opts.extraction ?? extractionPoolConfig());
  const responseCache = new ResponseCache({
    db,
    log,
    config: opts.responseCache ?? responseCacheConfig(),
    onOutcome: (request, outcome) => {
      metrics.observeCache(outcome);
      if (request) noteCache(request, outcome);
    },
  });
  const events = new EventHub({ db, log, config: opts.events ?? eventsConfig() });
  const graphiql = opts.graphiql !== false && security.graphiql;
  const optional = opts.optionalPlugins !== false;
  const plugins: Array<Plugin | Plugin<AppContext>> = [
    // One HTTP status rule for every response (src/server/status.ts); before the tracking, which logs the status.
    useStatusPolicy(),
    ...(optional
      ? [
          useRequestTracking({
            log,
            metrics,
            metricsEndpoint: security.metrics ? { authorize: (r) => !refusal("query", authenticate(r.headers, security), security) } : undefined,
          }),
          useAdmission({ limit: security.maxConcurrentRequests, queueMs: security.queueTimeoutMs, maxQueue: security.maxQueue }),
        ]
      : []),
    // The browser pages and their assets, from this server only (src/server/web.ts); after the
    // admission, so a flood of page loads queues like any request.
    useWebPages({ graphiql, explorer: security.explorer }),
    // GET /export: a neighbourhood as a file (src/server/export-route.ts); before the CSRF check, as a
    // download link is a plain GET with no custom header (it has no side effect; reads' auth applies).
    useExportRoute({ db, security, log }),
    ...(optional
      ? [
          csrfPlugin(),
          useBodyLimit(security.maxBodyBytes),
          useVariableDepthLimit(),
          ...armorPlugins(security),
          ...(security.introspection ? [] : [useNoIntrospection()]),
          useLimitErrorCodes(),
        ]
      : []),
    // Not optional: a mutation without a valid key is refused in every configuration.
    useApiKeys(security),
    // After the key check, before the cache: the cost of the operation with its variables.
    ...(optional ? [useCostLimit(security.limits.cost)] : []),
    // After the key check: a cached answer is only given to a caller allowed to ask.
    responseCache.plugin(),
    useReadinessCheck({
      endpoint: "/ready",
      check: async () => {
        const reason = opts.isDraining?.() ? "shutting down" : (await db.ping(2_000)) ? undefined : "neo4j unreachable";
        if (reason) {
          return new Response(JSON.stringify({ ready: false, reason }), { status: 503, headers: { "content-type": "application/json" } });
        }
        // Redis away still serves everything: subscriptions fall back to polling the change log.
        if (events.transport === "redis-down") {
          const warnings = ["redis unreachable: subscription events between servers fall back to polling the change log"];
          return new Response(JSON.stringify({ ready: true, warnings }), { status: 200, headers: { "content-type": "application/json" } });
        }
        return true;
      },
    }),
    {
      onDispose: async () => {
        unwatch();
        responseCache.stop();
        await events.close();
      },
    },
  ];
  const yoga = createYoga<Record<string, unknown>, AppContext>({
    schema,
    graphqlEndpoint: "/graphql",
    healthCheckEndpoint: "/health",
    landingPage: false,
    graphiql: graphiql ? { title: "News knowledge graph", defaultQuery: DEFAULT_QUERY } : false,
    // yoga's own page loads GraphiQL from unpkg.com; ours serves it from node_modules.
    renderGraphiQL: renderOfflineGraphiQL,
    maskedErrors: { maskError: maskError(log) },
    cors: corsOptions(security),
    logging: false,
    context: ({ request }) => {
      const auth = authenticate(request.headers, security);
      noteAuth(request, auth);
      // Reads stop, in Neo4j too, when the client goes away (request.signal aborts on a closed socket).
      return {
        ...createContext(createStore(db.forRequest(request.signal)), log, requestIdOf(request), auth, opts.nlp),
        pool,
        events,
        ...(opts.queue ? { queue: opts.queue } : {}),
      };
    },
    plugins: [...plugins, { onDispose: () => pool.close() }],
  });
  responseCache.start();
  events.start();
  return Object.assign(yoga, { metrics, security, responseCache, events });
}
