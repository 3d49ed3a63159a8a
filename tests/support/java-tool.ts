/**
 * A small Java program of tools/<name>/ run by the tests against jars from Maven Central: the jars
 * resolved once by `mvn` into `<repo>/.<name>/lib-<version>/` and the program compiled once per
 * version of its source into `<repo>/.<name>/classes-<hash>/` (both git-ignored), like the local
 * Neo4j's and CoreNLP's. Then each run is one `java` with no compile step.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { ensureCompiled, ensureMavenJars } from "../../src/local-server/process.ts";

const REPO_ROOT = path.resolve(import.meta.dirname, "../..");

export interface JavaToolSpec {
  /** tools/<name>/ holds pom.xml and <mainClass>.java; the cache is `.<name>/`. */
  name: string;
  mainClass: string;
  /** The version in the jar folder's name (`lib-<version>`), so a new pom version resolves afresh. */
  version: string;
  /** What is resolved, for messages. */
  label: string;
  /** JVM options before the class name. */
  jvm?: string[];
}

export interface JavaTool {
  /** `.<name>/lib-<version>`: the jars. */
  lib: string;
  run: (args: string[]) => { status: number | null; stdout: string; stderr: string };
}

/** Resolve the jars and compile the program (first run only); call in a beforeAll with a generous timeout. */
export async function javaTool(spec: JavaToolSpec): Promise<JavaTool> {
  const base = path.join(REPO_ROOT, `.${spec.name}`);
  const lib = path.join(base, `lib-${spec.version}`);
  const source = path.join(REPO_ROOT, "tools", spec.name, `${spec.mainClass}.java`);
  await ensureMavenJars({
    pom: path.join(REPO_ROOT, "tools", spec.name, "pom.xml"),
    lib,
    label: spec.label,
    code: "CONFIG_INVALID",
    log: (l) => process.stderr.write(l + "\n"),
  });
  const classes = await ensureCompiled({
    source,
    mainClass: spec.mainClass,
    lib,
    base,
    code: "CONFIG_INVALID",
    missingJavac: `The Java compiler (\`javac\`) is not installed; the tests need it once to compile ${path.relative(REPO_ROOT, source)} (apt-get install openjdk-17-jdk-headless).`,
  });
  const classpath = [classes, path.join(lib, "*")].join(path.delimiter);
  return {
    lib,
    run: (args) => {
      const r = spawnSync("java", [...(spec.jvm ?? []), "-cp", classpath, spec.mainClass, ...args], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    },
  };
}
