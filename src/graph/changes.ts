/**
 * What a committed write did to each article it touched: the record the change log keeps
 * (cypher/recordArticleChanges), the subscriptions announce, and Redis carries between processes.
 */
export type ArticleChangeKind = "NEW" | "UPDATED" | "DELETED";

export interface ArticleChange {
  articleId: string;
  kind: ArticleChangeKind;
  source: string | null;
  /** Entities the article mentions (for DELETED: mentioned before it was deleted). */
  entityIds: string[];
  /** How many entities, LEADS / CAPTURED / SUPPORTED_BY relations and quotes the article now has (0 for DELETED). */
  entities: number;
  relations: number;
  quotes: number;
}

/** One write transaction's changes, with the graph version it committed as (GraphVersion.version: commit order). */
export interface Commit {
  version: number;
  /** When the transaction's last statement ran (ISO 8601, milliseconds): latency is measured from here. */
  committedAt: string;
  changes: ArticleChange[];
}
