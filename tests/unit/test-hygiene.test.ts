/** Rules the test files keep, checked on their text (cheap, and a new file cannot forget them). */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const TESTS = path.resolve(import.meta.dirname, "..");
const files = (dir: string): string[] =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith(".test.ts") ? [path.join(dir, e.name)] : []));

describe("test hygiene", () => {
  const all = files(TESTS).filter((f) => !f.endsWith("test-hygiene.test.ts"));

  it("apps are made with testApp (tests/support/app.ts), which disposes them", () => {
    expect(all.filter((f) => /\bcreateApp\(/.test(fs.readFileSync(f, "utf8"))).map((f) => path.relative(TESTS, f))).toEqual([]);
  });

  it("no test skips quietly for want of ../shared/corpus: tests make their own data", () => {
    expect(all.filter((f) => /shared\/corpus/.test(fs.readFileSync(f, "utf8"))).map((f) => path.relative(TESTS, f))).toEqual([]);
  });
});
