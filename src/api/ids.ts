/**
 * Global ids and name lookup. A global id is "<Type>:<key>" (readable on purpose: analysts paste
 * them), e.g. "Entity:person:donald-trump", "Article:us-big-win-in-iraq". Root fields also take
 * the bare key, and for entities a name or alias.
 */
import type { AppContext } from "./context.ts";
import { AppError } from "../errors.ts";
import { ENTITY_TYPES } from "../extraction/types.ts";
import { nameKey } from "../graph/keys.ts";
import { loaders, primeEntities } from "./loaders.ts";
import type { ArticleRow, EntityRow } from "./rows.ts";

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
 * Entity keys for an id, a name or an alias, most mentioned first: "ISIS", "islamic state",
 * "Entity:organization:islamic-state" and "organization:islamic-state" all find the same node.
 */
export async function entityKeysFor(ctx: AppContext, ref: string): Promise<string[]> {
  const p = entityRefParams(ref);
  if (p.keys.length === 0) return [p.ref];
  const rows = (await ctx.db.read("entityIdsByAlias", { keys: p.keys, id: p.ref })) as unknown as EntityRow[];
  primeEntities(ctx, rows);
  return rows.map((r) => r.id);
}

/**
 * The entity each reference names (as `entityKeysFor` would pick it), in one statement for the
 * whole list; undefined where a reference names none.
 */
export async function entityIdsFor(ctx: AppContext, refs: string[]): Promise<(string | undefined)[]> {
  if (refs.length === 0) return [];
  const rows = await ctx.db.read("entityIdsByRefs", { refs: refs.map(entityRefParams) });
  const byIndex = new Map(rows.map((r) => [Number(r.i), r.id as string]));
  return refs.map((_, i) => byIndex.get(i));
}

/**
 * What a statement needs to resolve an entity reference itself: the bare id to try, and the
 * alias-index keys of the name in every type (none for a global id, which names one entity).
 *
 * @example entityRefParams("ISIS") // { ref: "ISIS", keys: ["PERSON|isis", "ORGANIZATION|isis", …] }
 */
export function entityRefParams(ref: string): { ref: string; keys: string[] } {
  const trimmed = ref.trim();
  if (trimmed === "" || trimmed.length > 300) throw new AppError("BAD_USER_INPUT", "An entity reference must be an id, a name or an alias of 1 to 300 characters.");
  if (parseGlobalId(trimmed)) return { ref: keyOf("Entity", trimmed), keys: [] };
  const norm = nameKey(trimmed);
  return { ref: trimmed, keys: ENTITY_TYPES.map((t) => `${t}|${norm}`) };
}
