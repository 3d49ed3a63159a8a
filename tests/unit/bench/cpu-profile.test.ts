import { describe, expect, it } from "vitest";
import { componentOf, summariseProfile, type CpuProfile } from "../../../bench/lib/cpu-profile.ts";

const frame = (id: number, functionName: string, url: string) => ({ id, callFrame: { functionName, url, lineNumber: 9 } });

// root → execute (graphql-js) → resolver (ours) ; root → driver ; root → (idle)
const profile: CpuProfile = {
  nodes: [
    frame(1, "(root)", ""),
    frame(2, "execute", "file:///app/node_modules/graphql/execution/execute.js"),
    frame(3, "resolve", "file:///app/src/api/types/relation.ts"),
    frame(4, "unpack", "file:///app/node_modules/neo4j-driver-bolt-connection/lib/packstream/packstream-v1.js"),
    frame(5, "(idle)", ""),
    frame(6, "inner", "file:///app/node_modules/@whatwg-node/server/esm/src/index.js"),
  ],
  startTime: 0,
  endTime: 10_000,
  // self µs: execute 1000, resolve 2000, unpack 1000, idle 5000, whatwg 1000
  samples: [2, 3, 3, 4, 5, 5, 5, 5, 5, 6],
  timeDeltas: [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
};

describe("componentOf", () => {
  it("puts a package's own src/ under the package, not under ours", () => {
    expect(componentOf("file:///app/node_modules/@whatwg-node/server/esm/src/index.js", "f")).toBe("yoga / envelop / whatwg-node");
    expect(componentOf("file:///app/src/api/join.ts", "f")).toBe("ours (src/)");
  });
  it("tells graphql-js's phases apart and names V8's pseudo-frames", () => {
    expect(componentOf("file:///x/node_modules/graphql/language/parser.js", "parse")).toBe("graphql-js: parse");
    expect(componentOf("file:///x/node_modules/graphql/validation/validate.js", "validate")).toBe("graphql-js: validate");
    expect(componentOf("", "(garbage collector)")).toBe("GC");
    expect(componentOf("node:internal/http", "write")).toBe("Node core (http, streams, crypto, timers)");
  });
});

describe("summariseProfile", () => {
  it("sums self time per component, busiest first, idle left out of the busy time", () => {
    const s = summariseProfile(profile, { requests: 10 });
    expect(s.busyMs).toBe(5);
    expect(s.components.map((c) => [c.component, c.ms])).toEqual([
      ["ours (src/)", 2],
      ["graphql-js: execute", 1],
      ["neo4j-driver", 1],
      ["yoga / envelop / whatwg-node", 1],
    ]);
    expect(s.components[0]!.share).toBe(0.4);
    expect(s.busyUsPerRequest).toBe(500);
    expect(s.topFunctions[0]!.fn).toBe("resolve src/api/types/relation.ts:10");
  });
  it("scales the shares to the measured CPU time when it is given", () => {
    // The samples say 5 ms busy; the process really used 2.5 ms of CPU (it waited for a core the rest).
    const s = summariseProfile(profile, { requests: 10, cpuUs: 2500 });
    expect(s.busyUsPerRequest).toBe(250);
    expect(s.components.find((c) => c.component === "ours (src/)")!.usPerRequest).toBe(100);
    expect(s.cpuMs).toBe(2.5);
  });
  it("gives no per-request figures without a request count", () => {
    expect(summariseProfile(profile).busyUsPerRequest).toBeNull();
  });
});
