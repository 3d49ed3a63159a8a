import { builder } from "../builder.ts";
import { globalId, parseGlobalId, type NodeTypeName } from "../ids.ts";
import { loaders } from "../loaders.ts";
import { parseRelationKey, relationKey } from "../../graph/keys.ts";
import type { ArticleRow, EntityRow, QuoteRow, RelationRow } from "../../store/index.ts";

type NodeShape = ArticleRow | EntityRow | RelationRow | QuoteRow;

// Rows carry no type tag; their shapes are disjoint, so a distinguishing field decides.
function typeOf(v: NodeShape): NodeTypeName {
  return "speakerId" in v ? "Quote" : "subjectId" in v ? "Relation" : "aliases" in v ? "Entity" : "Article";
}

function keyOfRow(v: NodeShape): string {
  return "subjectId" in v ? relationKey(v) : v.id;
}

export const NodeRef = builder.interfaceRef<NodeShape>("Node").implement({
  description: "Anything with a global id that `node(id:)` can fetch again (Relay).",
  fields: (t) => ({
    id: t.id({ description: 'Global id, "<Type>:<key>", e.g. "Entity:person:donald-trump".', resolve: (v) => globalId(typeOf(v), keyOfRow(v)) }),
  }),
  resolveType: (v) => typeOf(v),
});

builder.queryField("node", (t) =>
  t.field({
    type: NodeRef,
    nullable: true,
    description: "Fetch any Article, Entity, Relation or Quote by its global id.",
    args: { id: t.arg.id({ required: true, description: 'A global id, e.g. "Entity:person:donald-trump".' }) },
    resolve: async (_r, { id }, ctx) => {
      const g = parseGlobalId(id);
      if (!g) return null;
      switch (g.type) {
        case "Article":
          return loaders.article(ctx).load(g.key);
        case "Entity":
          return loaders.entity(ctx).load(g.key);
        case "Relation": {
          const k = parseRelationKey(g.key);
          if (!k) return null;
          return ctx.store.relationByKey(k);
        }
        case "Quote": {
          const [quote] = await ctx.store.quotesByIds([g.key]);
          return quote ?? null;
        }
      }
    },
  }),
);
