/** Questions about quotes, and the size of the graph. */
import type { Runner } from "../db/client.ts";
import { int } from "../db/values.ts";
import { parseQuoteId } from "../graph/keys.ts";
import { count, list, quoteRow, type Paged, type QuoteRow } from "./rows.ts";
import type { Window } from "./articles.ts";

/** Quotes by speaker ids and/or a full-text query (Lucene, see luceneQuery), best match then newest first; paginated. `cypher/quotesSearch.cypher` */
export async function quotesSearch(db: Runner, filter: { speakers: string[] | null; search: string | null }, page: Window): Promise<Paged<QuoteRow>> {
  const [row] = await db.read("quotesSearch", { speakers: filter.speakers, search: filter.search, offset: int(page.offset), limit: int(page.limit) });
  return { total: count(row, "total"), items: list(row?.items, "items").map(quoteRow) };
}

/** Quotes by id (each looked up from its article, by the id's article part); absent ids are missing. `cypher/quotesByIds.cypher` */
export async function quotesByIds(db: Runner, ids: readonly string[]): Promise<QuoteRow[]> {
  return (await db.read("quotesByIds", { quotes: ids.map((id) => ({ id, ...parseQuoteId(id) })) })).map(quoteRow);
}

export interface GraphSize {
  articles: number;
  entities: number;
  relations: number;
}

/** How big the graph is. `cypher/stats.cypher` */
export async function stats(db: Runner): Promise<GraphSize> {
  const [row] = await db.read("stats");
  return { articles: count(row, "articles"), entities: count(row, "entities"), relations: count(row, "relations") };
}
