/**
 * Joining rows to the nodes they point at through a DataLoader. A node deleted between the
 * statement that listed it and the load is dropped rather than failing the whole answer.
 */
interface ManyLoader<T> {
  loadMany(ids: readonly string[]): Promise<(T | null | Error)[]>;
}

/** The nodes for `ids`, in order, without the vanished ones; a loader error is rethrown. */
export async function loadAll<T>(l: ManyLoader<T>, ids: string[]): Promise<T[]> {
  const out = await l.loadMany(ids);
  for (const x of out) if (x instanceof Error) throw x;
  return out.filter((x): x is T => x !== null && !(x instanceof Error));
}

/**
 * Pair each item with the node it names.
 *
 * @example await withLoaded(loaders.article(ctx), rows, (r) => r.articleId, (r, article) => ({ article, mentions: r.mentions }))
 */
export async function withLoaded<I, T, R>(l: ManyLoader<T>, items: I[], idOf: (i: I) => string, pair: (i: I, node: T) => R): Promise<R[]> {
  const nodes = await l.loadMany(items.map(idOf));
  return items.flatMap((item, k) => {
    const n = nodes[k];
    if (n instanceof Error) throw n;
    return n ? [pair(item, n)] : [];
  });
}
