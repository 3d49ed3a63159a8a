/** The Pothos builder and its plugins. It defines no types: each graph type has its own file in ./types. */
import SchemaBuilder from "@pothos/core";
import RelayPlugin from "@pothos/plugin-relay";
import type { AppContext } from "./context.ts";

export const builder = new SchemaBuilder<{
  Context: AppContext;
  DefaultFieldNullability: false;
  Scalars: { ID: { Input: string; Output: string } };
}>({
  plugins: [RelayPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
  },
});

builder.queryType({ description: "Questions about people, organisations and places across news articles." });
