/**
 * The graphql-ws protocol over WebSocket on /graphql, beside yoga's SSE (the recipe of yoga's docs:
 * graphql-ws's `useServer` on a `ws` server, executing through the app's own envelop, so the same
 * plugins — API keys, limits, masking — apply). The key comes from the `authorization` of the
 * connection_init payload (`{ authorization: "Bearer <key>" }`) or of the upgrade request. Each
 * operation gets a request of its own for the app's context, aborted when the socket closes, and
 * idle sockets get a ping every 12 s (as SSE clients get a comment).
 */
import type http from "node:http";
import { WebSocketServer, type WebSocket } from "ws";
import { useServer } from "graphql-ws/use/ws";
import type { DocumentNode, ExecutionArgs, GraphQLError, GraphQLSchema, execute as graphqlExecute, subscribe as graphqlSubscribe } from "graphql";
import type { App } from "./app.ts";

const PING_MS = 12_000;

/** What the app's envelop gives per operation; envelop types these as any, so they are named here. */
interface Enveloped {
  schema: GraphQLSchema;
  execute: typeof graphqlExecute;
  subscribe: typeof graphqlSubscribe;
  parse: (source: string) => DocumentNode;
  validate: (schema: GraphQLSchema, document: DocumentNode) => readonly GraphQLError[];
  contextFactory: () => Promise<unknown>;
}
type RootValue = Pick<Enveloped, "execute" | "subscribe">;

/** Serve graphql-ws on `server`'s /graphql; returns the function that closes every socket (shutdown). */
export function serveWebSocket(server: http.Server, app: App): () => Promise<void> {
  const wss = new WebSocketServer({ server, path: "/graphql" });
  const aborts = new WeakMap<WebSocket, AbortController>();
  useServer(
    {
      execute: (args) => (args.rootValue as RootValue).execute(args),
      subscribe: (args) => (args.rootValue as RootValue).subscribe(args),
      onSubscribe: async (ctx, _id, params) => {
        const payloadAuth = (ctx.connectionParams as { authorization?: unknown } | undefined)?.authorization;
        const headers = new Headers();
        const auth = typeof payloadAuth === "string" ? payloadAuth : ctx.extra.request.headers.authorization;
        if (auth) headers.set("authorization", auth);
        const abort = aborts.get(ctx.extra.socket) ?? new AbortController();
        aborts.set(ctx.extra.socket, abort);
        const request = new Request("http://localhost/graphql", { method: "POST", headers, signal: abort.signal });
        const { schema, execute, subscribe, contextFactory, parse, validate } = app.getEnveloped({ request, params }) as Enveloped;
        const args: ExecutionArgs = {
          schema,
          operationName: params.operationName,
          document: parse(params.query),
          variableValues: params.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe } satisfies RootValue,
        };
        const errors = validate(args.schema, args.document);
        return errors.length > 0 ? [...errors] : args;
      },
      onClose: (ctx) => aborts.get(ctx.extra.socket)?.abort(),
    },
    wss,
  );
  const ping = setInterval(() => {
    for (const ws of wss.clients) ws.ping();
  }, PING_MS);
  ping.unref();
  return async () => {
    clearInterval(ping);
    // The streams were ended just before (EventHub.close): give graphql-ws a moment to send each
    // subscription's `complete` before the close frame, so clients see a clean end, not an error.
    if (wss.clients.size > 0) await new Promise((r) => setTimeout(r, 100));
    for (const ws of wss.clients) ws.close(1001, "server shutting down");
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  };
}
