/**
 * A sentence seen as a template: every resolved mention is replaced by a slot marker
 * "⟦i⟧", so relation rules are plain regexes over words and slots, e.g.
 * "⟦0⟧ was retaken by ⟦1⟧ after being seized by ⟦2⟧ in 2014". Regexes stay linear
 * because sentences are bounded (sentences.ts) and rules avoid nested quantifiers.
 */
import type { Mention } from "./names.ts";
import type { Sentence } from "./sentences.ts";
import type { EntityType, Evidence } from "./types.ts";

export interface SentenceView {
  sentence: Sentence;
  evidence: Evidence;
  template: string;
  slots: Mention[];
  /** Where each slot marker sits in the template. */
  marks: { start: number; end: number }[];
}

/** The regex source of one captured slot. */
export const SLOT = "⟦(\\d+)⟧";
/** A slot not captured (a modifier like "the ⟦Iraqi⟧ city of"). */
export const ANY_SLOT = "⟦\\d+⟧";

export function buildView(text: string, sentence: Sentence, mentions: Mention[]): SentenceView {
  const slots = mentions.filter((m) => m.start >= sentence.start && m.end <= sentence.end);
  let template = "";
  let at = sentence.start;
  const marks: SentenceView["marks"] = [];
  slots.forEach((m, i) => {
    template += text.slice(at, m.start);
    const mark = "⟦" + i + "⟧";
    marks.push({ start: template.length, end: template.length + mark.length });
    template += mark;
    at = m.end;
  });
  template += text.slice(at, sentence.end);
  const evidenceText = text.slice(sentence.start, sentence.end);
  return { sentence, slots, marks, template, evidence: { text: evidenceText, start: sentence.start, end: sentence.end } };
}

export const slotAt = (view: SentenceView, group: string | undefined): Mention | undefined => (group === undefined ? undefined : view.slots[Number(group)]);

/** Like slotAt, with the slots coordinated with it. */
export const slotsAt = (view: SentenceView, group: string | undefined): Mention[] => (group === undefined ? [] : coordinated(view, Number(group)));

/** Argument roles a slot can fill. Adjectives ("Iraqi") only name the country they modify. */
export function isActor(m: Mention | undefined): m is Mention {
  if (!m || m.kind === "adjective") return false;
  return m.type === "ORGANIZATION" || m.type === "GROUP" || (m.type === "LOCATION" && m.entry?.kind === "country");
}

export function isPlace(m: Mention | undefined): m is Mention {
  return m !== undefined && m.kind !== "adjective" && m.type === "LOCATION";
}

export function isType(m: Mention | undefined, ...types: EntityType[]): m is Mention {
  return m !== undefined && types.includes(m.type);
}

/** Sweeps a global regex over the template, calling back with each match. */
export function eachMatch(re: RegExp, template: string, fn: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    fn(m);
    if (m[0].length === 0) re.lastIndex++;
  }
}

/** Text before position `at`, for context checks ("if", "tried to"). */
export const before = (template: string, at: number, width = 30): string => template.slice(Math.max(0, at - width), at);

const JOIN = /^(?:\s*,\s*|,?\s+and\s+|,?\s+as\s+well\s+as\s+)(?:both\s+|neighbou?ring\s+|the\s+)?$/;
/** People may be joined with a role and an honorific between: "⟦Eric Cantona⟧ and ⟦Ole Gunnar Solskjaer⟧, and club manager Sir ⟦Alex Ferguson⟧". */
const JOIN_PERSON =
  /^(?:\s*,\s*|,?\s+and\s+)(?:(?!(?:of|for|to|in|at|by|with|from|said|says|told|who|whose|that|which)\b)[a-z]+\s+){0,2}(?:(?:Sir|Lord|Dame|Mr|Mrs|Ms|Dr)\.?\s+)?$/;

/**
 * Slots coordinated with slot `i` ("⟦Iraq⟧ and ⟦Syria⟧", "⟦Iraqi forces⟧, ⟦Kurds⟧ and ⟦Yazidis⟧"),
 * including `i` itself, so a rule found for one conjunct applies to all of them.
 */
/**
 * Longest coordination taken from each side of a slot. News lists rarely name more; the cap keeps
 * rules that pair two lists (actors × places) linear on junk such as "US, US, … captured Homs, Homs, …".
 */
export const MAX_CONJUNCTS = 8;
/** A sentence that opens with a place adverbial: "In ⟦London⟧", "At the ⟦United Nations⟧". */
const FRONTED_PLACE = /^\s*(?:(?:But|And|Meanwhile|Elsewhere),?\s+)?(?:In|At|From|Outside|Inside|Near)\s+(?:the\s+)?$/;

export function coordinated(view: SentenceView, i: number): Mention[] {
  const same = (j: number) => view.slots[j]!.type === view.slots[i]!.type;
  const join = view.slots[i]!.type === "PERSON" ? JOIN_PERSON : JOIN;
  const group = [i];
  // "In ⟦London⟧, the ⟦U.S.⟧ was supported by …": the place of a fronted adverbial is no conjunct of what follows its comma.
  const fronted = (j: number) =>
    FRONTED_PLACE.test(view.template.slice(0, view.marks[j]!.start)) && /^\s*,/.test(view.template.slice(view.marks[j]!.end, view.marks[j + 1]!.start));
  for (
    let j = i - 1;
    j >= 0 && i - j < MAX_CONJUNCTS && same(j) && join.test(view.template.slice(view.marks[j]!.end, view.marks[j + 1]!.start)) && !fronted(j);
    j--
  )
    group.unshift(j);
  const possessive = (j: number) => /^['’]s?\s/.test(view.template.slice(view.marks[j]!.end, view.marks[j]!.end + 3));
  for (
    let j = i + 1;
    j < view.slots.length && j - i < MAX_CONJUNCTS && same(j) && !possessive(j) && join.test(view.template.slice(view.marks[j - 1]!.end, view.marks[j]!.start));
    j++
  )
    group.push(j);
  return group.flatMap((j) => [view.slots[j]!, ...(view.slots[j]!.partners ?? [])]);
}
