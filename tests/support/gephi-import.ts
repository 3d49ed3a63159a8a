/**
 * Gephi's own import code for the export tests: tools/gephi/GephiImport.java opens a GraphML file
 * with Gephi 0.10.1's ImportController (the GraphML importer the desktop's File > Open picks), verifies
 * the container, processes it into a new workspace with the DefaultProcessor, and prints the
 * workspace's graph and the import report's issues. Jars from Maven Central into `<repo>/.gephi/`,
 * compiled there (git-ignored; tests/support/java-tool.ts).
 */
import { javaTool } from "./java-tool.ts";

/** Gephi's edges merge strategies (EdgeMergeStrategy), which its import report dialog offers for parallel edges. */
export type GephiMergeStrategy = "SUM" | "AVG" | "MAX" | "MIN" | "FIRST" | "LAST" | "NO_MERGE";

export interface GephiColumn {
  id: string;
  title: string;
  /** The Java type's simple name: String, Integer, Double, … */
  type: string;
  /** Gephi's own columns (Id, Label, Interval, Weight), not read from a <key>. */
  property: boolean;
}

/** What Gephi's workspace holds after the import; attribute values by column title, as strings. */
export interface GephiWorkspace {
  importer: string | null;
  verified: boolean;
  /** The merge strategy a fresh import starts with, and the one this import used. */
  defaultMerge: GephiMergeStrategy;
  merge: GephiMergeStrategy;
  nodeCount: number;
  edgeCount: number;
  directed: boolean;
  nodeColumns: GephiColumn[];
  edgeColumns: GephiColumn[];
  nodes: Record<string, { label: string | null; attrs: Record<string, string> }>;
  edges: {
    id: string;
    source: string;
    target: string;
    directed: boolean;
    weight: number;
    label: string | null;
    kind: string | null;
    attrs: Record<string, string>;
  }[];
  issues: { level: "INFO" | "WARNING" | "SEVERE" | "CRITICAL"; message: string }[];
}

export interface GephiImporter {
  /** Import `file` as Gephi does, with its default merge strategy unless `merge` is given. */
  open(file: string, merge?: GephiMergeStrategy): { ok: true; workspace: GephiWorkspace } | { ok: false; error: string };
}

/** Resolves Gephi's jars and compiles the program (first run only); call in a beforeAll with a generous timeout. */
export async function gephiImporter(): Promise<GephiImporter> {
  const tool = await javaTool({
    name: "gephi",
    mainClass: "GephiImport",
    version: "0.10.1",
    label: "Gephi 0.10.1's import modules",
    jvm: ["-Djava.awt.headless=true"],
  });
  return {
    open(file, merge) {
      const r = tool.run([...(merge ? ["--merge", merge] : []), file]);
      return r.status === 0 ? { ok: true, workspace: JSON.parse(r.stdout) as GephiWorkspace } : { ok: false, error: `exit ${r.status}: ${r.stderr.trim()}` };
    },
  };
}
