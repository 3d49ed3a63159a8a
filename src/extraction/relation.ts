/** The shape relation rules produce before entity ids are assigned. */
import type { Mention } from "./names.ts";
import type { RelationType } from "./types.ts";
import type { SentenceView } from "./template.ts";

export interface Candidate {
  type: RelationType;
  subject: Mention;
  /** Absent for QUOTED_IN, whose object is the article. */
  object?: Mention;
  confidence: number;
  view: Pick<SentenceView, "evidence">;
  time?: string;
  quote?: string;
}
