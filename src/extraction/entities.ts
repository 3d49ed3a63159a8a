/**
 * Groups resolved mentions into output entities: one per coreference key, numbered
 * e1, e2… in order of first mention. Canonical name: the gazetteer name, else the
 * longest name-like surface. Aliases: other name-like surfaces plus gazetteer aliases;
 * adjectives ("Iraqi") and descriptions ("the city") are mentions but not aliases.
 */
import type { Mention } from "./names.ts";
import { nameKey } from "../graph/keys.ts";
import type { ExtractedEntity } from "./types.ts";

const NAME_KINDS = new Set(["name", "force", "generic"]);

export interface EntityTable {
  entities: ExtractedEntity[];
  idOf(m: Mention): string;
}

/** `keep(key)` says whether weak clusters (generic phrases only) are used by a relation. */
export function buildEntities(mentions: Mention[], usedKeys: Set<string>): EntityTable {
  const clusters = new Map<string, Mention[]>();
  for (const m of mentions) {
    const list = clusters.get(m.key);
    if (list) list.push(m);
    else clusters.set(m.key, [m]);
  }
  const entities: ExtractedEntity[] = [];
  const ids = new Map<string, string>();
  for (const [key, list] of clusters) {
    // Generic phrases, and descriptions of nothing the gazetteer knows, exist only for relations.
    const weak = list.every((m) => m.kind === "generic" || (m.kind === "description" && !m.entry));
    if (weak && !usedKeys.has(key)) continue;
    const id = "e" + (entities.length + 1);
    ids.set(key, id);
    entities.push({
      id,
      ...naming(list),
      type: list.find((m) => m.entry)?.entry?.type ?? list[0]!.type,
      mentions: list.map(({ start, end }) => ({ start, end })),
    });
  }
  return {
    entities,
    idOf: (m) => {
      const id = ids.get(m.key);
      if (!id) throw new Error(`internal: no entity for mention key ${m.key}`);
      return id;
    },
  };
}

function naming(list: Mention[]): { name: string; aliases: string[] } {
  const entry = list.find((m) => m.entry)?.entry;
  const surfaces = list.filter((m) => NAME_KINDS.has(m.kind)).map((m) => (m.name ?? m.surface).replace(/\s+/g, " "));
  const name = entry?.name ?? surfaces.reduce((best, s) => (s.split(" ").length > best.split(" ").length ? s : best), surfaces[0] ?? list[0]!.surface);
  const seen = new Set([nameKey(name)]);
  const aliases: string[] = [];
  for (const s of [...surfaces, ...(entry?.aliases ?? [])]) {
    const k = nameKey(s);
    if (seen.has(k)) continue;
    seen.add(k);
    aliases.push(s);
  }
  return { name, aliases };
}
