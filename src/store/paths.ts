/**
 * Paths between two entities, each search in one read transaction (so its timeout bounds it all):
 * entity sequences found breadth-first over distinct entity pairs (path-search.ts), then what
 * proves each step.
 */
import type { Runner, Tx } from "../db/client.ts";
import { pairKey, relationKey, type RelationKeyParts } from "../graph/keys.ts";
import { shortestEntityPaths } from "./path-search.ts";
import { relationRow, relationType, str, type Obj, type RelationRow } from "./rows.ts";

/** The step pairs [a, b] of entity sequences, each once. */
function stepPairs(seqs: string[][]): [string, string][] {
  const pairs = new Map<string, [string, string]>();
  for (const s of seqs) for (let i = 1; i < s.length; i++) pairs.set(pairKey(s[i - 1]!, s[i]!), [s[i - 1]!, s[i]!]);
  return [...pairs.values()];
}

/** Up to `first` shortest entity sequences over the pairs that `step` walks (`cypher/pathNeighbours.cypher` or `coMentionNeighbours.cypher`). */
function entitySequences(
  tx: Tx,
  step: "pathNeighbours" | "coMentionNeighbours",
  from: string,
  to: string,
  maxHops: number,
  first: number,
): Promise<string[][]> {
  return shortestEntityPaths(
    async (ids, seen) => (await tx.run(step, { ids, seen })).map((r: Obj) => ({ from: str(r, "from"), to: str(r, "to") })),
    from,
    to,
    maxHops,
    first,
  );
}

export interface RelationPaths {
  /** Entity sequences from `from` to `to`, shortest first. */
  seqs: string[][];
  /** The relations linking each step pair, by `pairKey(a, b)`, in a stable order (type, then subject). */
  byPair: Map<string, RelationRow[]>;
}

/**
 * Up to `first` shortest relation paths of at most `maxHops` steps (any direction).
 * `cypher/pathNeighbours.cypher`, `cypher/pathHopRelations.cypher`, `cypher/relationsByKeys.cypher`
 */
export async function relationPaths(db: Runner, from: string, to: string, maxHops: number, first: number): Promise<RelationPaths> {
  return db.readTx(async (tx) => {
    const seqs = await entitySequences(tx, "pathNeighbours", from, to, maxHops, first);
    const byPair = new Map<string, RelationRow[]>();
    if (seqs.length === 0) return { seqs, byPair };
    const hops = (await tx.run("pathHopRelations", { pairs: stepPairs(seqs) })).map((r) => ({
      pair: pairKey(str(r, "a"), str(r, "b")),
      key: { type: relationType(r), subjectId: str(r, "subjectId"), objectId: str(r, "objectId") } satisfies RelationKeyParts,
    }));
    const rels = (await tx.run("relationsByKeys", { keys: hops.map((h) => h.key) })).map(relationRow);
    const byKey = new Map(rels.map((r) => [relationKey(r), r]));
    for (const h of hops) {
      const rel = byKey.get(relationKey(h.key));
      if (!rel) continue;
      byPair.set(h.pair, [...(byPair.get(h.pair) ?? []), rel]);
    }
    return { seqs, byPair };
  });
}

export interface CoMentionPath {
  /** The shortest entity sequence, or none. */
  seq: string[] | null;
  /** For each step pair (`pairKey(a, b)`), an article mentioning both. */
  witnesses: Map<string, string>;
}

/** The shortest chain of entities mentioned together, each step with an article mentioning both. `cypher/coMentionNeighbours.cypher`, `cypher/coMentionWitnesses.cypher` */
export async function coMentionPath(db: Runner, from: string, to: string, maxHops: number): Promise<CoMentionPath> {
  return db.readTx(async (tx) => {
    const [seq] = await entitySequences(tx, "coMentionNeighbours", from, to, maxHops, 1);
    if (!seq) return { seq: null, witnesses: new Map() };
    const rows = await tx.run("coMentionWitnesses", { pairs: stepPairs([seq]) });
    return { seq, witnesses: new Map(rows.map((w) => [pairKey(str(w, "a"), str(w, "b")), str(w, "articleId")])) };
  });
}
