/**
 * Pure planning: from extraction results to the parameters of the write statements.
 * No database here, so the mapping from article-local entities to graph nodes is unit-tested.
 */
import type { ArticleInput, EntityType, ExtractionResult } from "../extraction/types.ts";
import { aliasKey, candidateRef, ENTITY_LABEL, entityId, isStrongAlias, quoteIds, relationKey } from "../graph/keys.ts";
import { extractorVersion } from "../extraction/version.ts";

/** The rules-only fingerprint (KG_NLP=none); see extractorFingerprint for the one an ingest stores. */
export const EXTRACTOR_VERSION = extractorVersion();

export interface PreparedArticle {
  input: ArticleInput;
  id: string;
  contentHash: string;
  extraction: ExtractionResult;
  /** The extractor fingerprint it was extracted with (extractorFingerprint); stored with it. */
  extractor: string;
}

/** One extracted entity to resolve: `ref` is "<articleId>#<local id>". */
export interface Candidate {
  ref: string;
  articleId: string;
  id: string;
  type: EntityType;
  name: string;
  aliases: string[];
  aliasKeys: string[];
}

export interface Resolution {
  ref: string;
  existing: string | null;
  viaAlias: string[];
}

export function candidates(articles: PreparedArticle[]): Candidate[] {
  const out: Candidate[] = [];
  for (const a of articles) {
    for (const e of a.extraction.entities) {
      const names = [e.name, ...e.aliases];
      out.push({
        ref: candidateRef(a.id, e.id),
        articleId: a.id,
        id: entityId(e.type, e.name),
        type: e.type,
        name: e.name,
        aliases: e.aliases,
        aliasKeys: [...new Set(names.filter((n) => isStrongAlias(e.type, n)).map((n) => aliasKey(e.type, n)))],
      });
    }
  }
  return out;
}

/**
 * The analysts' decisions that apply to a batch (src/store/curation.ts stores them; cypher/curationForCandidates.cypher
 * reads them): they come before the automatic rules, so a merged name stays merged and a split stays split.
 */
export interface Curation {
  /** Alias key → entity id: a merged-away name, an added alias or a new name resolves there. */
  redirects: Map<string, string>;
  /** "<articleId>|<entity id>" → entity id: that article's mentions were split off to another entity. */
  splits: Map<string, string>;
  /** Entity id → alias keys an analyst removed from it: never resolved through, never added back. */
  removed: Map<string, Set<string>>;
  /** Entity id → the curated name and type it is created with (merge targets, renames, split-offs). */
  canonical: Map<string, { name: string; type: EntityType }>;
}

export function noCuration(): Curation {
  return { redirects: new Map(), splits: new Map(), removed: new Map(), canonical: new Map() };
}

/** The split rule key of an article's mentions of an entity. */
export function splitKey(articleId: string, entityId: string): string {
  return `${articleId}|${entityId}`;
}

// Private: the curated id of a candidate, if a redirect names its own name, else one redirect target shared by its strong aliases.
function redirected(c: Candidate, cur: Curation): string | undefined {
  // A redirect to an entity the name was removed from since does not count.
  const to = (k: string) => {
    const t = cur.redirects.get(k);
    return t && !cur.removed.get(t)?.has(k) ? t : undefined;
  };
  const own = to(aliasKey(c.type, c.name));
  if (own) return own;
  const via = new Set(c.aliasKeys.map(to).filter((x): x is string => !!x));
  return via.size === 1 ? [...via][0] : undefined;
}

/**
 * Decide each candidate's node id. Curation first: a redirect of its name (or of its strong aliases)
 * wins; then its own id if that node exists; else the one node its strong aliases point to; else a
 * new node with its own id. Last, a split of its article moves it to the split-off entity.
 *
 * A batch resolves exactly as its articles would one after another: "exists" and "point to" count the
 * nodes and alias edges earlier candidates of the batch create, alongside the graph's. So the graph
 * depends on the order articles are written in (an alias cluster keeps the id of the name written
 * first; ids never change afterwards), not on how they were batched.
 */
export function assignIds(cands: Candidate[], resolutions: Resolution[], cur: Curation = noCuration()): Map<string, string> {
  const byRef = new Map(resolutions.map((r) => [r.ref, r]));
  const batchAlias = new Map<string, Set<string>>(); // alias key → ids earlier candidates of this batch gave it
  const batchIds = new Set<string>();
  const out = new Map<string, string>();
  for (const c of cands) {
    const r = byRef.get(c.ref);
    // An alias an analyst removed from an entity has no ALIAS_OF edge to it, so `viaAlias` already ignores it.
    let id = redirected(c, cur);
    if (id === undefined) {
      if (r?.existing || batchIds.has(c.id)) id = c.id;
      else {
        const via = new Set(r?.viaAlias ?? []);
        for (const k of c.aliasKeys) for (const x of batchAlias.get(k) ?? []) via.add(x);
        id = via.size === 1 ? [...via][0]! : c.id;
      }
    }
    id = cur.splits.get(splitKey(c.articleId, id)) ?? id;
    out.set(c.ref, id);
    batchIds.add(id);
    for (const k of c.aliasKeys) {
      if (cur.removed.get(id)?.has(k)) continue;
      const ids = batchAlias.get(k) ?? new Set<string>();
      batchAlias.set(k, ids.add(id));
    }
  }
  return out;
}

export interface WriteParams {
  articles: { id: string; props: Record<string, unknown> }[];
  entities: { id: string; name: string; type: EntityType; label: string; aliases: string[]; aliasEntries: { name: string; key: string; strong: boolean }[] }[];
  mentions: { articleId: string; entityId: string; count: number; spans: number[]; names: string[] }[];
  relations: Record<string, unknown>[];
  quotes: Record<string, unknown>[];
}

/** The Article node's properties. */
export function articleParams(a: PreparedArticle): WriteParams["articles"][number] {
  const { input, extraction } = a;
  return {
    id: a.id,
    props: {
      title: input.title ?? extraction.article.title ?? null,
      url: input.url ?? null,
      source: input.source ?? null,
      publishedAt: input.publishedAt ?? null,
      text: input.text,
      contentHash: a.contentHash,
      extractor: a.extractor,
    },
  };
}

/** Everything the write transaction stores, given the node id chosen for each candidate. */
export function writeParams(articles: PreparedArticle[], cands: Candidate[], ids: Map<string, string>, cur: Curation = noCuration()): WriteParams {
  const entities = new Map<string, WriteParams["entities"][number]>();
  for (const c of cands) {
    const id = ids.get(c.ref)!;
    let e = entities.get(id);
    if (!e) {
      const canon = cur.canonical.get(id);
      const type = canon?.type ?? c.type;
      e = { id, name: canon?.name ?? c.name, type, label: ENTITY_LABEL[type], aliases: [], aliasEntries: [] };
      // A curated name no article may spell is still in the alias index, as the merged or renamed entity's was.
      if (canon) e.aliasEntries.push({ name: canon.name, key: aliasKey(type, canon.name), strong: isStrongAlias(type, canon.name) });
      entities.set(id, e);
    }
    const removed = cur.removed.get(id);
    for (const n of [c.name, ...c.aliases]) {
      const key = aliasKey(c.type, n);
      if (removed?.has(key)) continue;
      if (n !== e.name && !e.aliases.includes(n)) e.aliases.push(n);
      const strong = isStrongAlias(c.type, n);
      // Strength depends only on (type, name), so an entry never needs upgrading later.
      if (!e.aliasEntries.some((x) => x.key === key)) e.aliasEntries.push({ name: n, key, strong });
    }
  }

  const out: WriteParams = { articles: [], entities: [...entities.values()], mentions: [], relations: [], quotes: [] };
  for (const a of articles) {
    const { input, extraction } = a;
    out.articles.push(articleParams(a));
    const local = (lid: string) => ids.get(candidateRef(a.id, lid));
    const mentions = new Map<string, WriteParams["mentions"][number]>();
    for (const e of extraction.entities) {
      const gid = local(e.id)!;
      let m = mentions.get(gid);
      if (!m) mentions.set(gid, (m = { articleId: a.id, entityId: gid, count: 0, spans: [], names: [] }));
      m.count += e.mentions.length;
      for (const s of e.mentions) m.spans.push(s.start, s.end);
      for (const n of [e.name, ...e.aliases]) if (!m.names.includes(n)) m.names.push(n);
    }
    out.mentions.push(...mentions.values());

    // One relationship per (type, subject, object, article): keep the most confident evidence.
    const best = new Map<string, Record<string, unknown> & { confidence: number }>();
    const quotes: { subject: string; base: Record<string, unknown>; quote: string; from: number }[] = [];
    for (const r of extraction.relations) {
      const subject = local(r.subject);
      if (!subject) continue;
      const base = {
        sentence: r.evidence.text,
        start: r.evidence.start,
        end: r.evidence.end,
        confidence: r.confidence,
        publishedAt: input.publishedAt ?? null,
        extractor: a.extractor,
      };
      if (r.type === "QUOTED_IN") {
        quotes.push({ subject, base, quote: r.quote ?? "", from: r.evidence.start });
        continue;
      }
      const object = local(r.object);
      if (!object || object === subject) continue;
      const key = relationKey({ type: r.type, subjectId: subject, objectId: object });
      const prev = best.get(key);
      if (!prev || prev.confidence < r.confidence) {
        best.set(key, { ...base, type: r.type, subject, object, articleId: a.id, time: r.time ?? null });
      }
    }
    out.relations.push(...best.values());
    const qids = quoteIds(a.id, input.text, quotes);
    quotes.forEach((q, i) => out.quotes.push({ ...q.base, id: qids[i], speaker: q.subject, articleId: a.id, quote: q.quote }));
  }
  return out;
}
