/** Assembles the schema: imports each type file for its side effect of registering on the builder. */
import { builder } from "./builder.ts";
import "./types/stats.ts";

export const schema = builder.toSchema({ sortSchema: false });
