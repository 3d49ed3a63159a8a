/**
 * Admission control: at most `limit` GraphQL (and /export) requests execute at once; the rest wait in a FIFO
 * queue for up to `queueMs`, then get 503 SERVER_BUSY with Retry-After. Under overload, requests
 * queue here (cheap) instead of inside the Neo4j driver's connection pool, where waiting past the
 * acquisition timeout turns into DATABASE_UNAVAILABLE errors. /health, /ready and /metrics bypass it.
 */
import type { Plugin } from "graphql-yoga";

export interface AdmissionOptions {
  /** Concurrent GraphQL requests (KG_MAX_CONCURRENT_REQUESTS). */
  limit: number;
  /** Longest wait in the queue, ms (KG_QUEUE_TIMEOUT_MS). */
  queueMs: number;
  /** Longest queue; beyond it requests are refused at once (KG_MAX_QUEUE). */
  maxQueue: number;
}

export function useAdmission(opts: AdmissionOptions): Plugin & { stats(): { active: number; queued: number } } {
  let active = 0;
  const queue: { grant: () => void; timer: NodeJS.Timeout }[] = [];
  const admitted = new WeakSet<Request>();
  const release = () => {
    active--;
    const next = queue.shift();
    if (next) {
      clearTimeout(next.timer);
      active++;
      next.grant();
    }
  };
  const busy = (fetchAPI: { Response: typeof Response }, why: string) =>
    new fetchAPI.Response(JSON.stringify({ errors: [{ message: `The server is busy (${why}); retry shortly.`, extensions: { code: "SERVER_BUSY" } }] }), {
      status: 503,
      headers: { "content-type": "application/json", "retry-after": "1" },
    });
  return {
    stats: () => ({ active, queued: queue.length }),
    onRequest({ request, url, fetchAPI, ...hook }) {
      if ((url.pathname !== "/graphql" && url.pathname !== "/export") || request.method === "OPTIONS") return;
      if (active < opts.limit) {
        active++;
        admitted.add(request);
        return;
      }
      if (queue.length >= opts.maxQueue) {
        hook.endResponse(busy(fetchAPI, "queue full"));
        return;
      }
      return new Promise<void>((resolve) => {
        const entry = {
          grant: () => {
            admitted.add(request);
            resolve();
          },
          timer: setTimeout(() => {
            queue.splice(queue.indexOf(entry), 1);
            hook.endResponse(busy(fetchAPI, `waited ${opts.queueMs} ms`));
            resolve();
          }, opts.queueMs),
        };
        queue.push(entry);
      });
    },
    onResponse({ request }) {
      if (admitted.has(request)) {
        admitted.delete(request);
        release();
      }
    },
  };
}
