/**
 * `npm run schema:print` writes schema/schema.graphql from the Pothos schema;
 * `npm run schema:check` fails (exit 1) when the committed file differs.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { lexicographicSortSchema, printSchema } from "graphql";
import { schema } from "../src/api/schema.ts";

// KG_SCHEMA_FILE points the check elsewhere (its own test proves a stale file fails).
export const SCHEMA_FILE = process.env.KG_SCHEMA_FILE ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../schema/schema.graphql");

export function printedSchema(): string {
  return printSchema(lexicographicSortSchema(schema)) + "\n";
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const sdl = printedSchema();
  if (process.argv.includes("--check")) {
    const current = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, "utf8") : "";
    if (current !== sdl) {
      process.stderr.write("schema/schema.graphql is stale: run `npm run schema:print` and commit the result.\n");
      process.exit(1);
    }
    process.stdout.write("schema/schema.graphql is up to date.\n");
  } else {
    fs.writeFileSync(SCHEMA_FILE, sdl);
    process.stdout.write(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}\n`);
  }
}
