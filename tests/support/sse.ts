/** A GraphQL subscription over Server-Sent Events, read as a real client reads it (in-process or over a socket). */
export interface SseEvent<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export interface SseSubscription<T> {
  response: Response;
  /** The next `next` event, or a rejection after `ms`; null when the stream completed or ended. */
  next(ms?: number): Promise<SseEvent<T> | null>;
  /** Keep-alive comments received so far. */
  pings(): number;
  /** True once the server sent `complete` (or closed the stream). */
  ended(): boolean;
  close(): Promise<void>;
}

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/**
 * Subscribe with `query` at `url` (POST, Accept: text/event-stream).
 *
 * @example const s = await sseSubscribe((u, i) => app.fetch(u, i), "http://yoga/graphql", "subscription { articleChanged { key } }");
 */
export async function sseSubscribe<T = Record<string, unknown>>(
  fetchFn: Fetch,
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<SseSubscription<T>> {
  const abort = new AbortController();
  const response = await fetchFn(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream", ...headers },
    body: JSON.stringify({ query, variables }),
    signal: abort.signal,
  });
  const queue: (SseEvent<T> | null)[] = [];
  const waiters: ((e: SseEvent<T> | null) => void)[] = [];
  let pings = 0;
  let ended = false;
  const push = (e: SseEvent<T> | null) => {
    const w = waiters.shift();
    if (w) w(e);
    else queue.push(e);
  };
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buf = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += value;
        let i: number;
        while ((i = buf.indexOf("\n\n")) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          if (block.startsWith(":")) {
            pings++;
            continue;
          }
          const event = /^event: (\w+)/m.exec(block)?.[1];
          const data = /^data: ?(.*)$/m.exec(block)?.[1] ?? "";
          if (event === "complete") {
            ended = true;
            push(null);
          } else if (data) push(JSON.parse(data) as SseEvent<T>);
        }
      }
    } catch {
      // aborted by close()
    }
    ended = true;
    push(null);
  })();
  return {
    response,
    next: (ms = 10_000) =>
      queue.length > 0
        ? Promise.resolve(queue.shift()!)
        : new Promise((resolve, reject) => {
            const t = setTimeout(() => {
              waiters.splice(waiters.indexOf(w), 1);
              reject(new Error(`no subscription event within ${ms} ms`));
            }, ms);
            const w = (e: SseEvent<T> | null) => (clearTimeout(t), resolve(e));
            waiters.push(w);
          }),
    pings: () => pings,
    ended: () => ended,
    close: async () => {
      abort.abort();
      await reader.cancel().catch(() => {});
    },
  };
}
