import { builder } from "../builder.ts";
import { AppError } from "../../errors.ts";
import { articleFor } from "../ids.ts";
import { loaders } from "../loaders.ts";
import { ArticleRef, EntityRef, RelationRef } from "../refs.ts";
import { relationKey } from "../../graph/keys.ts";
import type { ArticleRow, EntityRow, RelationRow } from "../../store/index.ts";
import { loadAll } from "../join.ts";

interface Comparison {
  a: ArticleRow;
  b: ArticleRow;
  sharedEntities: EntityRow[];
  agreed: RelationRow[];
  onlyA: RelationRow[];
  onlyB: RelationRow[];
}

const ComparisonRef = builder.objectRef<Comparison>("ArticleComparison").implement({
  description: "What two articles agree on and where they differ.",
  fields: (t) => ({
    a: t.field({ type: ArticleRef, description: "The first article.", resolve: (c) => c.a }),
    b: t.field({ type: ArticleRef, description: "The second article.", resolve: (c) => c.b }),
    sharedEntities: t.field({
      type: [EntityRef],
      description: "Entities both mention, those the first article mentions most first.",
      resolve: (c) => c.sharedEntities,
    }),
    sharedRelations: t.field({
      type: [RelationRef],
      description: "Relations both assert (aggregated over all articles), by type, subject and object.",
      resolve: (c) => c.agreed,
    }),
    onlyInA: t.field({ type: [RelationRef], description: "Relations only the first asserts, by type, subject and object.", resolve: (c) => c.onlyA }),
    onlyInB: t.field({ type: [RelationRef], description: "Relations only the second asserts, by type, subject and object.", resolve: (c) => c.onlyB }),
  }),
});

builder.queryField("compareArticles", (t) =>
  t.field({
    type: ComparisonRef,
    description: "Shared entities, relations both assert, and relations only one asserts.",
    args: { a: t.arg.id({ required: true, description: "First article id." }), b: t.arg.id({ required: true, description: "Second article id." }) },
    resolve: async (_r, args, ctx) => {
      const [a, b] = await Promise.all([articleFor(ctx, args.a), articleFor(ctx, args.b)]);
      if (!a) throw new AppError("NOT_FOUND", `No article "${args.a.slice(0, 80)}".`);
      if (!b) throw new AppError("NOT_FOUND", `No article "${args.b.slice(0, 80)}".`);
      const pair = await ctx.store.compareArticles(a.id, b.id);
      if (!pair) throw new AppError("NOT_FOUND", "One of the two articles was deleted while the request ran; ask again.");
      const k = relationKey;
      const bEntities = new Set(pair.bEntities);
      const aKeys = new Set(pair.aRels.map(k));
      const bKeys = new Set(pair.bRels.map(k));
      const all = [...pair.aRels, ...pair.bRels.filter((r) => !aKeys.has(k(r)))];
      const order = new Map(all.map((r, i) => [k(r), i]));
      // In the order of the keys (type, subject, object: compareArticles sorts them), whatever order the statement returns.
      const rows = await ctx.store.relationsByKeys(all);
      rows.sort((x, y) => (order.get(k(x)) ?? 0) - (order.get(k(y)) ?? 0));
      const sharedIds = pair.aEntities.filter((id) => bEntities.has(id));
      return {
        a,
        b,
        sharedEntities: await loadAll<EntityRow>(loaders.entity(ctx), sharedIds),
        agreed: rows.filter((r) => aKeys.has(k(r)) && bKeys.has(k(r))),
        onlyA: rows.filter((r) => aKeys.has(k(r)) && !bKeys.has(k(r))),
        onlyB: rows.filter((r) => bKeys.has(k(r)) && !aKeys.has(k(r))),
      };
    },
  }),
);
