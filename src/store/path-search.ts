/**
 * Shortest paths between two entities, found breadth-first from both ends over distinct entity
 * pairs, never deeper than `maxHops`.
 *
 * Why not one `allShortestPaths` statement: the graph keeps one relationship per article, so a
 * chain of 8 steps each asserted by 11 articles holds 11^8 relationship paths, and Neo4j
 * enumerates them all (without checking its transaction timeout) before a length filter can drop
 * them. Here each step is one small statement returning each (entity, neighbour) pair once, however
 * many articles assert it, and the search stops at `maxHops`: the work is linear in the entities
 * and relationships within reach, and every statement ends when the transaction's timeout does.
 */

/** One breadth-first step: the pairs (frontier entity → neighbour) whose neighbour is not in `seen`. */
export type ExpandStep = (frontier: string[], seen: string[]) => Promise<{ from: string; to: string }[]>;

interface Side {
  /** Every entity reached from this end, with the entities one step nearer the end that reach it. */
  parents: Map<string, string[]>;
  frontier: string[];
}

function start(id: string): Side {
  return { parents: new Map([[id, []]]), frontier: [id] };
}

/** The entity sequences from the side's end to `id` (end first), in a stable order, lazily. */
function* chainsTo(side: Side, id: string): Generator<string[]> {
  const ps = side.parents.get(id)!;
  if (ps.length === 0) {
    yield [id];
    return;
  }
  for (const p of ps) for (const c of chainsTo(side, p)) yield [...c, id];
}

/**
 * Up to `first` shortest entity sequences from `from` to `to` (both included) of at most
 * `maxHops` steps; [] when none is that short. Each step expands the smaller frontier.
 *
 * @example await shortestEntityPaths(step, "person:a", "location:b", 4, 5) // [["person:a", "group:c", "location:b"]]
 */
export async function shortestEntityPaths(expand: ExpandStep, from: string, to: string, maxHops: number, first: number): Promise<string[][]> {
  const a = start(from);
  const b = start(to);
  for (let hops = 0; hops < maxHops; hops++) {
    const side = a.frontier.length <= b.frontier.length ? a : b;
    const other = side === a ? b : a;
    if (side.frontier.length === 0) return [];
    const found = new Map<string, Set<string>>();
    for (const { from: p, to: n } of await expand(side.frontier, [...side.parents.keys()])) {
      if (side.parents.has(n)) continue;
      let ps = found.get(n);
      if (!ps) found.set(n, (ps = new Set()));
      ps.add(p);
    }
    for (const [n, ps] of found) side.parents.set(n, [...ps].sort());
    side.frontier = [...found.keys()].sort();
    // The first step that reaches what the other end reached gives the shortest length.
    const meeting = side.frontier.filter((n) => other.parents.has(n));
    if (meeting.length > 0) return joinAt(a, b, meeting, first);
  }
  return [];
}

function joinAt(a: Side, b: Side, meeting: string[], first: number): string[][] {
  const out: string[][] = [];
  for (const m of meeting) {
    for (const head of chainsTo(a, m)) {
      for (const tail of chainsTo(b, m)) {
        out.push([...head, ...tail.reverse().slice(1)]);
        if (out.length >= first) return out;
      }
    }
  }
  return out;
}

/**
 * Every way of picking one of `choices[i]` for each position, in order, at most `first` of them.
 *
 * @example combinations([["x"], ["y", "z"]], 5) // [["x", "y"], ["x", "z"]]
 */
export function combinations<T>(choices: T[][], first: number): T[][] {
  let out: T[][] = [[]];
  for (const c of choices) {
    const next: T[][] = [];
    for (const prefix of out) {
      for (const x of c) {
        next.push([...prefix, x]);
        if (next.length >= first) break;
      }
      if (next.length >= first) break;
    }
    out = next;
  }
  return out;
}
