/** The change log's reads (cypher/articleChangesSince, cypher/graphVersion), decoded into commits. */
import type { Runner } from "../db/client.ts";
import { int } from "../db/values.ts";
import type { ArticleChangeKind, Commit } from "../graph/changes.ts";
import { num, str, strOrNull, strings } from "../store/rows.ts";

const KINDS: readonly string[] = ["NEW", "UPDATED", "DELETED"] satisfies ArticleChangeKind[];

/** The graph's version now (0 while nothing was ever written): where a new poller starts. `cypher/graphVersion.cypher` */
export async function readGraphVersion(db: Runner): Promise<number> {
  const [row] = await db.read("graphVersion");
  return typeof row?.version === "number" ? row.version : 0;
}

/**
 * The first `limit` commits after graph version `since` that changed articles, oldest first, each whole.
 * `cypher/articleChangesSince.cypher`
 */
export async function readChangesSince(db: Runner, since: number, limit: number): Promise<Commit[]> {
  const rows = await db.read("articleChangesSince", { since: int(since), limit: int(limit) });
  const commits: Commit[] = [];
  for (const r of rows) {
    const version = num(r, "version");
    let c = commits.at(-1);
    if (c?.version !== version) commits.push((c = { version, committedAt: str(r, "committedAt"), changes: [] }));
    const kind = str(r, "kind");
    if (!KINDS.includes(kind)) throw new TypeError(`Column "kind" should be NEW, UPDATED or DELETED, got ${kind}`);
    c.changes.push({
      articleId: str(r, "articleId"),
      kind: kind as ArticleChangeKind,
      source: strOrNull(r, "source"),
      entityIds: strings(r, "entityIds"),
      entities: num(r, "entities"),
      relations: num(r, "relations"),
      quotes: num(r, "quotes"),
    });
  }
  return commits;
}
