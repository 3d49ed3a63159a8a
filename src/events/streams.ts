/**
 * A stream of subscription events mapped to zero or more values each, whose `return()` ends the
 * source at once. (An async generator cannot: its `return()` waits until the source's pending
 * `next()` settles, so an idle subscriber who left would hold its slot until the next event.)
 *
 * @example expand(hub.articleChanges(), (e) => (e.source === "bbc" ? [e] : []))
 */
export function expand<T, U>(
  source: AsyncIterableIterator<T>,
  map: (value: T) => U[] | Promise<U[]>,
  opts: { last?: (value: U) => boolean } = {},
): AsyncIterableIterator<U> {
  const ready: U[] = [];
  let ended = false;
  const end = async (): Promise<IteratorResult<U>> => {
    ended = true;
    ready.length = 0;
    await source.return?.();
    return { done: true, value: undefined };
  };
  const it: AsyncIterableIterator<U> = {
    async next(): Promise<IteratorResult<U>> {
      while (ready.length === 0) {
        if (ended) return { done: true, value: undefined };
        const r = await source.next();
        if (r.done || ended) return end();
        ready.push(...(await map(r.value)));
      }
      const value = ready.shift()!;
      if (opts.last?.(value)) {
        // The last value still goes out; the next call ends the stream.
        ended = true;
        ready.length = 0;
        void source.return?.();
      }
      return { done: false, value };
    },
    return: end,
    async throw(e: unknown): Promise<IteratorResult<U>> {
      await end();
      throw e;
    },
    [Symbol.asyncIterator]() {
      return it;
    },
  };
  return it;
}
