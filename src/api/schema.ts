/** Assembles the schema: imports each type file for its side effect of registering on the builder. */
import { builder } from "./builder.ts";
import "./types/node.ts";
import "./types/entity.ts";
import "./types/article.ts";
import "./types/relation.ts";
import "./types/quote.ts";
import "./types/path.ts";
import "./types/compare.ts";
import "./types/stats.ts";
import "./types/job.ts";
import "./types/mutations.ts";
import "./types/subscriptions.ts";
import "./types/curation.ts";

export const schema = builder.toSchema({ sortSchema: false });
