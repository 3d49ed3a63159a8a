import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

// Runs the real check in its own process (as CI and developers do). In-process, vitest would load
// graphql's ESM build next to the CJS build Pothos uses, and printSchema rejects "another realm".
describe("schema/schema.graphql", () => {
  it("is what `npm run schema:print` generates from the Pothos schema (run it and commit when this fails)", () => {
    const out = execFileSync(process.execPath, ["--import", "tsx", path.join(root, "scripts/print-schema.ts"), "--check"], { cwd: root, encoding: "utf8" });
    expect(out).toMatch(/up to date/);
  });

  it("fails when the committed file is stale", () => {
    let failed = false;
    try {
      execFileSync(process.execPath, ["--import", "tsx", path.join(root, "scripts/print-schema.ts"), "--check"], {
        cwd: root,
        encoding: "utf8",
        stdio: "pipe",
        env: { ...process.env, KG_SCHEMA_FILE: path.join(root, "package.json") },
      });
    } catch (e) {
      failed = true;
      expect(String((e as { stderr?: string }).stderr)).toMatch(/stale/);
    }
    expect(failed).toBe(true);
  });
});
