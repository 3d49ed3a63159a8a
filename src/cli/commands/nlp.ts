import { explicitNlpConfig, localCoreNlpOptions } from "../../config.ts";
import { CORENLP_VERSION } from "../../nlp/corenlp-client.ts";
import { localCoreNlpStatus, startLocalCoreNlp, stopLocalCoreNlp } from "../../nlp/local-corenlp.ts";

const USAGE = `Usage: kg nlp start | stop | status

Runs a local Stanford CoreNLP ${CORENLP_VERSION} server, the NER backbone of extraction, without Docker
(needs Java 17 with javac, about 2 GB of memory, and Maven the first time to fetch ~480 MB of jars).
  start   resolve the jars and compile the launcher (first run only), start on 127.0.0.1, wait until /ready answers; no-op when running
  stop    stop the server this project started, by its PID
  status  running or stopped, with the URL
Environment: KG_CORENLP_PORT (default 9000), KG_CORENLP_INSTANCE (default "default"), KG_CORENLP_HEAP (default 2g), KG_CORENLP_THREADS (default 2).
CORENLP_URL points kg at another CoreNLP server instead; KG_NLP=none extracts with rules only.`;

export async function runNlp(argv: string[]): Promise<number> {
  const log = (l: string) => process.stderr.write(l + "\n");
  const o = { ...localCoreNlpOptions(), log };
  const note = () => {
    const explicit = explicitNlpConfig();
    if (explicit?.mode === "none") log("Note: KG_NLP=none, so kg extracts with rules only and does not use this server.");
    else if (explicit) log(`Note: CORENLP_URL is set, so kg uses ${explicit.url}, not this server.`);
  };
  switch (argv[0]) {
    case "start": {
      const s = await startLocalCoreNlp(o);
      process.stdout.write(`running pid=${s.pid} url=${s.url}\n`);
      note();
      return 0;
    }
    case "stop": {
      const stopped = await stopLocalCoreNlp(o);
      process.stdout.write(stopped ? "stopped\n" : "not running\n");
      return 0;
    }
    case "status": {
      const s = localCoreNlpStatus(o);
      process.stdout.write(s.running ? `running pid=${s.pid} url=${s.url}\n` : `stopped url=${s.url}\n`);
      note();
      return s.running ? 0 : 3;
    }
    default:
      process.stderr.write(USAGE + "\n");
      return argv[0] === undefined || argv[0] === "--help" ? 0 : 2;
  }
}
