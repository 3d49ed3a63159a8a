/**
 * Global ids and name lookup. A global id is "<Type>:<key>" (readable on purpose: analysts paste
 * them), e.g. "Entity:person:donald-trump", "Article:us-big-win-in-iraq". Root fields also take
 * the bare key, and for entities a name or alias.
 */
import type { AppContext } from "./context.ts";
import { AppError } from "../errors.ts";
import { entityLookup, type ArticleRow, type EntityLookup, type EntityRow } from "../store/index.ts";
import { loaders, prime } from "./loaders.ts";

export const NODE_TYPES = ["Article", "Entity", "Relation", "Quote"] as const;
export type NodeTypeName = (typeof NODE_TYPES)[number];

export function globalId(type: NodeTypeName, key: string): string {
  return `${type}:${key}`;
}

/** Split a global id; undefined when the string does not start with a known type. */
export function parseGlobalId(id: string): { type: NodeTypeName; key: string } | undefined {
  const i = id.indexOf(":");
  if (i < 0) return undefined;
  const type = id.slice(0, i) as NodeTypeName;
  return NODE_TYPES.includes(type) ? { type, key: id.slice(i + 1) } : undefined;
}

/** The bare key of `id` for `type`: a global id of that type, or a bare key. Another type's global id is bad input. */
export function keyOf(type: NodeTypeName, id: string): string {
  if (id.length === 0 || id.length > 1024) throw new AppError("BAD_USER_INPUT", `An id must be 1 to 1024 characters.`);
  const g = parseGlobalId(id);
  if (!g) return id;
  if (g.type !== type) throw new AppError("BAD_USER_INPUT", `"${id.slice(0, 80)}" is the id of a ${g.type}, not of a ${type}.`);
  return g.key;
}

/**
 * The article keys an id may mean, in the order to try. Article ids are the client's own and may
 * look like global ids ("Entity:x", "Article:x"), so: "Article:<key>" means <key>, then itself;
 * anything else is the bare key, whatever prefix it has.
 */
export function articleKeys(id: string): string[] {
  if (id.length === 0 || id.length > 1024) throw new AppError("BAD_USER_INPUT", `An id must be 1 to 1024 characters.`);
  const g = parseGlobalId(id);
  return g?.type === "Article" && g.key.length > 0 ? [g.key, id] : [id];
}

/** The article an id names (see `articleKeys`), or null. */
export async function articleFor(ctx: AppContext, id: string): Promise<ArticleRow | null> {
  const rows = await loaders.article(ctx).loadMany(articleKeys(id));
  for (const r of rows) {
    if (r instanceof Error) throw r;
    if (r) return r;
  }
  return null;
}

/**
 * The entity an id, a name or an alias names, by the one rule of src/store/entities.ts (the exact
 * id, else the most mentioned entity with that name or alias): "ISIS", "islamic state",
 * "Entity:organization:islamic-state" and "organization:islamic-state" all find the same node.
 */
export async function entityFor(ctx: AppContext, ref: string): Promise<EntityRow | null> {
  const found = await ctx.store.entityNamed(entityRef(ref));
  if (found) prime(ctx, { entities: [found] });
  return found;
}

/** The entity id each reference names (the same rule), in one statement for the whole list; undefined where a reference names none. */
export function entityIdsFor(ctx: AppContext, refs: string[]): Promise<(string | undefined)[]> {
  return ctx.store.entityIdsNamed(refs.map(entityRef));
}

/**
 * A reference as the store takes it: a global id names one entity by its key; anything else is a
 * bare key or a name, tried as both.
 *
 * @example entityRef("ISIS") // { ref: "ISIS", keys: ["PERSON|isis", "ORGANIZATION|isis", …] }
 */
export function entityRef(ref: string): EntityLookup {
  const trimmed = ref.trim();
  if (trimmed === "" || trimmed.length > 300)
    throw new AppError("BAD_USER_INPUT", "An entity reference must be an id, a name or an alias of 1 to 300 characters.");
  return parseGlobalId(trimmed) ? entityLookup(keyOf("Entity", trimmed), true) : entityLookup(trimmed);
}
