import { describe, expect, it } from "vitest";
import { chunkText, type Chunk } from "../../../src/nlp/chunks.ts";

/** Every piece within `max`, and the pieces laid end to end are the text, offsets included. */
// One expect for the whole cover, not three per chunk: tens of thousands of expect() calls took seconds under load.
function expectExactCover(text: string, chunks: Chunk[], max: number): void {
  let at = 0;
  const wrong: string[] = [];
  chunks.forEach((c, i) => {
    if (c.start !== at) wrong.push(`chunk ${i} starts at ${c.start}, not ${at}`);
    if (c.text !== text.slice(c.start, c.start + c.text.length)) wrong.push(`chunk ${i} is not the text at ${c.start}`);
    if (c.text.length > max) wrong.push(`chunk ${i} is ${c.text.length} long, over ${max}`);
    at += c.text.length;
  });
  if (at !== text.length) wrong.push(`the chunks cover ${at} of ${text.length} characters`);
  expect(wrong.slice(0, 5)).toEqual([]);
}

function timed<T>(fn: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

describe("chunkText", () => {
  it("keeps a short text whole, and an empty text as one empty piece", () => {
    expect(chunkText("Nick Griffin spoke.", 100)).toEqual([{ start: 0, text: "Nick Griffin spoke." }]);
    expect(chunkText("", 100)).toEqual([{ start: 0, text: "" }]);
  });

  it("prefers a paragraph break, then a sentence end, then whitespace, then anywhere", () => {
    const para = "First sentence. Second one here.\n\nNext paragraph starts now and runs on.";
    expect(chunkText(para, 50)[0]!.text).toBe("First sentence. Second one here.\n\n");
    const sentences = "First sentence here. Second sentence is longer than that one.";
    expect(chunkText(sentences, 30)[0]!.text).toBe("First sentence here. ");
    const words = "alpha beta gamma delta epsilon zeta eta theta iota kappa";
    expect(chunkText(words, 30)[0]!.text).toBe("alpha beta gamma delta ");
    const none = "x".repeat(95);
    expect(chunkText(none, 40).map((c) => c.text.length)).toEqual([40, 40, 15]);
  });

  it("covers the text exactly, each piece within max, on mixed text", () => {
    const unit = "Nick Griffin, the BNP leader, said: “No.”\n\nSNP leader Alex Salmond!!! replied 😀🎉\t\t";
    const text = Array.from({ length: 500 }, (_, i) => unit.slice(0, 20 + (i % unit.length)) + " ".repeat(i % 7)).join("");
    for (const max of [2, 3, 17, 64, 1000, 20_000]) expectExactCover(text, chunkText(text, max), max);
  });

  it("never splits a surrogate pair, even when it must cut anywhere", () => {
    const text = "a" + "😀".repeat(50_000);
    const chunks = chunkText(text, 1001);
    expectExactCover(text, chunks, 1001);
    for (const c of chunks.slice(1)) expect(c.text.charCodeAt(0)).toBe("😀".charCodeAt(0));
    expect(chunks.some((c) => c.text.length === 1000)).toBe(true);
  });

  it("is deterministic", () => {
    const text = "One. Two three, four!  Five?\n\nSix ".repeat(2_000);
    expect(chunkText(text, 777)).toEqual(chunkText(text, 777));
  });

  // Quadratic work on 2 MB would take minutes; linear work takes milliseconds.
  it.each([
    ["2 MB of '!'", "!".repeat(2 * 1024 * 1024)],
    ["2 MB of spaces", " ".repeat(2 * 1024 * 1024)],
    ["2 MB of newlines", "\n".repeat(2 * 1024 * 1024)],
    ["2 MB of 'a'", "a".repeat(2 * 1024 * 1024)],
    ["2 MB of '. '", ". ".repeat(1024 * 1024)],
    ["2 MB of '\\n x'", "\n x".repeat(700_000)],
  ])("is linear on pathological input: %s", (_name, text) => {
    const max = 20_000;
    const { value: chunks, ms } = timed(() => chunkText(text, max));
    expectExactCover(text, chunks, max);
    expect(chunks.length).toBeLessThanOrEqual(Math.ceil(text.length / (max / 2)) + 1);
    expect(ms).toBeLessThan(3_000);
  });

  it("refuses a max that cannot make progress", () => {
    expect(() => chunkText("abc", 1)).toThrow(RangeError);
    expect(() => chunkText("abc", 0)).toThrow(RangeError);
  });
});
