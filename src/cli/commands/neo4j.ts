import { localNeo4jStatus, NEO4J_VERSION, startLocalNeo4j, stopLocalNeo4j } from "../../db/local-neo4j.ts";

const USAGE = `Usage: kg neo4j start | stop | status

Runs a local Neo4j Community ${NEO4J_VERSION} without Docker (needs Java 17+ and Maven the first time).
  start   resolve the jars (first run only), start on 127.0.0.1, wait until Bolt answers; no-op when running
  stop    stop the server this project started, by its PID
  status  running or stopped, with the Bolt URI
Environment: KG_NEO4J_BOLT_PORT (default 7687), KG_NEO4J_INSTANCE (default "default"), KG_NEO4J_HEAP, KG_NEO4J_PAGECACHE.`;

export async function runNeo4j(argv: string[]): Promise<number> {
  const log = (l: string) => process.stderr.write(l + "\n");
  switch (argv[0]) {
    case "start": {
      const c = await startLocalNeo4j({ log });
      const s = localNeo4jStatus();
      process.stdout.write(`running pid=${s.pid} uri=${c.uri} user=${c.user} (password in ${s.home}/credentials.json)\n`);
      return 0;
    }
    case "stop": {
      const stopped = await stopLocalNeo4j({ log });
      process.stdout.write(stopped ? "stopped\n" : "not running\n");
      return 0;
    }
    case "status": {
      const s = localNeo4jStatus();
      process.stdout.write(s.running ? `running pid=${s.pid} uri=${s.uri}\n` : `stopped uri=${s.uri}\n`);
      return s.running ? 0 : 3;
    }
    default:
      process.stderr.write(USAGE + "\n");
      return argv[0] === undefined || argv[0] === "--help" ? 0 : 2;
  }
}
