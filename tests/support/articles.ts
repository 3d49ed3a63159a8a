/**
 * News-like articles made up for the tests that need many (reliability, SIGTERM): deterministic,
 * varied enough that every article has its own entities, relations and quotes, and independent of
 * ../shared/corpus, so these tests always run. About 1.5 kB each, like a short wire story.
 */
import type { ArticleInput } from "../../src/extraction/types.ts";

const PLACES = ["Mosul", "Ramadi", "Fallujah", "Tikrit", "Raqqa", "Palmyra", "Kobani", "Aleppo", "Sirte", "Baiji", "Hit", "Haditha"];
const FORCES = ["Iraqi forces", "Kurdish forces", "the Syrian army", "Shiite militias", "Turkish troops", "Peshmerga fighters"];
const BACKERS = ["U.S. air strikes", "Iran", "Russia", "the United States", "Turkey", "the coalition"];
const LEADERS = [
  ["Haider al-Abadi", "Iraq"],
  ["Masoud Barzani", "the Kurdistan Regional Government"],
  ["Abu Bakr al-Baghdadi", "ISIS"],
  ["Bashar al-Assad", "Syria"],
  ["Recep Tayyip Erdogan", "Turkey"],
] as const;
const SPEAKERS = ["James Jeffrey", "Brett McGurk", "Ashton Carter", "John Kerry", "Joseph Dunford"];
const YEARS = [2014, 2015, 2016, 2017];

/**
 * `n` articles with ids `<prefix>-<i>` and `source: prefix`.
 *
 * @example syntheticArticles("rel-1", 600)
 */
export function syntheticArticles(prefix: string, n: number): ArticleInput[] {
  return Array.from({ length: n }, (_, i) => {
    const place = PLACES[i % PLACES.length]!;
    const other = PLACES[(i * 7 + 3) % PLACES.length]!;
    const force = FORCES[i % FORCES.length]!;
    const backer = BACKERS[(i * 5) % BACKERS.length]!;
    const [leader, led] = LEADERS[i % LEADERS.length]!;
    const speaker = SPEAKERS[(i * 3) % SPEAKERS.length]!;
    const year = YEARS[i % YEARS.length]!;
    const text = [
      `${force[0]!.toUpperCase()}${force.slice(1)} retook ${place} in ${year}, backed by ${backer}, officials said on Tuesday, in report number ${i}.`,
      `ISIS seized ${other} in June ${year - 1} and held it for months before the offensive began.`,
      `${leader}, the leader of ${led}, visited the front line near ${place} and met commanders there.`,
      `"The fight for ${place} is not over, and we will not leave until the city is safe," ${speaker} said.`,
      `Aid groups said thousands of families had fled ${other} since the fighting began, and that water and power were cut in many districts.`,
      `The United Nations said it was sending food to camps near ${place}, where more than ${1000 + i} people had arrived in a week.`,
      `"We need more help from our partners," ${leader} told reporters in ${place} after the visit.`,
      `Analysts said control of ${place} would shape the next phase of the war, as ${force} prepared to push towards ${other}.`,
    ].join(" ");
    return { id: `${prefix}-${i}`, title: `${force} retake ${place} (${i})`, text, source: prefix };
  });
}
