/**
 * Serve the app on a socket, and shut down cleanly: on SIGTERM/SIGINT stop accepting, answer
 * /ready with 503, let in-flight requests finish (bounded), then close the driver.
 * While Neo4j has not been reached since start, the schema (cypher/schema.cypher, idempotent)
 * is applied as soon as it answers, so a service started before its database recovers fully.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import type { Db } from "../db/client.ts";
import type { NlpBackbone } from "../nlp/types.ts";
import type { ExtractionPoolOptions } from "../extraction/pool.ts";
import { migrate } from "../db/migrate.ts";
import { securityConfig, type SecurityConfig } from "../security/config.ts";
import { createApp, type App } from "./app.ts";
import type { IngestQueue } from "../queue/ingest-queue.ts";
import type { ResponseCacheConfig } from "./response-cache.ts";
import { serveWebSocket } from "./websocket.ts";

export interface RunningServer {
  app: App;
  server: http.Server;
  url: string;
  close(): Promise<void>;
}

/** In-flight requests get this long after a signal; then remaining sockets are cut (exit within 10 s). */
const DRAIN_MS = 8_000;

export interface ListenOptions {
  db: Db;
  log: Logger;
  host: string;
  port: number;
  graphiql?: boolean;
  /** Defaults to securityConfig() from the environment, checked against `host`. */
  security?: SecurityConfig;
  /** Defaults to responseCacheConfig() from the environment. */
  responseCache?: ResponseCacheConfig;
  /** Apply the schema once Neo4j answers (default true). */
  ensureSchema?: boolean;
  /** The NLP backbone for ingests through the API (absent: rules only). */
  nlp?: NlpBackbone;
  /** Budget of one article's extraction on ingest (default: extractionPoolConfig() from the environment). */
  extraction?: ExtractionPoolOptions;
  /** false leaves out the optional plugins (see AppOptions.optionalPlugins): for measurements only. */
  optionalPlugins?: boolean;
  /** The ingest queue (KG_REDIS_URL): `ingestArticles(enqueue: true)` and `job(id)`; absent: no queue. */
  queue?: IngestQueue;
}

export async function listen(opts: ListenOptions): Promise<RunningServer> {
  const security = opts.security ?? securityConfig(process.env, opts.host);
  let draining = false;
  // GraphiQL follows KG_GRAPHIQL / NODE_ENV (security config); the caller can only turn it off.
  const app = createApp({
    db: opts.db,
    log: opts.log,
    nlp: opts.nlp,
    extraction: opts.extraction,
    ...(opts.queue ? { queue: opts.queue } : {}),
    graphiql: opts.graphiql === false ? false : undefined,
    security,
    responseCache: opts.responseCache,
    isDraining: () => draining,
    optionalPlugins: opts.optionalPlugins,
  });
  const inFlight = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    inFlight.add(res);
    res.once("close", () => inFlight.delete(res));
    // While draining, answer what arrives on open connections but close them afterwards.
    if (draining) res.setHeader("connection", "close");
    void app(req, res);
  });
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 15_000;
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  // graphql-ws over WebSocket on the same /graphql (subscriptions; SSE needs no upgrade).
  const closeSockets = serveWebSocket(server, app);
  const addr = server.address() as AddressInfo;
  const url = `http://${opts.host.includes(":") ? `[${opts.host}]` : opts.host}:${addr.port}/graphql`;
  if (security.apiKeyDigests.length === 0 && !security.allowAnonymousWrites) {
    opts.log.warn("no KG_API_KEYS configured: mutations are refused (set KG_API_KEYS, or KG_ALLOW_ANONYMOUS_WRITES=true for local development)");
  } else if (security.allowAnonymousWrites) {
    opts.log.warn({ host: opts.host }, "KG_ALLOW_ANONYMOUS_WRITES=true: anyone who can reach this address may write");
  }

  // Apply the schema once Neo4j answers (retrying while it is away), so a late database works fully.
  let schemaTimer: NodeJS.Timeout | undefined;
  if (opts.ensureSchema !== false) {
    const attempt = async () => {
      if (draining) return;
      if (await opts.db.ping(2_000)) {
        try {
          await migrate(opts.db);
          opts.log.debug("schema applied");
          return;
        } catch (err) {
          opts.log.warn({ err }, "applying the schema failed; retrying");
        }
      }
      if (!draining) schemaTimer = setTimeout(() => void attempt(), 2_000).unref();
    };
    void attempt();
  }

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      draining = true;
      clearTimeout(schemaTimer);
      // Subscription streams end first, each with a clean `complete`, so their sockets can close.
      await app.events.close();
      await closeSockets();
      await new Promise<void>((resolve) => {
        const t0 = Date.now();
        server.close(() => resolve());
        // Keep-alive connections: close the idle ones now and whenever one becomes idle.
        const sweep = setInterval(() => {
          server.closeIdleConnections();
          if (Date.now() - t0 > DRAIN_MS) {
            opts.log.warn({ inFlight: inFlight.size }, "drain time over: closing the remaining connections");
            server.closeAllConnections();
            clearInterval(sweep);
            resolve();
          }
        }, 50);
        sweep.unref();
        server.closeIdleConnections();
        server.once("close", () => clearInterval(sweep));
      });
      await opts.db.close();
      await app.dispose();
    })());
  return { app, server, url, close };
}

/** Close `running` on the first SIGTERM/SIGINT and exit 0 (1 if closing failed). */
export function closeOnSignals(running: { close(): Promise<void> }, log: Logger): void {
  const onSignal = (signal: NodeJS.Signals) => {
    log.info({ signal }, "shutting down: draining requests, then closing the Neo4j driver");
    running.close().then(
      () => {
        log.info("shutdown complete");
        log.flush();
        process.exit(0);
      },
      (err: unknown) => {
        log.error({ err }, "shutdown failed");
        log.flush();
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}
