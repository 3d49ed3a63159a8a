/**
 * Neo4j → plain JS at one boundary. Integers become numbers only when they fit exactly
 * (counts and offsets always do; anything bigger is a bug we want to see), temporal
 * values become ISO strings, nodes and relationships become their property maps.
 */
import neo4j, { isDate, isDateTime, isDuration, isLocalDateTime, isLocalTime, isNode, isRelationship, isTime } from "neo4j-driver";

export type Plain = null | boolean | number | string | Plain[] | { [k: string]: Plain };

export function toPlain(v: unknown): Plain {
  if (v === null || v === undefined) return null;
  if (neo4j.isInt(v)) {
    if (!neo4j.integer.inSafeRange(v)) throw new RangeError(`Neo4j integer ${v.toString()} does not fit a JS number`);
    return neo4j.integer.toNumber(v);
  }
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (isDateTime(v) || isDate(v) || isLocalDateTime(v) || isTime(v) || isLocalTime(v) || isDuration(v)) return v.toString();
  if (isNode(v) || isRelationship(v)) return toPlain(v.properties);
  if (Array.isArray(v)) return v.map(toPlain);
  if (typeof v === "object") {
    const out: { [k: string]: Plain } = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = toPlain(x);
    return out;
  }
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- only a symbol or function (no driver value) gets here: its String() is meant
  return String(v);
}

/** A Neo4j integer for a parameter (SKIP/LIMIT need integers, and JS numbers are sent as floats). */
export function int(n: number): ReturnType<typeof neo4j.int> {
  return neo4j.int(Math.trunc(n));
}
