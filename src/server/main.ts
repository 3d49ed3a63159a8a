/**
 * Serve the app on a socket, and shut down cleanly: on SIGTERM/SIGINT stop accepting,
 * let in-flight requests finish (bounded), then close the driver.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import type { Db } from "../db/client.ts";
import { createApp, type App } from "./app.ts";

export interface RunningServer {
  app: App;
  server: http.Server;
  url: string;
  close(): Promise<void>;
}

export async function listen(opts: { db: Db; log: Logger; host: string; port: number; graphiql?: boolean }): Promise<RunningServer> {
  const app = createApp(opts);
  const server = http.createServer(app);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const url = `http://${opts.host.includes(":") ? `[${opts.host}]` : opts.host}:${addr.port}/graphql`;
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // In-flight requests get up to 8 s; then remaining sockets are cut so we exit within 10 s.
        setTimeout(() => {
          server.closeAllConnections();
          resolve();
        }, 8_000).unref();
      });
      await opts.db.close();
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
