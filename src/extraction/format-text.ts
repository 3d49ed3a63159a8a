/** The human-readable listing behind `kg extract --format text`: entities, then one relation per line with its evidence. */
import type { ExtractionResult } from "./types.ts";

const oneLine = (s: string, max = 240): string => {
  const flat = s.replace(/\s+/g, " ").trim();
  return flat.length > max ? flat.slice(0, max - 1) + "…" : flat;
};

export function formatText(result: ExtractionResult): string {
  const { article, entities, relations } = result;
  const name = new Map(entities.map((e) => [e.id, e.name]));
  const lines = [`Article ${article.id}${article.title ? ` — ${article.title}` : ""}`, `Entities (${entities.length}):`];
  for (const e of entities) {
    const aliases = e.aliases.length ? ` (aka ${e.aliases.slice(0, 6).join(", ")})` : "";
    lines.push(`  ${e.id.padEnd(4)} ${e.type.padEnd(12)} ${e.name}${aliases} ×${e.mentions.length}`);
  }
  lines.push(`Relations (${relations.length}):`);
  for (const r of relations) {
    const object = r.type === "QUOTED_IN" ? "article" : (name.get(r.object) ?? r.object);
    const time = r.time ? ` [${r.time}]` : "";
    const quote = r.quote !== undefined ? `  quote: “${oneLine(r.quote, 120)}”` : "";
    lines.push(`  ${r.type.padEnd(12)} ${name.get(r.subject) ?? r.subject} → ${object}${time} (${r.confidence.toFixed(2)})${quote}`);
    lines.push(`      ${r.evidence.start}-${r.evidence.end}: ${oneLine(r.evidence.text)}`);
  }
  return lines.join("\n");
}
