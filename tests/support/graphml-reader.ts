/**
 * A real GraphML reader for the export tests: JGraphT's GraphMLImporter (tools/graphml/GraphMlRead.java),
 * which validates against the GraphML 1.0 schema carried in its jar, and that schema itself
 * (graphml.xsd + xlink.xsd) for xmllint. The jars are resolved once by `mvn` into `<repo>/.graphml/`
 * and the reader compiled there (git-ignored; tests/support/java-tool.ts).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { javaTool } from "./java-tool.ts";

const SCHEMA_DIR = path.resolve(import.meta.dirname, "../../.graphml/schema-1.5.2");

/** What JGraphT read: node id → data key → value, and the edges in file order. */
export interface ReadGraph {
  nodes: Record<string, Record<string, string>>;
  edges: { source: string; target: string; weight: number; data: Record<string, string> }[];
}

export interface GraphMlReader {
  /** The GraphML 1.0 schema from the JGraphT jar, for `xmllint --schema`. */
  xsd: string;
  /** Import `file` with JGraphT: the graph, or the reader's (schema) error. */
  read(file: string): { ok: true; graph: ReadGraph } | { ok: false; error: string };
  /** `xmllint --noout --schema <official graphml.xsd> file`: exit status and messages. */
  lint(file: string): { status: number | null; stderr: string };
}

/** Resolves the jars (first run only) and extracts the schema; call in a beforeAll with a generous timeout. */
export async function graphMlReader(): Promise<GraphMlReader> {
  const java = (await javaTool({ name: "graphml", mainClass: "GraphMlRead", version: "1.5.2", label: "JGraphT I/O 1.5.2 (GraphML reader and schema)" })).run;
  const xsd = path.join(SCHEMA_DIR, "graphml.xsd");
  if (!fs.existsSync(path.join(SCHEMA_DIR, "xlink.xsd"))) {
    const tmp = `${SCHEMA_DIR}.tmp-${process.pid}`;
    fs.mkdirSync(tmp, { recursive: true });
    const r = java(["--schema", tmp]);
    if (r.status !== 0) throw new Error(`GraphMlRead --schema failed: ${r.stderr}`);
    fs.rmSync(SCHEMA_DIR, { recursive: true, force: true });
    fs.renameSync(tmp, SCHEMA_DIR);
  }
  return {
    xsd,
    read(file) {
      const r = java([file]);
      return r.status === 0 ? { ok: true, graph: JSON.parse(r.stdout) as ReadGraph } : { ok: false, error: r.stderr.trim() };
    },
    lint(file) {
      const r = spawnSync("xmllint", ["--noout", "--schema", xsd, file], { encoding: "utf8" });
      return { status: r.status, stderr: r.stderr };
    },
  };
}
