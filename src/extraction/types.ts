/**
 * The extraction contract. `kg extract --format json` prints an `ExtractionResult`
 * exactly; ingestion and the API depend on these names, so change them only together.
 */

export type EntityType = "PERSON" | "ORGANIZATION" | "LOCATION" | "GROUP";
export const ENTITY_TYPES: readonly EntityType[] = ["PERSON", "ORGANIZATION", "LOCATION", "GROUP"];

export type RelationType = "LEADS" | "CAPTURED" | "SUPPORTED_BY" | "QUOTED_IN";
export const RELATION_TYPES: readonly RelationType[] = ["LEADS", "CAPTURED", "SUPPORTED_BY", "QUOTED_IN"];

/** A half-open character range [start, end) into the article text (UTF-16 code units, as JS strings index). */
export interface Span {
  start: number;
  end: number;
}

/** What an input file or API call supplies. Only `text` is required. */
export interface ArticleInput {
  id?: string;
  title?: string;
  text: string;
  url?: string;
  source?: string;
  publishedAt?: string;
}

export interface ExtractedEntity {
  /** Article-local id: "e1", "e2", … */
  id: string;
  /** Canonical display name ("Haider al-Abadi", "Islamic State", "United States"). */
  name: string;
  type: EntityType;
  /** Other surface forms seen in this article or known from the gazetteer, without `name`. */
  aliases: string[];
  mentions: Span[];
}

export interface Evidence extends Span {
  /** The sentence that proves the relation, exactly `text.slice(start, end)`. */
  text: string;
}

export interface ExtractedRelation {
  type: RelationType;
  /** Entity id (article-local). */
  subject: string;
  /** Entity id; for QUOTED_IN the article id. */
  object: string;
  /** 0..1 */
  confidence: number;
  evidence: Evidence;
  /** LEADS: "former" for former leaders; CAPTURED: the time phrase ("2014", "June", "this summer"). */
  time?: string;
  /** QUOTED_IN only: the quoted words, without the quote marks. */
  quote?: string;
}

export interface ExtractionResult {
  article: { id: string; title?: string };
  entities: ExtractedEntity[];
  relations: ExtractedRelation[];
}
