/** What resolvers pass around: plain rows read from Neo4j, before GraphQL shapes them. */
import type { EntityType, RelationType } from "../extraction/types.ts";

/** An article's header; its text is loaded separately, only when a request selects it. */
export interface ArticleRow {
  id: string;
  title: string | null;
  url: string | null;
  source: string | null;
  publishedAt: string | null;
}

export interface EntityRow {
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
  articleCount: number;
}

/** A relation aggregated over the articles that assert it. */
export interface RelationRow {
  type: RelationType;
  subjectId: string;
  objectId: string;
  objectIsArticle: boolean;
  articleCount: number;
  firstSeen: string | null;
  lastSeen: string | null;
  time: string | null;
}

export interface EvidenceRow {
  articleId: string;
  sentence: string;
  start: number;
  end: number;
  confidence: number;
  time: string | null;
  quote: string | null;
}

export interface QuoteRow {
  id: string;
  text: string;
  speakerId: string;
  articleId: string;
  start: number;
  end: number;
  confidence: number;
  sentence: string | null;
}

/** The key of an aggregated relation, also its id: "CAPTURED|organization:islamic-state|location:mosul". */
export function relationKey(r: Pick<RelationRow, "type" | "subjectId" | "objectId">): string {
  return `${r.type}|${r.subjectId}|${r.objectId}`;
}

export function parseRelationKey(key: string): Pick<RelationRow, "type" | "subjectId" | "objectId"> | undefined {
  const m = /^(LEADS|CAPTURED|SUPPORTED_BY|QUOTED_IN)\|([^|]+)\|(.+)$/.exec(key);
  return m ? { type: m[1] as RelationType, subjectId: m[2]!, objectId: m[3]! } : undefined;
}

export interface Paged<T> {
  total: number;
  items: T[];
}
