import { builder } from "../builder.ts";
import { AppError } from "../../errors.ts";
import type { AppContext } from "../context.ts";
import { entityIdsFor } from "../ids.ts";
import { loaders } from "../loaders.ts";
import { ArticleRef, EntityRef, RelationRef } from "../refs.ts";
import { pairKey } from "../../graph/keys.ts";
import type { ArticleRow, EntityRow, RelationRow } from "../../store/index.ts";
import { combinations } from "../../store/path-search.ts";
import { loadAll } from "../join.ts";

function notFound(ref: string, which: string): AppError {
  return new AppError("NOT_FOUND", `No entity is called "${ref.slice(0, 80)}" (${which}). Try entities(search: …) to find its name.`);
}

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
    relation: t.field({
      type: RelationRef,
      nullable: true,
      description: "The relation linking them (either direction), when there is one.",
      resolve: (h) => h.relation,
    }),
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

/** The entities of each sequence, in order; a sequence with an entity deleted since the search is dropped. */
async function entitiesOf(ctx: AppContext, seqs: string[][]): Promise<EntityRow[][]> {
  const ents = new Map((await loadAll<EntityRow>(loaders.entity(ctx), [...new Set(seqs.flat())])).map((e) => [e.id, e]));
  return seqs.map((s) => s.map((id) => ents.get(id))).filter((nodes): nodes is EntityRow[] => nodes.every((n) => n !== undefined));
}

/**
 * Up to `first` shortest relation paths of at most `maxHops` steps: entity sequences from the
 * store, then one path per combination of the relations (type and direction) linking each step.
 */
async function relationPaths(ctx: AppContext, from: string, to: string, maxHops: number, first: number): Promise<PathShape[]> {
  const found = await ctx.store.relationPaths(from, to, maxHops, first);
  if (found.seqs.length === 0) return [];
  const out: PathShape[] = [];
  for (const nodes of await entitiesOf(ctx, found.seqs)) {
    const steps = nodes.slice(1).map((b, i) => found.byPair.get(pairKey(nodes[i]!.id, b.id)) ?? []);
    for (const relations of combinations(steps, first - out.length)) {
      out.push({ nodes, relations, hops: relations.map((rel, i) => ({ from: nodes[i]!, to: nodes[i + 1]!, relation: rel, article: null })) });
    }
    if (out.length >= first) break;
  }
  return out;
}

/** When no relation path exists: the shortest chain of entities mentioned together, each step with an article mentioning both. */
async function coMentionPath(ctx: AppContext, from: string, to: string, maxHops: number): Promise<PathShape[]> {
  const found = await ctx.store.coMentionPath(from, to, maxHops);
  const [nodes] = await entitiesOf(ctx, found.seq ? [found.seq] : []);
  if (!nodes) return [];
  const arts = await loaders.article(ctx).loadMany(nodes.slice(1).map((b, i) => found.witnesses.get(pairKey(nodes[i]!.id, b.id)) ?? ""));
  if (arts.some((a) => !a || a instanceof Error)) return []; // an article deleted since the search
  return [{ nodes, relations: [], hops: arts.map((a, i) => ({ from: nodes[i]!, to: nodes[i + 1]!, relation: null, article: a as ArticleRow })) }];
}

builder.queryField("connections", (t) =>
  t.field({
    type: [PathRef],
    description:
      'What links two entities: shortest relation paths (any direction), every hop with evidence: `connections(from: "Donald Trump", to: "Abu Bakr al-Baghdadi")`.',
    args: {
      from: t.arg.string({
        required: true,
        description: "An entity id, name or alias (one entity: the most mentioned with that name, as in `entity(name:)`).",
      }),
      to: t.arg.string({ required: true, description: "An entity id, name or alias (the same rule)." }),
      maxHops: t.arg.int({ defaultValue: 4, description: "Longest path considered (1 to 10; co-mention chains up to 4)." }),
      first: t.arg.int({ defaultValue: 5, description: "At most this many paths (1 to 20)." }),
    },
    resolve: async (_r, args, ctx) => {
      const maxHops = args.maxHops ?? 4;
      const first = args.first ?? 5;
      if (!Number.isInteger(maxHops) || maxHops < 1 || maxHops > 10) throw new AppError("BAD_USER_INPUT", '"maxHops" must be from 1 to 10.');
      if (!Number.isInteger(first) || first < 1 || first > 20) throw new AppError("BAD_USER_INPUT", '"first" must be from 1 to 20.');
      // Both ends in one statement, by the rule every root field uses for a name.
      const [from, to] = await entityIdsFor(ctx, [args.from, args.to]);
      if (!from) throw notFound(args.from, "from");
      if (!to) throw notFound(args.to, "to");
      if (from === to) throw new AppError("BAD_USER_INPUT", '"from" and "to" name the same entity.');
      const paths = await relationPaths(ctx, from, to, maxHops, first);
      return paths.length > 0 ? paths : coMentionPath(ctx, from, to, Math.min(maxHops, 4));
    },
  }),
);
