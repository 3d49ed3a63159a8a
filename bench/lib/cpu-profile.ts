/**
 * Where a server spends its CPU: a V8 CPU profile (`.cpuprofile`, as `node --cpu-prof` or the
 * inspector's Profiler.stop writes it) summarised as self time per component (graphql-js execution,
 * yoga, the driver, our code, GC, …), and per request when the number of requests served in the
 * profiled window is known. Pure: a profile in, numbers out.
 */

export interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Components, first match wins (a package's own `src/` is matched by its package before ours). */
const COMPONENTS: { name: string; test: (url: string, fn: string) => boolean }[] = [
  { name: "idle", test: (_u, f) => f === "(idle)" },
  { name: "GC", test: (_u, f) => f === "(garbage collector)" },
  { name: "V8 / native (program)", test: (_u, f) => f === "(program)" },
  { name: "graphql-js: execute", test: (u) => /node_modules\/graphql\/execution\//.test(u) },
  { name: "graphql-js: parse", test: (u) => /node_modules\/graphql\/language\//.test(u) },
  { name: "graphql-js: validate", test: (u) => /node_modules\/graphql\/validation\//.test(u) },
  { name: "graphql-js: other", test: (u) => /node_modules\/graphql\//.test(u) },
  { name: "query cost (graphql-query-complexity)", test: (u) => u.includes("graphql-query-complexity") },
  { name: "GraphQL Armor", test: (u) => u.includes("graphql-armor") },
  { name: "yoga / envelop / whatwg-node", test: (u) => /graphql-yoga|@envelop|@whatwg-node|@graphql-tools/.test(u) },
  { name: "@neo4j/graphql (translation)", test: (u) => u.includes("@neo4j/graphql/") || u.includes("@neo4j/cypher-builder") },
  { name: "neo4j-driver", test: (u) => u.includes("neo4j-driver") },
  { name: "pino (logging)", test: (u) => /\/(pino|sonic-boom|thread-stream|fast-redact|pino-std-serializers)\//.test(u) },
  { name: "prom-client (metrics)", test: (u) => u.includes("prom-client") },
  { name: "Pothos", test: (u) => u.includes("@pothos") },
  { name: "dataloader", test: (u) => u.includes("/dataloader/") },
  { name: "other packages", test: (u) => u.includes("node_modules") },
  { name: "ours (src/)", test: (u) => u.includes("/src/") },
  { name: "bench harness", test: (u) => u.includes("/bench/") },
  { name: "Node core (http, streams, crypto, timers)", test: (u) => u.startsWith("node:") || u.startsWith("internal/") },
  { name: "V8 builtins (JSON, RegExp, …)", test: (u) => u === "" },
];

/** The component a call frame's self time is counted under. */
export function componentOf(url: string, functionName: string): string {
  return COMPONENTS.find((c) => c.test(url, functionName))?.name ?? "other";
}

export interface ComponentTime {
  component: string;
  /** Self time in the profile, ms. */
  ms: number;
  /** Share of the busy (non-idle) time, 0..1. */
  share: number;
  /** Self time per request served, µs (when the request count is given): the component's share of the measured CPU time when given. */
  usPerRequest: number | null;
}

export interface ProfileSummary {
  /** Profiled wall time, ms. */
  wallMs: number;
  /** Sampled time not idle, ms. */
  busyMs: number;
  requests: number | null;
  /** The process's CPU time in the window (user + system), ms, when measured. */
  cpuMs: number | null;
  /** CPU per request, µs: the measured CPU time when given, else the busy sampled time. */
  busyUsPerRequest: number | null;
  components: ComponentTime[];
  /** The functions with the most self time (idle excluded). */
  topFunctions: { fn: string; component: string; ms: number; share: number }[];
}

const r1 = (n: number) => Math.round(n * 10) / 10;
const r3 = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Self time per component of a profile, busiest first; `requests` (served in the profiled window)
 * turns the times into µs per request. Sampled time also counts moments the process was runnable
 * but not running (another process had the core), so with `cpuUs` (the process's measured CPU time
 * in the window) each component gets its share of that instead.
 *
 * @example summariseProfile(JSON.parse(fs.readFileSync("x.cpuprofile", "utf8")), { requests: 5000, cpuUs: 4.2e6 }).components[0]
 */
export function summariseProfile(profile: CpuProfile, opts: { requests?: number; cpuUs?: number; top?: number } = {}): ProfileSummary {
  const requests = opts.requests ?? null;
  const top = opts.top ?? 15;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const perComponent = new Map<string, number>();
  const perFunction = new Map<string, { component: string; us: number }>();
  for (const [id, us] of selfUs) {
    const n = byId.get(id);
    if (!n) continue;
    const { functionName, url, lineNumber } = n.callFrame;
    const component = componentOf(url, functionName);
    perComponent.set(component, (perComponent.get(component) ?? 0) + us);
    if (component === "idle") continue;
    const file = url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*?\/(src|bench)\//, "$1/");
    const fn = `${functionName || "(anonymous)"} ${file ? `${file}:${lineNumber + 1}` : ""}`.trim();
    const f = perFunction.get(fn) ?? { component, us: 0 };
    f.us += us;
    perFunction.set(fn, f);
  }
  const busyUs = [...perComponent].reduce((s, [c, us]) => (c === "idle" ? s : s + us), 0);
  // Sampled µs → µs of CPU: scaled to the measured CPU time when there is one.
  const scale = opts.cpuUs !== undefined && busyUs > 0 ? opts.cpuUs / busyUs : 1;
  const perReq = (us: number) => (requests ? r1((us * scale) / requests) : null);
  return {
    wallMs: r1((profile.endTime - profile.startTime) / 1000),
    busyMs: r1(busyUs / 1000),
    requests,
    cpuMs: opts.cpuUs !== undefined ? r1(opts.cpuUs / 1000) : null,
    busyUsPerRequest: perReq(busyUs),
    components: [...perComponent]
      .filter(([c]) => c !== "idle")
      .sort((a, b) => b[1] - a[1])
      .map(([component, us]) => ({ component, ms: r1(us / 1000), share: busyUs ? r3(us / busyUs) : 0, usPerRequest: perReq(us) })),
    topFunctions: [...perFunction]
      .sort((a, b) => b[1].us - a[1].us)
      .slice(0, top)
      .map(([fn, f]) => ({ fn, component: f.component, ms: r1(f.us / 1000), share: busyUs ? r3(f.us / busyUs) : 0 })),
  };
}
