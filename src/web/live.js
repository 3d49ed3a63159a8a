// Live updates through the API's subscriptions (Server-Sent Events over a POST to /graphql, with the
// tab's key like every other request): the explorer hears new evidence for the entity in view as
// articles are stored, by this server or any other process writing to the graph.
import { apiKey } from "./api.js";

/**
 * Subscribe with `query`; `onData` gets each event's `data`, `onError` the first error (then the
 * stream ends). Returns the function that ends the subscription.
 * @param {string} query @param {Record<string, unknown>} variables
 * @param {(data: any) => void} onData @param {(message: string) => void} onError
 */
export function subscribe(query, variables, onData, onError) {
  const abort = new AbortController();
  /** @type {Record<string, string>} */
  const headers = { "content-type": "application/json", accept: "text/event-stream" };
  const key = apiKey();
  if (key) headers.authorization = `Bearer ${key}`;
  void (async () => {
    try {
      const res = await fetch("/graphql", { method: "POST", headers, body: JSON.stringify({ query, variables }), signal: abort.signal });
      if (!res.ok || !res.body) return onError(`live updates unavailable (HTTP ${res.status})`);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buf = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buf += value;
        let i;
        while ((i = buf.indexOf("\n\n")) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          // Keep-alive comments (":") and the final `complete` carry no data.
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (!data) continue;
          const msg = JSON.parse(data);
          if (msg.errors?.length) return onError(msg.errors[0].message);
          if (msg.data) onData(msg.data);
        }
      }
    } catch (e) {
      if (!abort.signal.aborted) onError(`live updates stopped (${e instanceof Error ? e.message : e})`);
    }
  })();
  return () => abort.abort();
}
