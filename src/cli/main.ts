/**
 * `kg` entry point: dispatches to one module per command. Each command returns its exit code;
 * expected failures (AppError) print their code and message, anything else its stack.
 */
import { settings } from "../config.ts";
import { AppError } from "../errors.ts";
import { UsageError } from "./args.ts";

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  neo4j: { summary: "start | stop | status of the local Docker-free Neo4j", load: async () => (await import("./commands/neo4j.ts")).runNeo4j },
  nlp: { summary: "start | stop | status of the local CoreNLP server (the NER backbone)", load: async () => (await import("./commands/nlp.ts")).runNlp },
  redis: {
    summary: "start | stop | status of the local Redis (job queue and events between processes)",
    load: async () => (await import("./commands/redis.ts")).runRedis,
  },
  serve: { summary: "serve the GraphQL API (GraphiQL at /graphql)", load: async () => (await import("./commands/serve.ts")).runServe },
  extract: {
    summary: "FILE [--format json|text] [--title T]: entities and relations of articles, no database",
    load: async () => (await import("./commands/extract.ts")).runExtract,
  },
  ingest: {
    summary: "PATH… | - [--queue]: load articles into Neo4j (txt, md, json, ndjson, csv, folders, stdin), or enqueue them",
    load: async () => (await import("./commands/ingest.ts")).runIngest,
  },
  worker: {
    summary: "[--concurrency N]: take ingest jobs from the queue (KG_REDIS_URL), extract and write them",
    load: async () => (await import("./commands/worker.ts")).runWorker,
  },
  jobs: {
    summary: "counts | failed | retry ID…|--all | show ID: the ingest queue's jobs",
    load: async () => (await import("./commands/jobs.ts")).runJobs,
  },
  delete: { summary: "ARTICLE_ID…: remove articles and what only they contributed", load: async () => (await import("./commands/delete.ts")).runDelete },
  export: {
    summary: "--format graphml|jsonl|csv|jsonld [--out FILE|-] [--type T…] [--since DATE] [--entity NAME --hops N]: the graph to a file",
    load: async () => (await import("./commands/export.ts")).runExportCommand,
  },
  migrate: { summary: "apply cypher/schema.cypher (constraints and indexes)", load: async () => (await import("./commands/migrate.ts")).runMigrate },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  return [
    "Usage: kg <command> [options]",
    "",
    ...Object.entries(COMMANDS).map(([k, c]) => `  ${k.padEnd(width)}  ${c.summary}`),
    "",
    "Neo4j: NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE, or the local server when NEO4J_URI is unset.",
    "CoreNLP: CORENLP_URL, or the local server when it is unset; KG_NLP=none for rules only.",
    "Redis: KG_REDIS_URL when set (queue and events between processes); none otherwise.",
  ].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage() + "\n");
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    process.stderr.write(`kg: unknown command "${name}".\n\n${usage()}\n`);
    return 2;
  }
  try {
    // The shared settings are read and checked once, before any command runs (src/config.ts).
    settings();
    return await (
      await cmd.load()
    )(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\nRun \`kg ${name} --help\` for its usage.\n`);
      return 2;
    }
    if (e instanceof AppError) {
      process.stderr.write(`kg ${name}: ${e.code}: ${e.message}\n`);
      return 1;
    }
    process.stderr.write(`kg ${name}: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}
