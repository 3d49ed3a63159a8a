/**
 * The Pothos builder. It defines no types: each graph type has its own file in ./types.
 * Relay shapes (Node, connections with totalCount) are built in refs.ts and types/node.ts, not by
 * the relay plugin, so pagination, global ids and totalCount stay under our control.
 */
import SchemaBuilder from "@pothos/core";
import type { AppContext } from "./context.ts";

export interface AppTypes {
  Context: AppContext;
  DefaultFieldNullability: false;
  Scalars: { ID: { Input: string; Output: string } };
}

export const builder = new SchemaBuilder<AppTypes>({
  defaultFieldNullability: false,
});

builder.queryType({ description: "Questions about people, organisations and places across news articles." });
builder.subscriptionType({
  description: "Live updates on /graphql, over Server-Sent Events or graphql-ws (WebSocket): article changes, new relations of an entity, ingest progress.",
});

/** The builder's resolved schema types, for helpers generic over object refs. */
export type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
