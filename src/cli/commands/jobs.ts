import { redisUrl } from "../../config.ts";
import { AppError } from "../../errors.ts";
import { log } from "../../log.ts";
import { IngestQueue } from "../../queue/ingest-queue.ts";
import type { IngestJobProgress } from "../../queue/progress.ts";
import { queueSettings } from "../../queue/settings.ts";
import { parseCommandArgs } from "../args.ts";

const USAGE = `Usage: kg jobs counts | failed [--limit N] | retry (JOB_ID… | --all) | show JOB_ID  [--json]
The ingest queue (KG_REDIS_URL, queue KG_QUEUE_NAME):
  counts   jobs waiting, active, delayed (waiting to retry), completed and failed
  failed   the failed set, most recent first, each with its error (default --limit 50)
  retry    move failed jobs back to the queue with their tries reset: the ids given, or --all
  show     one job's state, stage, tries, outcome or error`;

function line(p: IngestJobProgress): string {
  const error = p.errorMessage ? `  ${p.errorCode ? p.errorCode + ": " : ""}${p.errorMessage}` : "";
  return `${p.jobId}  ${p.state}${p.stage ? `/${p.stage}` : ""}  tries ${p.attempts}${p.status ? `  ${p.status}` : ""}${p.worker ? `  by ${p.worker}` : ""}${error}`;
}

export async function runJobs(argv: string[]): Promise<number> {
  const args = parseCommandArgs("kg jobs", argv, { flags: ["json", "all", "help"], values: ["limit"] });
  const [sub, ...ids] = args.positionals;
  if (args.flags.has("help") || !sub) {
    process.stderr.write(USAGE + "\n");
    return args.flags.has("help") ? 0 : 2;
  }
  const url = redisUrl();
  if (!url) throw new AppError("CONFIG_INVALID", "kg jobs needs the queue's Redis: set KG_REDIS_URL (e.g. redis://127.0.0.1:6379).");
  const json = args.flags.has("json");
  const out = (value: unknown, text: string) => process.stdout.write((json ? JSON.stringify(value) : text) + "\n");
  const queue = IngestQueue.open(url, queueSettings(), log);
  try {
    switch (sub) {
      case "counts": {
        const c = await queue.counts();
        out(
          c,
          Object.entries(c)
            .map(([k, v]) => `${k} ${v}`)
            .join("  "),
        );
        return 0;
      }
      case "failed": {
        const limit = Number(args.values.get("limit") ?? 50);
        if (!Number.isInteger(limit) || limit < 1 || limit > 100_000)
          throw new AppError("BAD_USER_INPUT", "kg jobs failed: --limit must be a whole number from 1 to 100000.");
        const failed = await queue.failed(limit);
        out(failed, failed.length === 0 ? "no failed jobs" : failed.map(line).join("\n"));
        return 0;
      }
      case "retry": {
        if (ids.length === 0 && !args.flags.has("all"))
          throw new AppError("BAD_USER_INPUT", "kg jobs retry: name the job ids to retry (see `kg jobs failed`), or pass --all.");
        const moved = await queue.retry(ids.length > 0 ? ids : undefined);
        const missed = ids.filter((id) => !moved.includes(id));
        out({ retried: moved, notFailed: missed }, `re-queued ${moved.length} job(s)${missed.length ? `; not in the failed set: ${missed.join(", ")}` : ""}`);
        return missed.length > 0 ? 1 : 0;
      }
      case "show": {
        if (ids.length !== 1) throw new AppError("BAD_USER_INPUT", "kg jobs show: give one job id.");
        const p = await queue.progress(ids[0]!);
        if (!p) throw new AppError("NOT_FOUND", `No job ${ids[0]} in queue ${queue.settings.name} (finished jobs are kept for a day).`);
        out(p, line(p));
        return 0;
      }
      default:
        process.stderr.write(`kg jobs: unknown subcommand "${sub}".\n${USAGE}\n`);
        return 2;
    }
  } finally {
    await queue.close();
  }
}
