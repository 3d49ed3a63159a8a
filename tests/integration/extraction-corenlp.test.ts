/**
 * Extraction with the real CoreNLP backbone (the test server the global setup provides), and
 * ingestion through it into the real Neo4j: the issue's general-news sentences, determinism, the
 * stored fingerprint, and a backbone that dies in the middle of an ingest.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { AppError } from "../../src/errors.ts";
import { extractWith, type ExtractionResult } from "../../src/extraction/index.ts";
import { extractorFingerprint } from "../../src/extraction/version.ts";
import { ingest } from "../../src/ingest/pipeline.ts";
import { deleteArticles } from "../../src/ingest/writer.ts";
import type { ArticleRecord } from "../../src/input/read-articles.ts";
import { CoreNlpClient } from "../../src/nlp/corenlp-client.ts";
import { startLocalCoreNlp, stopLocalCoreNlp, type LocalCoreNlpOptions } from "../../src/nlp/local-corenlp.ts";
import { rawRows, testDb, uniquePrefix } from "../support/db.ts";
import { freePort } from "../support/ports.ts";

const url = inject("corenlpUrl");
const nlp = url ? new CoreNlpClient({ url }) : undefined;

function relations(r: ExtractionResult): string[] {
  const name = (id: string) => r.entities.find((e) => e.id === id)?.name ?? "(article)";
  return r.relations.map((x) => `${x.type} ${name(x.subject)} -> ${name(x.object)}${x.time ? ` (${x.time})` : ""}`);
}

const record = (id: string, text: string): ArticleRecord => ({ ok: true, article: { id, text }, origin: { file: "test", line: 1 } });

describe.skipIf(!nlp)("extraction with CoreNLP", () => {
  it("finds the organisations of general news and who leads them", async () => {
    const cases: [string, string][] = [
      ["SNP leader Alex Salmond said the vote mattered.", "LEADS Alex Salmond -> Scottish National Party"],
      ["ONGC chairman Subir Raha said output would rise.", "LEADS Subir Raha -> ONGC"],
      ["Lloyds chief executive Brian Pitman said profits rose.", "LEADS Brian Pitman -> Lloyds"],
      ["Premier Industrial Corp said that Morton Mandel continues as chairman and chief executive officer.", "LEADS Morton Mandel -> Premier Industrial Corp"],
      [
        "Federated Department Stores Inc said Norman Matthews has been elected president and chief operating officer.",
        "LEADS Norman Matthews -> Federated Department Stores Inc",
      ],
    ];
    for (const [text, want] of cases) expect(relations(await extractWith(nlp, { text }))).toContain(want);
  });

  it("keeps a company whole and a two-word name one person", async () => {
    const motors = await extractWith(nlp, { text: "American Motors Corp said car sales fell in March." });
    expect(motors.entities.map((e) => e.name)).toContain("American Motors Corp");
    expect(motors.entities.map((e) => e.name)).not.toContain("United States");
    const uaw = await extractWith(nlp, { text: "UAW vice-president Marc Stepp said the talks would go on." });
    expect(uaw.entities.filter((e) => e.type === "PERSON").map((e) => e.name)).toEqual(["Marc Stepp"]);
    expect(relations(uaw).filter((r) => r.startsWith("LEADS"))).toEqual([]);
  });

  it("finds a capture of a place no gazetteer knows", async () => {
    const r = await extractWith(nlp, { text: "Chadian troops captured the town of Kouba Olanga on Tuesday, the government said." });
    expect(relations(r)).toContain("CAPTURED Chadian troops -> Kouba Olanga (Tuesday)");
  });

  it("is deterministic: the same text gives the same result", async () => {
    const text = 'Tory leader Michael Howard said on Monday that Labour had failed. "We will win," he said. Iraqi forces, backed by the US, retook Tikrit.';
    expect(await extractWith(nlp, { text })).toEqual(await extractWith(nlp, { text }));
  });
});

describe.skipIf(!nlp)("ingest with CoreNLP", () => {
  const db = testDb();
  const prefix = uniquePrefix("nlp");
  const ids: string[] = [];
  afterAll(async () => {
    await deleteArticles(db, ids);
    await db.close();
  });

  it("stores the backbone in the fingerprint, and a change of backbone re-extracts", async () => {
    const id = `${prefix}-fp`;
    ids.push(id);
    const text = "ONGC chairman Subir Raha said output would rise this year.";
    const first = await ingest(db, [record(id, text)], { nlp });
    expect(first.new).toBe(1);
    const [row] = await rawRows(db, "MATCH (a:Article {id: $id}) RETURN a.extractor AS extractor", { id });
    expect(row!.extractor).toBe(extractorFingerprint(nlp!.id));
    expect(String(row!.extractor)).toContain("+corenlp-4.5.7/conll4");
    const leads = await rawRows(db, "MATCH (:Person {name: 'Subir Raha'})-[r:LEADS]->(o) WHERE r.articleId = $id RETURN o.name AS org", { id });
    expect(leads.map((r) => r.org)).toEqual(["ONGC"]);
    expect((await ingest(db, [record(id, text)], { nlp })).unchanged).toBe(1);
    // Rules only: another extractor, so the article is extracted again (and ONGC is not found).
    expect((await ingest(db, [record(id, text)])).updated).toBe(1);
  });
});

describe.skipIf(!nlp || process.env.CORENLP_URL !== undefined)("a backbone that dies during an ingest", () => {
  const db = testDb();
  const prefix = uniquePrefix("nlpdown");
  let opts: LocalCoreNlpOptions;
  beforeAll(async () => {
    opts = { instance: `test-fault-${process.pid}`, port: await freePort(), heap: "1g" };
    await startLocalCoreNlp(opts);
  }, 180_000);
  afterAll(async () => {
    await stopLocalCoreNlp(opts).catch(() => false);
    await deleteArticles(
      db,
      Array.from({ length: 6 }, (_, i) => `${prefix}-${i}`),
    );
    await db.close();
  });

  it("fails with NLP_UNAVAILABLE after the retry budget, and writes nothing of the batch it could not extract", async () => {
    const client = new CoreNlpClient({ url: `http://127.0.0.1:${opts.port}`, retryMs: 2_000 });
    async function* records(): AsyncGenerator<ArticleRecord> {
      for (let i = 0; i < 6; i++) {
        // The first batch (3 articles) is extracted and written; then the server goes away.
        if (i === 3) await stopLocalCoreNlp(opts);
        yield record(`${prefix}-${i}`, `Article ${i}: SNP leader Alex Salmond said the vote on day ${i} mattered.`);
      }
    }
    const t0 = Date.now();
    const err = await ingest(db, records(), { nlp: client, batchSize: 3 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("NLP_UNAVAILABLE");
    expect((err as AppError).message).toMatch(/kg nlp start|CORENLP_URL|KG_NLP=none/);
    expect(Date.now() - t0).toBeLessThan(60_000);
    const stored = await rawRows(db, "MATCH (a:Article) WHERE a.id STARTS WITH $p RETURN a.id AS id ORDER BY id", { p: prefix });
    expect(stored.map((r) => r.id)).toEqual([`${prefix}-0`, `${prefix}-1`, `${prefix}-2`]);
    const orphans = await rawRows(db, "MATCH ()-[r:LEADS]->() WHERE r.articleId STARTS WITH $p RETURN DISTINCT r.articleId AS id ORDER BY id", { p: prefix });
    expect(orphans.map((r) => r.id)).toEqual([`${prefix}-0`, `${prefix}-1`, `${prefix}-2`]);
  }, 120_000);
});
