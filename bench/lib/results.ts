/** Results: bench/results/<YYYY-MM-DD>-<name>.json (machine-readable) and plain-text tables for people. */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const RESULTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "results");

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Write `<date>-<name>.<ext>` under bench/results (atomically) and return its path. */
export function writeResultFile(name: string, ext: string, content: string): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${today()}-${name}.${ext}`);
  fs.writeFileSync(file + ".tmp", content);
  fs.renameSync(file + ".tmp", file);
  return file;
}

export function writeResult(name: string, data: unknown): string {
  return writeResultFile(name, "json", JSON.stringify(data, null, 2) + "\n");
}

/** A fixed-width table: first column left-aligned, the others right-aligned. */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map((c) => (typeof c === "number" ? fmt(c) : c)))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? "").length)));
  const line = (r: (string | number)[]) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]!) : String(c).padStart(widths[i]!))).join("  ");
  return [line(cells[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

/** A Markdown table. */
export function markdownTable(header: string[], rows: (string | number)[][]): string {
  const esc = (c: string | number) => (typeof c === "number" ? fmt(c) : c).replace(/\|/g, "\\|");
  return [
    `| ${header.map(esc).join(" | ")} |`,
    `|${header.map((_, i) => (i === 0 ? "---" : "---:")).join("|")}|`,
    ...rows.map((r) => `| ${r.map(esc).join(" | ")} |`),
  ].join("\n");
}

export function fmt(n: number): string {
  if (!Number.isFinite(n)) return "—";
  if (Number.isInteger(n)) return String(n);
  if (Math.abs(n) >= 100) return n.toFixed(0);
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
}
