/**
 * Object refs declared before any type is implemented, so types that point at each other
 * (Article ↔ Entity ↔ Relation) can be implemented in their own files.
 */
import type { ObjectRef } from "@pothos/core";
import { builder, type BuilderTypes } from "./builder.ts";
import type { Connection } from "./pagination.ts";
import type { ArticleRow, EntityRow, EvidenceRow, QuoteRow, RelationRow } from "../store/index.ts";

export const ArticleRef = builder.objectRef<ArticleRow>("Article");
export const EntityRef = builder.objectRef<EntityRow>("Entity");
export const RelationRef = builder.objectRef<RelationRow>("Relation");
export const EvidenceRef = builder.objectRef<EvidenceRow>("Evidence");
export const QuoteRef = builder.objectRef<QuoteRow>("Quote");

export const EntityTypeEnum = builder.enumType("EntityType", {
  description: "What kind of thing an entity is.",
  values: {
    PERSON: { description: "A person." },
    ORGANIZATION: { description: "An organisation: government, armed group, company, agency, party, news outlet." },
    LOCATION: { description: "A place: country, city, region, facility." },
    GROUP: { description: "A nationality, ethnic or religious group (Kurds, Sunni tribes)." },
  } as const,
});

export const RelationTypeEnum = builder.enumType("RelationType", {
  description: "The four kinds of relation the extractor finds.",
  values: {
    LEADS: { description: 'Subject leads or heads the object (organisation, country or group), now or formerly (time: "former").' },
    CAPTURED: { description: "Subject seized, took over or retook the object place; time where the text gives it." },
    SUPPORTED_BY: { description: "Subject was backed, aided or helped by the object." },
    QUOTED_IN: { description: "Subject (the speaker) was quoted in the object article." },
  } as const,
});

export const DirectionEnum = builder.enumType("Direction", {
  description: "Which relations of an entity: where it is the subject (OUT), the object (IN), or either (BOTH).",
  values: { OUT: { description: "The entity is the subject." }, IN: { description: "The entity is the object." }, BOTH: { description: "Either." } } as const,
});

const PageInfoRef = builder.objectRef<Connection<unknown>["pageInfo"]>("PageInfo").implement({
  description: "Where a page of a connection sits (Relay).",
  fields: (t) => ({
    hasNextPage: t.exposeBoolean("hasNextPage", { description: "More items follow: pass endCursor as `after`." }),
    hasPreviousPage: t.exposeBoolean("hasPreviousPage", { description: "Items precede this page." }),
    startCursor: t.exposeString("startCursor", { nullable: true, description: "Cursor of the first edge." }),
    endCursor: t.exposeString("endCursor", { nullable: true, description: "Cursor of the last edge; pass it as `after` for the next page." }),
  }),
});

/**
 * A Relay connection type `<Name>Connection` with `<Name>Edge` for `node`, plus `totalCount`.
 *
 * @example const ArticleConnection = connectionOf("Article", ArticleRef, "Articles, newest first.");
 */
export function connectionOf<T>(name: string, node: ObjectRef<BuilderTypes, T>, description: string) {
  const Edge = builder.objectRef<{ cursor: string; node: T }>(`${name}Edge`).implement({
    description: `One ${name} in a page, with its cursor.`,
    fields: (t) => ({
      cursor: t.exposeString("cursor", { description: "Opaque position; pass it as `after` to continue after this edge." }),
      // Generic over T, so the resolver result is widened for Pothos; the shape is fixed by the Edge ref above.
      node: t.field({ type: node, description: `The ${name}.`, resolve: (e) => e.node as never }),
    }),
  });
  return builder.objectRef<Connection<T>>(`${name}Connection`).implement({
    description,
    fields: (t) => ({
      edges: t.field({ type: [Edge], description: "This page.", resolve: (c) => c.edges }),
      pageInfo: t.field({ type: PageInfoRef, description: "Paging state.", resolve: (c) => c.pageInfo }),
      totalCount: t.exposeInt("totalCount", { description: "How many items in all pages." }),
    }),
  });
}
