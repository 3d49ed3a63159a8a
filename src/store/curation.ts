/**
 * Curation: duplicate suggestions, and the analyst's review actions stored as data.
 *
 * Every action is one write transaction that (1) takes the next number of the curation sequence
 * (`cypher/curationBegin.cypher`, which also serialises curation writes), (2) changes the graph, and
 * (3) stores the rules that make the change survive re-ingest (`cypher/curationAddRules.cypher`):
 *  - redirect {key → target}: an extracted name with that alias key resolves to the target (merges, added aliases, renames);
 *  - split {scope: article, entityId → target}: that article's mentions of the entity resolve to the target;
 *  - canonical {entityId, name, type}: the name and type the entity is created with;
 *  - unalias {entityId, key}: the name is never an alias of the entity again;
 *  - reject {pair}: the pair is never suggested again.
 * src/ingest/writer.ts applies them when it resolves entities; the newest rule (highest seq) wins.
 * Undo deletes the action's rules, reverts what it set, and re-ingests the articles it touched, so they resolve as they would without it.
 */
import { randomUUID } from "node:crypto";
import type { Runner, Tx } from "../db/client.ts";
import { int } from "../db/values.ts";
import { AppError } from "../errors.ts";
import type { EntityType } from "../extraction/types.ts";
import { aliasKey, entityId, isStrongAlias, nameKey } from "../graph/keys.ts";
import { ingest, type IngestOptions } from "../ingest/pipeline.ts";
import type { ArticleRecord } from "../input/read-articles.ts";
import { duplicatePairKey, fuzzyQuery, GRAPH_MAX, graphReasons, nameReasons, scoreOf, type Reason } from "../curation/score.ts";
import type { Window } from "./articles.ts";
import { entityRow, list, num, obj, str, strOrNull, strings, stringList, count, bool, type EntityRow, type Paged } from "./rows.ts";
import { entitiesByIds, entitiesList } from "./entities.ts";

export interface DuplicatePair {
  a: EntityRow;
  b: EntityRow;
  score: number;
  reasons: Reason[];
}

export interface DuplicateQuery {
  type: EntityType | null;
  /** Only pairs with this entity (its id). */
  entity: string | null;
  minScore: number;
}

/** How many of the most mentioned entities are searched for duplicates when no entity is given, and how many matches each. */
export const DUPLICATE_SEEDS = 250;
export const MATCHES_PER_SEED = 6;
const CONTEXT_ARTICLES = 20;
const SIGNAL_CHUNK = 60;

/**
 * Ranked duplicate pairs. Seeds: the entity asked about, else the most mentioned of the type. Blocking: each
 * seed's candidates from the full-text index (`cypher/duplicateFuzzy.cypher`: its words, the longest fuzzy, its
 * initials; same type), never all pairs. Scoring (src/curation/score.ts): the name signals of every pair, then
 * the graph signals (`cypher/duplicateSignals.cypher`) only for the pairs that can still reach the page: in
 * order of name score + GRAPH_MAX, a chunk at a time, until the page's last score beats the next pair's bound.
 * Rejected pairs are left out. Highest score first (ties by the pair key). `total` counts the pairs scored at
 * least minScore plus those not read whose bound reaches it (an upper bound past the pages read).
 */
export async function duplicateCandidates(db: Runner, q: DuplicateQuery, page: Window): Promise<Paged<DuplicatePair>> {
  const seeds = q.entity
    ? await entitiesByIds(db, [q.entity])
    : (await entitiesList(db, q.type, { offset: 0, limit: DUPLICATE_SEEDS })).items.filter((e) => q.type === null || e.type === q.type);
  const queries = seeds.flatMap((s) => {
    const query = fuzzyQuery(s.name, s.type);
    return query ? [{ id: s.id, type: s.type, query }] : [];
  });
  if (queries.length === 0) return { total: 0, items: [] };
  // Two reads at once: the fuzzy searches are most of the time, and Neo4j runs them on two cores.
  const half = Math.ceil(queries.length / 2);
  const rows = (
    await Promise.all(
      [queries.slice(0, half), queries.slice(half)]
        .filter((x) => x.length)
        .map((part) => db.read("duplicateFuzzy", { seeds: part, perSeed: int(MATCHES_PER_SEED) })),
    )
  ).flat();
  const byId = new Map<string, EntityRow>(seeds.map((s) => [s.id, s]));
  const pairs = new Map<string, { key: string; a: EntityRow; b: EntityRow; names: Reason[]; bound: number }>();
  for (const r of rows) {
    const e = entityRow(r.entity);
    byId.set(e.id, e);
    const key = duplicatePairKey(str(r, "seed"), e.id);
    if (pairs.has(key)) continue;
    const [a, b] = key.split("|").map((id) => byId.get(id)!) as [EntityRow, EntityRow];
    const names = nameReasons(a, b);
    const bound = scoreOf(names) + GRAPH_MAX;
    if (bound >= q.minScore) pairs.set(key, { key, a, b, names, bound });
  }
  const queue = [...pairs.values()].sort((x, y) => y.bound - x.bound || (x.key < y.key ? -1 : 1));
  const scored: DuplicatePair[] = [];
  const want = page.offset + page.limit;
  let next = 0;
  const kth = () => (scored.length >= want ? scored[want - 1]!.score : -1);
  while (next < queue.length && (scored.length < want || queue[next]!.bound > kth())) {
    const chunk = queue.slice(next, next + SIGNAL_CHUNK);
    next += chunk.length;
    const signals = await db.read("duplicateSignals", {
      pairs: chunk.map((p) => ({ a: p.a.id, b: p.b.id, key: p.key })),
      contextArticles: int(CONTEXT_ARTICLES),
    });
    const byKey = new Map(chunk.map((p) => [p.key, p]));
    for (const r of signals) {
      const p = byKey.get(duplicatePairKey(str(r, "a"), str(r, "b")));
      if (!p || bool(r, "rejected")) continue;
      const sig = { together: num(r, "together"), neighbours: num(r, "neighbours"), contextA: strings(r, "contextA"), contextB: strings(r, "contextB") };
      const reasons = [...p.names, ...graphReasons(p.a, p.b, sig)];
      const score = scoreOf(reasons);
      if (score >= q.minScore) scored.push({ a: p.a, b: p.b, score, reasons });
    }
    scored.sort((x, y) => y.score - x.score || (duplicatePairKey(x.a.id, x.b.id) < duplicatePairKey(y.a.id, y.b.id) ? -1 : 1));
  }
  return { total: scored.length + (queue.length - next), items: scored.slice(page.offset, want) };
}

export interface EvidenceArticle {
  articleId: string;
  title: string | null;
  names: string[];
  snippet: string;
}

/** What a reviewer looks at for each side of a pair: recent articles mentioning it, the names used there and a snippet. `cypher/duplicateEvidence.cypher` */
export async function duplicateEvidence(db: Runner, ids: readonly string[], limit: number): Promise<Map<string, EvidenceArticle[]>> {
  const rows = await db.read("duplicateEvidence", { ids, limit: int(limit) });
  return new Map(
    rows.map((r) => [
      str(r, "id"),
      list(r.articles, "articles").map((v) => {
        const o = obj(v, "articles");
        return { articleId: str(o, "articleId"), title: strOrNull(o, "title"), names: strings(o, "names"), snippet: str(o, "snippet") };
      }),
    ]),
  );
}

// ---------------------------------------------------------------- the audit trail

export const CURATION_KINDS = ["MERGE", "REJECT", "RENAME", "ADD_ALIAS", "REMOVE_ALIAS", "SPLIT", "UNDO"] as const;
export type CurationKind = (typeof CURATION_KINDS)[number];

export interface CurationActionRow {
  id: string;
  seq: number;
  at: string;
  by: string;
  kind: CurationKind;
  summary: string;
  /** What changed, as JSON (the entities, names and articles involved, and what was there before). */
  detail: string;
  undone: boolean;
  undoneAt: string | null;
  undoneBy: string | null;
}

function actionRow(v: Parameters<typeof obj>[0]): CurationActionRow {
  const o = obj(v, "action");
  const kind = str(o, "kind");
  if (!(CURATION_KINDS as readonly string[]).includes(kind)) throw new TypeError(`Column "kind" should be a curation kind, got ${kind}`);
  return {
    id: str(o, "id"),
    seq: num(o, "seq"),
    at: str(o, "at"),
    by: str(o, "by"),
    kind: kind as CurationKind,
    summary: str(o, "summary"),
    detail: str(o, "detail"),
    undone: bool(o, "undone"),
    undoneAt: strOrNull(o, "undoneAt"),
    undoneBy: strOrNull(o, "undoneBy"),
  };
}

/** Curation actions, newest first; paginated. `cypher/curationLog.cypher` */
export async function curationLog(db: Runner, page: Window): Promise<Paged<CurationActionRow>> {
  const [row] = await db.read("curationLog", { offset: int(page.offset), limit: int(page.limit) });
  return { total: count(row, "total"), items: list(row?.items, "items").map(actionRow) };
}

/** Curation actions by id. `cypher/curationActionsByIds.cypher` */
export async function curationActionsByIds(db: Runner, ids: readonly string[]): Promise<CurationActionRow[]> {
  return (await db.read("curationActionsByIds", { ids })).map((r) => actionRow(r.action));
}

type Rule =
  | { kind: "redirect"; key: string; target: string }
  | { kind: "split"; scope: string; entityId: string; target: string }
  | { kind: "canonical"; entityId: string; name: string; type: EntityType }
  | { kind: "unalias"; entityId: string; key: string }
  | { kind: "reject"; pair: string };

/** Who acts and how the transaction is tagged (for cancellation). */
export interface Actor {
  by: string;
  tag: string;
}

// Private: one curation action: its sequence number and audit record, then `change` (which returns the rules and what changed), then the rules.
async function act<T>(
  db: Runner,
  actor: Actor,
  kind: CurationKind,
  change: (tx: Tx) => Promise<{ summary: string; detail: Record<string, unknown>; rules: Rule[]; result: T }>,
): Promise<{ action: CurationActionRow; result: T }> {
  return db.writeTx(async (tx) => {
    const id = randomUUID();
    // The sequence node is the first write, so concurrent curation actions queue here, before they read anything.
    const [begun] = await tx.run("curationBegin", { id, by: actor.by, kind, summary: "", detail: "{}" });
    const seq = num(begun!, "seq");
    const c = await change(tx);
    if (c.rules.length) await tx.run("curationAddRules", { rules: c.rules, actionId: id, seq: int(seq) });
    await tx.run("curationSetSummary", { id, summary: c.summary, detail: JSON.stringify(c.detail) });
    const [row] = await tx.run("curationActionsByIds", { ids: [id] });
    return { action: actionRow(row!.action), result: c.result };
  });
}

interface Locked {
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
  strongKeys: string[];
  articleIds: string[];
}

// Private: lock the entities (id order) and read what rules are made of; an absent one is NOT_FOUND (never there, or merged or deleted meanwhile).
async function lockNamed(tx: Tx, ids: string[], tag: string, what: string): Promise<Map<string, Locked>> {
  const rows = await tx.run("entityNames", { ids: [...new Set(ids)].sort(), tag });
  const found = new Map(
    rows.map((r) => {
      const e = entityRow({ ...r, articleCount: 0 });
      return [e.id, { ...e, strongKeys: strings(r, "strongKeys"), articleIds: strings(r, "articleIds") }] as const;
    }),
  );
  const absent = ids.filter((id) => !found.has(id));
  if (absent.length)
    throw new AppError("NOT_FOUND", `No entity with id ${absent.map((a) => `"${a}"`).join(", ")} (never there, or merged or deleted meanwhile): ${what}.`);
  return found;
}

async function entityAfter(tx: Tx, id: string): Promise<EntityRow> {
  const [row] = await tx.run("entitiesByIds", { ids: [id] });
  if (!row) throw new AppError("NOT_FOUND", `Entity "${id}" was deleted meanwhile: nothing was changed.`);
  return entityRow(row);
}

/**
 * Fold the `from` entities into `into`, in one transaction that first locks all of them (in id
 * order): of two overlapping merges at once, the second finds an entity merged away and gets
 * NOT_FOUND, having changed nothing. Different types need `force`. Stores redirects of every name and strong alias of
 * the merged entities, the canonical name of `into`, and points earlier rules at merged entities to `into`.
 * `cypher/entityNames.cypher`, `cypher/mergeEntities.cypher`, `cypher/curationRetarget.cypher`
 */
export async function mergeEntities(db: Runner, into: string, from: string[], actor: Actor, force = false): Promise<EntityRow> {
  if (from.includes(into)) throw new AppError("BAD_USER_INPUT", `Cannot merge "${into}" into itself: leave it out of "from".`);
  const { result } = await act(db, actor, "MERGE", async (tx) => {
    const locked = await lockNamed(tx, [into, ...from], actor.tag, "nothing was merged");
    const target = locked.get(into)!;
    const others = from.map((f) => locked.get(f)!).filter((f) => f.type !== target.type);
    if (others.length && !force)
      throw new AppError(
        "BAD_USER_INPUT",
        `"${into}" is a ${target.type} but ${others.map((o) => `"${o.id}" is a ${o.type}`).join(", ")}: pass force: true to merge entities of different types.`,
      );
    await tx.run("mergeEntities", { into, from });
    const retargeted = (await tx.run("curationRetarget", { from, into })).map((r) => ({ id: str(r, "id"), previous: str(r, "previous") }));
    const rules: Rule[] = [{ kind: "canonical", entityId: into, name: target.name, type: target.type }];
    for (const f of from.map((x) => locked.get(x)!)) {
      for (const key of new Set([aliasKey(f.type, f.name), ...f.strongKeys]))
        if (key !== aliasKey(target.type, target.name)) rules.push({ kind: "redirect", key, target: into });
    }
    const articles = [...new Set([...from.flatMap((f) => locked.get(f)!.articleIds)])];
    // What the merge linked to `into` that was not its own (alias index entries, names), for an undo to unlink.
    const own = new Set([target.name, ...target.aliases]);
    const unlink = new Map<string, string[]>();
    for (const f of from.map((x) => locked.get(x)!)) {
      for (const key of f.strongKeys) if (!target.strongKeys.includes(key)) unlink.set(key, unlink.get(key) ?? []);
      for (const n of [f.name, ...f.aliases]) {
        const key = aliasKey(f.type, n);
        if (!own.has(n) && !target.strongKeys.includes(key)) unlink.set(key, [...new Set([...(unlink.get(key) ?? []), n])]);
      }
    }
    return {
      summary: `Merged ${from.map((f) => `"${locked.get(f)!.name}"`).join(", ")} into "${target.name}"`,
      detail: {
        into,
        from: from.map((f) => ({ id: f, name: locked.get(f)!.name, type: locked.get(f)!.type })),
        articles,
        retargeted,
        unlink: [...unlink].map(([key, names]) => ({ key, names })),
      },
      rules,
      result: await entityAfter(tx, into),
    };
  });
  return result;
}

/** Remember that `a` and `b` are not one thing: never suggested again. Both must exist and differ. */
export async function rejectDuplicate(db: Runner, a: string, b: string, actor: Actor): Promise<CurationActionRow> {
  if (a === b) throw new AppError("BAD_USER_INPUT", `"a" and "b" are the same entity ("${a}"): a pair needs two.`);
  const { action } = await act(db, actor, "REJECT", async (tx) => {
    const found = await tx.run("entitiesByIds", { ids: [a, b] });
    const missing = [a, b].filter((id) => !found.some((r) => r.id === id));
    if (missing.length)
      throw new AppError(
        "BAD_USER_INPUT",
        `No such pair: no entity with id ${missing.map((m) => `"${m}"`).join(", ")}. Pass the keys of two existing entities.`,
      );
    const [ea, eb] = [a, b].map((id) => entityRow(found.find((r) => r.id === id)));
    return {
      summary: `Not duplicates: "${ea!.name}" and "${eb!.name}"`,
      detail: { a, b },
      rules: [{ kind: "reject", pair: duplicatePairKey(a, b) }],
      result: undefined,
    };
  });
  return action;
}

function checkName(name: string, what: string): string {
  const n = name.trim().replace(/\s+/g, " ");
  if (n.length === 0 || n.length > 200 || nameKey(n).length === 0)
    throw new AppError("BAD_USER_INPUT", `${what} must be 1 to 200 characters with at least one letter or digit, got "${name.slice(0, 80)}".`);
  return n;
}

/** Give an entity a new canonical name (its id stays); the old name stays as an alias, and the new name resolves to it at ingest. */
export async function renameEntity(db: Runner, id: string, name: string, actor: Actor): Promise<EntityRow> {
  const to = checkName(name, "The new name");
  const { result } = await act(db, actor, "RENAME", async (tx) => {
    const e = (await lockNamed(tx, [id], actor.tag, "nothing was renamed")).get(id)!;
    const key = aliasKey(e.type, to);
    await tx.run("renameEntity", { id, name: to, key, strong: isStrongAlias(e.type, to) });
    return {
      summary: `Renamed "${e.name}" to "${to}"`,
      detail: { entity: id, type: e.type, before: e.name, after: to },
      rules: [
        { kind: "canonical", entityId: id, name: to, type: e.type },
        ...(key !== aliasKey(e.type, e.name) ? [{ kind: "redirect" as const, key, target: id }] : []),
      ],
      result: await entityAfter(tx, id),
    };
  });
  return result;
}

/** Add a name to an entity: an alias that resolves new mentions of that name to it (even a person's single word). */
export async function addAlias(db: Runner, id: string, alias: string, actor: Actor): Promise<EntityRow> {
  const name = checkName(alias, "The alias");
  const { result } = await act(db, actor, "ADD_ALIAS", async (tx) => {
    const e = (await lockNamed(tx, [id], actor.tag, "no alias was added")).get(id)!;
    const key = aliasKey(e.type, name);
    await tx.run("addAlias", { id, alias: name, key, strong: true });
    await tx.run("curationDropUnalias", { id, key });
    return {
      summary: `Added alias "${name}" to "${e.name}"`,
      detail: { entity: id, alias: name, key, had: e.aliases.includes(name) },
      rules: [{ kind: "redirect", key, target: id }],
      result: await entityAfter(tx, id),
    };
  });
  return result;
}

/** Remove a name (every spelling with its alias key) from an entity's aliases and the alias index; it is not added back at ingest. */
export async function removeAlias(db: Runner, id: string, alias: string, actor: Actor): Promise<EntityRow> {
  const { result } = await act(db, actor, "REMOVE_ALIAS", async (tx) => {
    const e = (await lockNamed(tx, [id], actor.tag, "no alias was removed")).get(id)!;
    const key = aliasKey(e.type, alias);
    const names = e.aliases.filter((n) => aliasKey(e.type, n) === key);
    if (names.length === 0)
      throw new AppError("BAD_USER_INPUT", `"${e.name}" has no alias "${alias.slice(0, 80)}"; its aliases are ${JSON.stringify(e.aliases.slice(0, 20))}.`);
    if (key === aliasKey(e.type, e.name)) throw new AppError("BAD_USER_INPUT", `"${alias}" is the entity's own name: rename it instead.`);
    await tx.run("removeAlias", { id, key, names });
    return {
      summary: `Removed alias "${names[0]}" from "${e.name}"`,
      detail: { entity: id, names, key, wasStrong: e.strongKeys.includes(key) },
      rules: [{ kind: "unalias", entityId: id, key }],
      result: await entityAfter(tx, id),
    };
  });
  return result;
}

/** Re-ingest stored articles (forced), so they resolve under the curation rules as they are now. `cypher/articlesForReingest.cypher` */
export async function reingestArticles(db: Runner, ids: string[], opts: IngestOptions): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await db.read("articlesForReingest", { ids });
  const records: ArticleRecord[] = rows.map((r, line) => {
    const opt = (k: string) => strOrNull(r, k) ?? undefined;
    const article = { id: str(r, "id"), text: str(r, "text"), title: opt("title"), url: opt("url"), source: opt("source"), publishedAt: opt("publishedAt") };
    return {
      ok: true,
      article: Object.fromEntries(Object.entries(article).filter(([, v]) => v !== undefined)) as typeof article,
      origin: { file: "curation", line },
    };
  });
  const s = await ingest(db, records, { ...opts, force: true });
  return s.new + s.updated;
}

/**
 * Move the mentions of `entity` in the chosen articles (with their relations and quotes) to a new entity
 * named `name`: stores split rules for those articles and the new entity's name, then re-ingests the articles.
 */
export async function splitEntity(db: Runner, id: string, articleIds: string[], name: string, actor: Actor, opts: IngestOptions): Promise<EntityRow> {
  const to = checkName(name, "The new entity's name");
  const ids = [...new Set(articleIds)];
  if (ids.length === 0 || ids.length > 500) throw new AppError("BAD_USER_INPUT", `"articles" must name 1 to 500 articles that mention the entity.`);
  const { result: target } = await act(db, actor, "SPLIT", async (tx) => {
    const e = (await lockNamed(tx, [id], actor.tag, "nothing was split")).get(id)!;
    const notMentioning = ids.filter((a) => !e.articleIds.includes(a));
    if (notMentioning.length)
      throw new AppError(
        "BAD_USER_INPUT",
        `These articles do not mention "${e.name}": ${notMentioning
          .slice(0, 10)
          .map((a) => `"${a}"`)
          .join(", ")}. Pick articles from its article list.`,
      );
    if (ids.length === e.articleIds.length) throw new AppError("BAD_USER_INPUT", `That is every article of "${e.name}": rename it instead of splitting.`);
    const newId = entityId(e.type, to);
    if (newId === id) throw new AppError("BAD_USER_INPUT", `"${to}" is the entity's own name: give the split-off entity another name.`);
    return {
      summary: `Split ${ids.length} article(s) of "${e.name}" off to "${to}"`,
      detail: { entity: id, target: newId, name: to, articles: ids },
      rules: [
        { kind: "canonical", entityId: newId, name: to, type: e.type },
        ...ids.map((a) => ({ kind: "split" as const, scope: a, entityId: id, target: newId })),
      ],
      result: newId,
    };
  });
  await reingestArticles(db, ids, opts);
  const [row] = await entitiesByIds(db, [target]);
  if (!row) throw new AppError("NOT_FOUND", `The split was recorded but "${target}" was not created: run undoCuration on it and try again.`);
  return row;
}

/**
 * Undo a curation action: delete its rules (and point rules it retargeted back), revert what it set
 * (a rename's name, an added or removed alias), and re-ingest the articles it touched so they resolve
 * without it (a merge's entities come back from their articles). Undoing twice is a no-op.
 */
export async function undoCuration(db: Runner, id: string, actor: Actor, opts: IngestOptions): Promise<CurationActionRow> {
  const undone = await db.writeTx(async (tx) => {
    await tx.run("curationBegin", { id: randomUUID(), by: actor.by, kind: "UNDO", summary: `Undid action ${id}`, detail: JSON.stringify({ action: id }) });
    const [row] = await tx.run("curationUndo", { id, by: actor.by });
    if (!row) throw new AppError("NOT_FOUND", `No curation action with id "${id}": see curationLog for the ids.`);
    if (str(row, "kind") === "UNDO")
      throw new AppError("BAD_USER_INPUT", `"${id}" is itself an undo: undo the action it undid is not possible; redo that action instead.`);
    if (bool(row, "wasUndone")) return undefined;
    const detail = obj(JSON.parse(str(row, "detail")) as Parameters<typeof obj>[0], "detail");
    const kind = str(row, "kind");
    const entity = strOrNull(detail, "entity");
    if (kind === "MERGE") {
      await tx.run("curationRestoreTargets", { rules: list(detail.retargeted, "retargeted") });
      for (const v of list(detail.unlink, "unlink")) {
        const u = obj(v, "unlink");
        await tx.run("removeAlias", { id: str(detail, "into"), key: str(u, "key"), names: strings(u, "names") });
      }
    }
    if (kind === "RENAME" && entity)
      await tx.run("renameEntity", {
        id: entity,
        name: str(detail, "before"),
        key: aliasKey(str(detail, "type") as EntityType, str(detail, "before")),
        strong: false,
      });
    if (kind === "ADD_ALIAS" && entity && !bool(detail, "had"))
      await tx.run("removeAlias", { id: entity, key: str(detail, "key"), names: [str(detail, "alias")] });
    if (kind === "REMOVE_ALIAS" && entity) {
      for (const n of stringList(detail.names, "names"))
        await tx.run("addAlias", { id: entity, alias: n, key: str(detail, "key"), strong: bool(detail, "wasStrong") });
    }
    return { kind, articles: stringList(detail.articles, "articles") };
  });
  if (undone) await reingestArticles(db, undone.articles, opts);
  const [action] = await curationActionsByIds(db, [id]);
  return action!;
}
