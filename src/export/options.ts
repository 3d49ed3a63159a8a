/**
 * What an export is asked for, checked once for the CLI (`kg export`) and the HTTP route
 * (`GET /export`) alike: an unknown format, type, date or hop count is BAD_USER_INPUT with a
 * message that lists the valid values.
 */
import { AppError } from "../errors.ts";
import { ENTITY_TYPES, type EntityType } from "../extraction/types.ts";
import { RELATION_TYPES, type ExportFilter, type RelationType } from "./queries.ts";

export const FORMATS = ["graphml", "jsonl", "csv", "jsonld"] as const;
export type ExportFormat = (typeof FORMATS)[number];

/** Hops of a neighbourhood: the CLI allows up to MAX_HOPS; the HTTP route fewer (see server/export-route.ts). */
export const MAX_HOPS = 6;

const list = (xs: readonly string[]) => xs.join(", ");

export function parseFormat(raw: string | undefined): ExportFormat {
  if (raw === undefined || raw === "") throw new AppError("BAD_USER_INPUT", `A format is required: one of ${list(FORMATS)}.`);
  const f = raw.toLowerCase();
  if (!(FORMATS as readonly string[]).includes(f)) throw new AppError("BAD_USER_INPUT", `Unknown format "${raw.slice(0, 40)}": use one of ${list(FORMATS)}.`);
  return f as ExportFormat;
}

/**
 * Split `--type` values into entity types and relation types (case-insensitive; "ORG" and
 * "PLACE" are not accepted: the names are the API's).
 */
export function parseTypes(raw: readonly string[]): Pick<ExportFilter, "entityTypes" | "relationTypes"> {
  const entityTypes: EntityType[] = [];
  const relationTypes: RelationType[] = [];
  for (const r of raw
    .flatMap((x) => x.split(","))
    .map((x) => x.trim())
    .filter((x) => x !== "")) {
    const t = r.toUpperCase();
    if ((ENTITY_TYPES as readonly string[]).includes(t)) entityTypes.push(t as EntityType);
    else if ((RELATION_TYPES as readonly string[]).includes(t)) relationTypes.push(t as RelationType);
    else
      throw new AppError(
        "BAD_USER_INPUT",
        `Unknown type "${r.slice(0, 40)}": entity types are ${list(ENTITY_TYPES)}; relation types are ${list(RELATION_TYPES)}.`,
      );
  }
  return { entityTypes: entityTypes.length ? [...new Set(entityTypes)] : null, relationTypes: relationTypes.length ? [...new Set(relationTypes)] : null };
}

/** `--since`: a calendar date (YYYY-MM-DD) or a full ISO timestamp; compared with articles' publishedAt. */
export function parseSince(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const ok =
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(raw) &&
    !Number.isNaN(Date.parse(raw.length === 10 ? `${raw}T00:00:00Z` : raw));
  if (!ok)
    throw new AppError("BAD_USER_INPUT", `--since must be a date YYYY-MM-DD (or an ISO timestamp such as 2016-05-01T12:00:00Z), got "${raw.slice(0, 40)}".`);
  return raw;
}

export function parseHops(raw: string | undefined, max: number, dflt = 1): number {
  if (raw === undefined) return dflt;
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isInteger(n) || n < 0 || n > max)
    throw new AppError("BAD_USER_INPUT", `hops must be a whole number from 0 to ${max}, got "${raw.slice(0, 20)}".`);
  return n;
}

export interface RawExportRequest {
  format: string | undefined;
  types: readonly string[];
  since: string | undefined;
  entity: string | undefined;
  hops: string | undefined;
}

/** The checked request: format and filter. `--hops` without `--entity` is an error, not ignored. */
export function parseExportRequest(raw: RawExportRequest, maxHops = MAX_HOPS): { format: ExportFormat; filter: ExportFilter } {
  const format = parseFormat(raw.format);
  if (raw.hops !== undefined && raw.entity === undefined)
    throw new AppError("BAD_USER_INPUT", "hops needs an entity: pass the entity whose neighbourhood to export.");
  const entity = raw.entity?.trim();
  if (raw.entity !== undefined && (entity === "" || entity!.length > 300))
    throw new AppError("BAD_USER_INPUT", "entity must be an id, a name or an alias of 1 to 300 characters.");
  return {
    format,
    filter: {
      ...parseTypes(raw.types),
      since: parseSince(raw.since),
      neighbourhood: entity === undefined ? null : { entity, hops: parseHops(raw.hops, maxHops) },
    },
  };
}
