/** Job ids, queue settings and failure reasons of the ingest queue (src/queue), no Redis involved. */
import { describe, expect, it } from "vitest";
import { articleIdOfJob, ingestJobId } from "../../../src/queue/jobs.ts";
import { splitReason } from "../../../src/queue/progress.ts";
import { queueSettings } from "../../../src/queue/settings.ts";

describe("ingestJobId", () => {
  const article = { id: "us-big-win-in-iraq", text: "Iraqi forces retook Mosul.", title: "Mosul" };

  it("is the article id and a content hash: the same article twice is one job, a changed one another", () => {
    expect(ingestJobId(article)).toMatch(/^us-big-win-in-iraq\.[0-9a-f]{24}$/);
    expect(ingestJobId({ ...article })).toBe(ingestJobId(article));
    expect(ingestJobId({ ...article, text: "Iraqi forces retook Mosul in July." })).not.toBe(ingestJobId(article));
    expect(ingestJobId({ ...article, title: "Mosul retaken" })).not.toBe(ingestJobId(article));
  });

  it("escapes ':' (BullMQ ids may not hold it) reversibly", () => {
    for (const id of ["urn:news:1", "50%:off", "a.b.c", "%3A"]) {
      const jobId = ingestJobId({ id, text: "x" });
      expect(jobId).not.toContain(":");
      expect(articleIdOfJob(jobId)).toBe(id);
    }
  });

  it("derives the id as ingest does when the article has none", () => {
    expect(ingestJobId({ text: "x", url: "https://example.org/a" })).toMatch(/^url-[0-9a-f]{20}\.[0-9a-f]{24}$/);
  });
});

describe("queueSettings", () => {
  it("has defaults, and names the variable that is wrong", () => {
    expect(queueSettings({})).toEqual({ name: "kg-ingest", attempts: 5, backoffMs: 2000, lockMs: 30000, writeLock: true });
    expect(() => queueSettings({ KG_QUEUE_NAME: "a:b" })).toThrow(/KG_QUEUE_NAME/);
    expect(() => queueSettings({ KG_JOB_ATTEMPTS: "0" })).toThrow(/KG_JOB_ATTEMPTS must be a whole number from 1 to 100/);
    expect(() => queueSettings({ KG_QUEUE_WRITE_LOCK: "maybe" })).toThrow(/KG_QUEUE_WRITE_LOCK must be true or false/);
  });
});

describe("splitReason", () => {
  it("splits a worker's 'CODE: message' and leaves other reasons whole", () => {
    expect(splitReason("DATABASE_UNAVAILABLE: Neo4j is not reachable: start it")).toEqual({
      code: "DATABASE_UNAVAILABLE",
      message: "Neo4j is not reachable: start it",
    });
    expect(splitReason("job stalled more than allowable limit")).toEqual({ code: null, message: "job stalled more than allowable limit" });
    expect(splitReason(undefined)).toEqual({ code: null, message: null });
  });
});
