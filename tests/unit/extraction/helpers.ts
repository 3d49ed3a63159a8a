import { extractArticle, type ExtractionResult, type RelationType } from "../../../src/extraction/index.ts";

/** Relations of one type as readable "subject -> object" strings (object "article" for quotes). */
export function relations(text: string, type: RelationType): string[] {
  const r = extractArticle({ id: "a1", text });
  return r.relations.filter((x) => x.type === type).map((x) => `${nameOf(r, x.subject)} -> ${x.type === "QUOTED_IN" ? "article" : nameOf(r, x.object)}`);
}

export function nameOf(r: ExtractionResult, id: string): string {
  return r.entities.find((e) => e.id === id)?.name ?? id;
}

export { extractArticle };
