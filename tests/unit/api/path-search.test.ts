import { describe, expect, it } from "vitest";
import { combinations, shortestEntityPaths, type ExpandStep } from "../../../src/store/path-search.ts";

/** An undirected graph from "a-b" edges, as the pathNeighbours statement would see it, counting steps. */
function graph(edges: string[]): { expand: ExpandStep; steps: string[][] } {
  const adj = new Map<string, Set<string>>();
  for (const e of edges) {
    const [x, y] = e.split("-") as [string, string];
    for (const [p, q] of [
      [x, y],
      [y, x],
    ] as const) {
      if (!adj.has(p)) adj.set(p, new Set());
      adj.get(p)!.add(q);
    }
  }
  const steps: string[][] = [];
  const expand: ExpandStep = (frontier, seen) => {
    steps.push(frontier);
    return Promise.resolve(frontier.flatMap((f) => [...(adj.get(f) ?? [])].filter((n) => !seen.includes(n)).map((to) => ({ from: f, to }))));
  };
  return { expand, steps };
}

describe("shortestEntityPaths (breadth-first from both ends over entity pairs)", () => {
  const chain = Array.from({ length: 8 }, (_, i) => `n${i}-n${i + 1}`);

  it("finds the chain at its length and nothing when maxHops is one short, in at most maxHops steps", async () => {
    const g = graph(chain);
    expect(await shortestEntityPaths(g.expand, "n0", "n8", 8, 5)).toEqual([["n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8"]]);
    const short = graph(chain);
    expect(await shortestEntityPaths(short.expand, "n0", "n8", 7, 5)).toEqual([]);
    expect(short.steps.length).toBeLessThanOrEqual(7);
  });

  it("returns every shortest path (up to first), in a stable order, never a longer one", async () => {
    const g = graph(["a-x", "x-b", "a-y", "y-b", "a-z", "z-w", "w-b"]);
    expect(await shortestEntityPaths(g.expand, "a", "b", 4, 10)).toEqual([
      ["a", "x", "b"],
      ["a", "y", "b"],
    ]);
    expect(await shortestEntityPaths(graph(["a-x", "x-b", "a-y", "y-b"]).expand, "a", "b", 4, 1)).toHaveLength(1);
  });

  it("counts paths through several meeting points and several parents", async () => {
    // a → {p, q} → {m1, m2} → b: four shortest paths of 3 steps.
    const g = graph(["a-p", "a-q", "p-m1", "q-m1", "p-m2", "q-m2", "m1-b", "m2-b"]);
    const paths = await shortestEntityPaths(g.expand, "a", "b", 3, 10);
    expect(paths).toHaveLength(4);
    expect(new Set(paths.map((p) => p.join(" "))).size).toBe(4);
    for (const p of paths) expect(p).toHaveLength(4);
  });

  it("stops when one end's component is exhausted", async () => {
    const g = graph(["a-b", "c-d"]);
    expect(await shortestEntityPaths(g.expand, "a", "d", 10, 5)).toEqual([]);
    expect(g.steps.length).toBeLessThanOrEqual(2);
  });

  it("finds a direct link in one step", async () => {
    expect(await shortestEntityPaths(graph(["a-b"]).expand, "a", "b", 1, 5)).toEqual([["a", "b"]]);
  });
});

describe("combinations", () => {
  it("picks one per position, at most first", () => {
    expect(combinations([["x"], ["y", "z"]], 5)).toEqual([
      ["x", "y"],
      ["x", "z"],
    ]);
    expect(
      combinations(
        [
          ["a", "b"],
          ["c", "d"],
          ["e", "f"],
        ],
        3,
      ),
    ).toHaveLength(3);
    expect(combinations([["a"], []], 5)).toEqual([]);
  });
});
