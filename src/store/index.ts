/**
 * The store: one typed function per question the API asks of the graph. Each owns its Cypher
 * file (named in its doc comment), its parameter and row types, and the conversion of Neo4j
 * integers (parameters through `int`, results checked by the decoders of rows.ts). Resolvers and
 * loaders call only this, never the driver wrapper, so a mistyped statement or a renamed column
 * fails in one place, and the database-free tests (tests/unit/api) can record every statement.
 *
 * @example const store = createStore(db); await store.entitiesByIds(["location:mosul"]);
 */
import type { Runner } from "../db/client.ts";
import * as articles from "./articles.ts";
import * as curation from "./curation.ts";
import * as entities from "./entities.ts";
import * as paths from "./paths.ts";
import * as quotes from "./quotes.ts";
import * as relations from "./relations.ts";
import * as writes from "./writes.ts";

export type * from "./rows.ts";
export type { ArticleFilter, ArticleMention, ArticlePair, RelatedArticle, Window } from "./articles.ts";
export type { Actor, CurationActionRow, CurationKind, DuplicatePair, DuplicateQuery, EvidenceArticle } from "./curation.ts";
export type { CoMention, EntityArticle, EntityArticlesBatch, EntityRelationsArgs, EntityRelationsBatch, EntityRelationsRequest } from "./entities.ts";
export { entityLookup, type EntityLookup } from "./lookup.ts";
export type { CoMentionPath, RelationPaths } from "./paths.ts";
export type { GraphSize } from "./quotes.ts";
export type { AssertedRelation, RelationFilter, RelationPage } from "./relations.ts";

// Private: a module's question functions with the runner bound as their first argument.
type Question = (db: Runner, ...args: never[]) => unknown;
type Bound<M> = { [K in keyof M as M[K] extends Question ? K : never]: M[K] extends (db: Runner, ...args: infer A) => infer R ? (...args: A) => R : never };

const MODULES = [articles, entities, relations, quotes, paths, writes, curation];
type AllQuestions = Bound<typeof articles> &
  Bound<typeof entities> &
  Bound<typeof relations> &
  Bound<typeof quotes> &
  Bound<typeof paths> &
  Bound<typeof writes> &
  Bound<typeof curation>;

// Private: every question as a method reading the runner from `this`, built once per process, so
// a request's store is one small object (a store is made per request: binding each of the ~70
// functions per request cost ~0.1 ms of CPU per request under load).
const QUESTIONS: object = Object.freeze(
  Object.fromEntries(
    MODULES.flatMap((m) =>
      Object.entries(m).flatMap(([name, f]) =>
        typeof f === "function"
          ? [
              [
                name,
                function (this: { db: Runner }, ...args: unknown[]) {
                  return (f as (db: Runner, ...a: unknown[]) => unknown)(this.db, ...args);
                },
              ],
            ]
          : [],
      ),
    ),
  ),
);

/** The store over a runner: the process's Db (or a request's view of it), or a test's recording fake. Call its questions as methods (`store.x(…)`). */
export function createStore(db: Runner): AllQuestions {
  return Object.assign(Object.create(QUESTIONS) as AllQuestions, { db });
}

export type Store = ReturnType<typeof createStore>;
