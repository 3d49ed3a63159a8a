/**
 * Time phrases attached to CAPTURED relations ("in 2014", "in June", "this summer"):
 * looked for right after the match, else at the head of the sentence ("In June, …").
 */
const MONTH = "(?:January|February|March|April|May|June|July|August|September|October|November|December)";
const DAY = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const PHRASE =
  `(?:(?:early|late|mid)[- ]?)?${MONTH}(?:\\s+\\d{1,2}(?:st|nd|rd|th)?)?(?:,?\\s+(?:19|20)\\d{2})?` +
  `|(?:19|20)\\d{2}` +
  `|(?:this|last|earlier\\s+this|late\\s+last|early\\s+last)\\s+(?:summer|winter|spring|fall|autumn|year|month|week|weekend)` +
  `|(?:last\\s+)?${DAY}|yesterday`;

const AFTER = new RegExp(`^[^⟦.;:"“”]{0,40}?\\b(?:in|on|during|since|by|over|of)?\\s*\\b(${PHRASE})\\b`);
const AFTER_BARE = new RegExp(`^\\s+(${PHRASE})\\b`);
const HEAD = new RegExp(`^(?:In|On|During|By|Since|Back\\s+in)\\s+(${PHRASE}),?\\s`);

export function findTime(template: string, matchEnd: number): string | undefined {
  const rest = template.slice(matchEnd, matchEnd + 80);
  const after = AFTER_BARE.exec(rest) ?? AFTER.exec(rest);
  if (after) return after[1]!.replace(/\s+/g, " ");
  return HEAD.exec(template)?.[1]?.replace(/\s+/g, " ");
}
