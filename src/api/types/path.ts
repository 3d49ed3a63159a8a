import { builder } from "../builder.ts";
import { AppError } from "../../errors.ts";
import { int } from "../../db/values.ts";
import type { AppContext } from "../context.ts";
import { entityKeysFor } from "../ids.ts";
import { loaders } from "../loaders.ts";
import { ArticleRef, EntityRef, RelationRef } from "../refs.ts";
import { relationKey, type ArticleRow, type EntityRow, type RelationRow } from "../rows.ts";
import { loadAll } from "../join.ts";

interface Hop {
  from: EntityRow;
  to: EntityRow;
  relation: RelationRow | null;
  article: ArticleRow | null;
}
interface PathShape {
  nodes: EntityRow[];
  relations: RelationRow[];
  hops: Hop[];
}

const HopRef = builder.objectRef<Hop>("PathHop").implement({
  description: "One step of a path, with what proves it: a relation (with evidence), or an article that mentions both ends.",
  fields: (t) => ({
    from: t.field({ type: EntityRef, description: "Where the step starts.", resolve: (h) => h.from }),
    to: t.field({ type: EntityRef, description: "Where it ends.", resolve: (h) => h.to }),
    relation: t.field({ type: RelationRef, nullable: true, description: "The relation linking them (either direction), when there is one.", resolve: (h) => h.relation }),
    article: t.field({ type: ArticleRef, nullable: true, description: "For a co-mention step: an article mentioning both.", resolve: (h) => h.article }),
  }),
});

const PathRef = builder.objectRef<PathShape>("Path").implement({
  description: "A chain linking two entities. Relation paths come first; when none exists within maxHops, a chain of co-mentions in articles.",
  fields: (t) => ({
    length: t.int({ description: "Number of steps.", resolve: (p) => p.hops.length }),
    nodes: t.field({ type: [EntityRef], description: "The entities along the path, from first to last.", resolve: (p) => p.nodes }),
    relations: t.field({ type: [RelationRef], description: "The relations along the path (empty for a co-mention path).", resolve: (p) => p.relations }),
    hops: t.field({ type: [HopRef], description: "Each step with its proof.", resolve: (p) => p.hops }),
  }),
});

async function entityIdFor(ctx: AppContext, ref: string, which: string): Promise<string> {
  const [id] = await entityKeysFor(ctx, ref);
  if (!id) throw new AppError("NOT_FOUND", `No entity is called "${ref.slice(0, 80)}" (${which}). Try entities(search: …) to find its name.`);
  return id;
}

async function relationPaths(ctx: AppContext, from: string, to: string, maxHops: number, first: number): Promise<PathShape[]> {
  const rows = await ctx.db.read("shortestPaths", { from, to, maxHops: int(maxHops), first: int(first) });
  if (rows.length === 0) return [];
  const keys = rows.flatMap((r) => r.rels as { type: string; subjectId: string; objectId: string }[]);
  const rels = (await ctx.db.read("relationsByKeys", { keys })) as unknown as RelationRow[];
  const byKey = new Map(rels.map((r) => [relationKey(r), r]));
  const ents = new Map((await loadAll<EntityRow>(loaders.entity(ctx), [...new Set(rows.flatMap((r) => r.nodeIds as string[]))])).map((e) => [e.id, e]));
  return rows.map((r) => {
    const nodes = (r.nodeIds as string[]).map((id) => ents.get(id)!);
    const relations = (r.rels as { type: string; subjectId: string; objectId: string }[]).map((k) => byKey.get(`${k.type}|${k.subjectId}|${k.objectId}`)!);
    return { nodes, relations, hops: relations.map((rel, i) => ({ from: nodes[i]!, to: nodes[i + 1]!, relation: rel, article: null })) };
  });
}

async function coMentionPath(ctx: AppContext, from: string, to: string, maxHops: number): Promise<PathShape[]> {
  const [row] = await ctx.db.read("coMentionPaths", { from, to, maxHops: int(maxHops) });
  if (!row) return [];
  const nodes = await loadAll<EntityRow>(loaders.entity(ctx), row.nodeIds as string[]);
  const arts = await loadAll<ArticleRow>(loaders.article(ctx), row.articleIds as string[]);
  return [{ nodes, relations: [], hops: arts.map((a, i) => ({ from: nodes[i]!, to: nodes[i + 1]!, relation: null, article: a })) }];
}

builder.queryField("connections", (t) =>
  t.field({
    type: [PathRef],
    description: 'What links two entities: shortest relation paths (any direction), every hop with evidence: `connections(from: "Donald Trump", to: "Abu Bakr al-Baghdadi")`.',
    args: {
      from: t.arg.string({ required: true, description: "An entity id, name or alias." }),
      to: t.arg.string({ required: true, description: "An entity id, name or alias." }),
      maxHops: t.arg.int({ defaultValue: 4, description: "Longest path considered (1 to 10; co-mention chains up to 4)." }),
      first: t.arg.int({ defaultValue: 5, description: "At most this many paths (1 to 20)." }),
    },
    resolve: async (_r, args, ctx) => {
      const maxHops = args.maxHops ?? 4;
      const first = args.first ?? 5;
      if (!Number.isInteger(maxHops) || maxHops < 1 || maxHops > 10) throw new AppError("BAD_USER_INPUT", '"maxHops" must be from 1 to 10.');
      if (!Number.isInteger(first) || first < 1 || first > 20) throw new AppError("BAD_USER_INPUT", '"first" must be from 1 to 20.');
      const [from, to] = await Promise.all([entityIdFor(ctx, args.from, "from"), entityIdFor(ctx, args.to, "to")]);
      if (from === to) throw new AppError("BAD_USER_INPUT", '"from" and "to" name the same entity.');
      const paths = await relationPaths(ctx, from, to, maxHops, first);
      return paths.length > 0 ? paths : coMentionPath(ctx, from, to, Math.min(maxHops, 4));
    },
  }),
);
