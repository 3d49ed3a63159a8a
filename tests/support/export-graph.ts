/**
 * A small graph of its own for the export tests, written through the service's write path
 * (writeBatch), with names no other test shares:
 *
 *   Leader (PERSON) -LEADS-> Front (ORGANIZATION), in articles a1 and a2
 *   Front -CAPTURED-> Town (LOCATION), in a2
 *   Front -SUPPORTED_BY-> Tribes (GROUP), in a3
 *   Chief (PERSON) -LEADS-> Tribes, in a3            (two hops from Front, three from Leader)
 *   Leader quoted in a1; Loner (PERSON) mentioned in a3, in no relation
 *   with `article4`, in a4: Chief -SUPPORTED_BY-> Tribes, beside Chief -LEADS-> Tribes (two relation
 *   types between one ordered pair: parallel <edge>s in GraphML), and Tribes -SUPPORTED_BY-> Front
 *   (a subject whose id sorts before its object's: "group:…" < "organization:…")
 *
 * The Front's name holds `&`, `<` and `"`, and a1's sentence a comma, a quote and a line break, so
 * every format's escaping is exercised.
 */
import type { Db } from "../../src/db/client.ts";
import type { EntityType, ExtractedEntity, ExtractedRelation } from "../../src/extraction/types.ts";
import { entityId } from "../../src/graph/keys.ts";
import type { PreparedArticle } from "../../src/ingest/plan.ts";
import { deleteArticles, writeBatch } from "../../src/ingest/writer.ts";
import { word } from "../../bench/lib/path-chain.ts";

export interface ExportGraph {
  names: { leader: string; front: string; town: string; tribes: string; chief: string; loner: string };
  ids: { leader: string; front: string; town: string; tribes: string; chief: string; loner: string };
  articleIds: string[];
  remove(): Promise<void>;
}

export async function buildExportGraph(db: Db, prefix: string, o: { article4?: boolean } = {}): Promise<ExportGraph> {
  const names = {
    leader: `${word(prefix, 1)} ${word(prefix, 2)}`,
    front: `${word(prefix, 3)} & <Sons> "Front"`,
    town: `${word(prefix, 4)}`,
    tribes: `${word(prefix, 5)} Tribes`,
    chief: `${word(prefix, 6)} ${word(prefix, 7)}`,
    loner: `${word(prefix, 8)} ${word(prefix, 9)}`,
  };
  const types: Record<keyof typeof names, EntityType> = {
    leader: "PERSON",
    front: "ORGANIZATION",
    town: "LOCATION",
    tribes: "GROUP",
    chief: "PERSON",
    loner: "PERSON",
  };
  const ids = Object.fromEntries(Object.entries(names).map(([k, n]) => [k, entityId(types[k as keyof typeof names], n)])) as ExportGraph["ids"];
  const surname = names.leader.split(" ")[1]!;

  const article = (
    n: number,
    publishedAt: string,
    text: string,
    who: (keyof typeof names)[],
    rels: { type: ExtractedRelation["type"]; s: keyof typeof names; o: keyof typeof names | "article"; sentence: string; quote?: string }[],
  ): PreparedArticle => {
    const id = `${prefix}-a${n}`;
    const entities: ExtractedEntity[] = who.map((k, i) => {
      const at = text.indexOf(names[k]);
      return { id: `e${i}`, name: names[k], type: types[k], aliases: k === "leader" ? [surname] : [], mentions: [{ start: at, end: at + names[k].length }] };
    });
    const local = (k: keyof typeof names) => `e${who.indexOf(k)}`;
    const relations: ExtractedRelation[] = rels.map((r) => {
      const start = text.indexOf(r.sentence);
      return {
        type: r.type,
        subject: local(r.s),
        object: r.o === "article" ? id : local(r.o),
        confidence: 0.8,
        evidence: { start, end: start + r.sentence.length, text: r.sentence },
        ...(r.quote ? { quote: r.quote } : {}),
      };
    });
    return {
      input: { id, text, title: `Export test ${n}`, source: "export-test", publishedAt },
      id,
      contentHash: `${id}-hash`,
      extraction: { article: { id }, entities, relations },
      extractor: "export-test",
    };
  };

  const s1 = `${names.leader} leads the ${names.front}, officials said,\n"again".`;
  const q1 = `"We will win," ${names.leader} said.`;
  const s2 = `${names.leader}, head of the ${names.front}, took ${names.town}.`;
  const s3 = `The ${names.front} was backed by the ${names.tribes}, whose leader ${names.chief} spoke.`;
  const articles = [
    article(
      1,
      "2016-01-10",
      `${s1} ${q1}`,
      ["leader", "front"],
      [
        { type: "LEADS", s: "leader", o: "front", sentence: s1 },
        { type: "QUOTED_IN", s: "leader", o: "article", sentence: q1, quote: "We will win," },
      ],
    ),
    article(
      2,
      "2016-03-05",
      s2,
      ["leader", "front", "town"],
      [
        { type: "LEADS", s: "leader", o: "front", sentence: s2 },
        { type: "CAPTURED", s: "front", o: "town", sentence: s2 },
      ],
    ),
    article(
      3,
      "2016-06-01",
      `${s3} ${names.loner} was there.`,
      ["front", "tribes", "chief", "loner"],
      [
        { type: "SUPPORTED_BY", s: "front", o: "tribes", sentence: s3 },
        { type: "LEADS", s: "chief", o: "tribes", sentence: s3 },
      ],
    ),
  ];
  const s4a = `${names.chief}, backed by the ${names.tribes}, spoke again.`;
  const s4b = `The ${names.tribes} were backed by the ${names.front}.`;
  if (o.article4)
    articles.push(
      article(
        4,
        "2016-07-01",
        `${s4a} ${s4b}`,
        ["chief", "tribes", "front"],
        [
          { type: "SUPPORTED_BY", s: "chief", o: "tribes", sentence: s4a },
          { type: "SUPPORTED_BY", s: "tribes", o: "front", sentence: s4b },
        ],
      ),
    );
  await writeBatch(db, articles);
  const articleIds = articles.map((a) => a.id);
  return { names, ids, articleIds, remove: async () => void (await deleteArticles(db, articleIds)) };
}
