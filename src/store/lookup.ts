/** How statements are told which entity a reference names (the rule itself: entities.ts). */
import { ENTITY_TYPES } from "../extraction/types.ts";
import { aliasKey } from "../graph/keys.ts";

/** An entity reference as statements take it: the id to try, and the alias keys of the name in every type. */
export interface EntityLookup {
  ref: string;
  keys: string[];
}

/**
 * How a statement looks up a bare key or name (`byId` only: a global id names exactly one entity).
 *
 * @example entityLookup("ISIS") // { ref: "ISIS", keys: ["PERSON|isis", "ORGANIZATION|isis", "LOCATION|isis", "GROUP|isis"] }
 */
export function entityLookup(ref: string, byId = false): EntityLookup {
  return { ref, keys: byId ? [] : ENTITY_TYPES.map((t) => aliasKey(t, ref)) };
}
