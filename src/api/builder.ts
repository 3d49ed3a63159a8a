/** The Pothos builder and its plugins. It defines no types: each graph type has its own file in ./types. */
import SchemaBuilder from "@pothos/core";
import RelayPlugin from "@pothos/plugin-relay";
import type { AppContext } from "./context.ts";

export interface AppTypes {
  Context: AppContext;
  DefaultFieldNullability: false;
  Scalars: { ID: { Input: string; Output: string } };
}

export const builder = new SchemaBuilder<AppTypes>({
  plugins: [RelayPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
  },
});

builder.queryType({ description: "Questions about people, organisations and places across news articles." });

/** The builder's resolved schema types, for helpers generic over object refs. */
export type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
