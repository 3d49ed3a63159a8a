import { builder } from "../builder.ts";
import { AppError } from "../../errors.ts";
import { articleFor } from "../ids.ts";
import { loaders } from "../loaders.ts";
import { ArticleRef, EntityRef, RelationRef } from "../refs.ts";
import type { ArticleRow, EntityRow, RelationRow } from "../rows.ts";
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
    sharedEntities: t.field({ type: [EntityRef], description: "Entities both mention, those the first article mentions most first.", resolve: (c) => c.sharedEntities }),
    sharedRelations: t.field({ type: [RelationRef], description: "Relations both assert (aggregated over all articles), by type, subject and object.", resolve: (c) => c.agreed }),
    onlyInA: t.field({ type: [RelationRef], description: "Relations only the first asserts, by type, subject and object.", resolve: (c) => c.onlyA }),
    onlyInB: t.field({ type: [RelationRef], description: "Relations only the second asserts, by type, subject and object.", resolve: (c) => c.onlyB }),
  }),
});

type Key = { type: string; subjectId: string; objectId: string };
const k = (r: Key) => `${r.type}|${r.subjectId}|${r.objectId}`;

builder.queryField("compareArticles", (t) =>
  t.field({
    type: ComparisonRef,
    description: "Shared entities, relations both assert, and relations only one asserts.",
    args: { a: t.arg.id({ required: true, description: "First article id." }), b: t.arg.id({ required: true, description: "Second article id." }) },
    resolve: async (_r, args, ctx) => {
      const [a, b] = await Promise.all([articleFor(ctx, args.a), articleFor(ctx, args.b)]);
      if (!a) throw new AppError("NOT_FOUND", `No article "${args.a.slice(0, 80)}".`);
      if (!b) throw new AppError("NOT_FOUND", `No article "${args.b.slice(0, 80)}".`);
      const [row] = await ctx.db.read("compareArticles", { a: a.id, b: b.id });
      const aRels = (row?.aRels as Key[]) ?? [];
      const bRels = (row?.bRels as Key[]) ?? [];
      const bEntities = new Set((row?.bEntities as string[]) ?? []);
      const aKeys = new Set(aRels.map(k));
      const bKeys = new Set(bRels.map(k));
      const all = [...aRels, ...bRels.filter((r) => !aKeys.has(k(r)))];
      const order = new Map(all.map((r, i) => [k(r), i]));
      // In the order of the keys (type, subject, object: compareArticles sorts them), whatever order the statement returns.
      const rows = all.length ? ((await ctx.db.read("relationsByKeys", { keys: all })) as unknown as RelationRow[]) : [];
      rows.sort((x, y) => (order.get(k(x)) ?? 0) - (order.get(k(y)) ?? 0));
      const sharedIds = ((row?.aEntities as string[]) ?? []).filter((id) => bEntities.has(id));
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
