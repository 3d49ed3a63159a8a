import { localRedisOptions, redisUrl } from "../../config.ts";
import { localRedisStatus, startLocalRedis, stopLocalRedis } from "../../redis/local-redis.ts";

const USAGE = `Usage: kg redis start | stop | status

Runs a local Redis 7 (Debian's redis-server, \`apt-get install redis-server\`) without Docker, for the job
queue and for subscription events shared between processes.
  start   start on 127.0.0.1 with an append-only file under .redis/<instance>/; no-op when running
  stop    stop the server this project started, by its PID
  status  running or stopped, with the URL
Environment: KG_REDIS_PORT (default 6379), KG_REDIS_INSTANCE (default "default").
kg uses Redis only when KG_REDIS_URL is set, e.g. KG_REDIS_URL=redis://127.0.0.1:6379.`;

export async function runRedis(argv: string[]): Promise<number> {
  const log = (l: string) => process.stderr.write(l + "\n");
  const o = { ...localRedisOptions(), log };
  const note = (url: string) => {
    const configured = redisUrl();
    if (configured === undefined) log(`Note: KG_REDIS_URL is not set, so kg does not use Redis; set KG_REDIS_URL=${url} to use this one.`);
    else if (configured.replace(/\/+$/, "") !== url) log(`Note: KG_REDIS_URL is ${configured}, not this server.`);
  };
  switch (argv[0]) {
    case "start": {
      const s = await startLocalRedis(o);
      process.stdout.write(`running pid=${s.pid} url=${s.url}\n`);
      note(s.url);
      return 0;
    }
    case "stop": {
      const stopped = await stopLocalRedis(o);
      process.stdout.write(stopped ? "stopped\n" : "not running\n");
      return 0;
    }
    case "status": {
      const s = localRedisStatus(o);
      process.stdout.write(s.running ? `running pid=${s.pid} url=${s.url}\n` : `stopped url=${s.url}\n`);
      return s.running ? 0 : 3;
    }
    default:
      process.stderr.write(USAGE + "\n");
      return argv[0] === undefined || argv[0] === "--help" ? 0 : 2;
  }
}
