/** Structured JSON logs (pino) on stderr, so stdout stays clean for CLI output. LOG_LEVEL sets the level. */
import { pino, type Logger } from "pino";

export const log: Logger = pino(
  {
    level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
    base: { service: "news-kg" },
    timestamp: pino.stdTimeFunctions.isoTime,
  },
  pino.destination({ fd: 2, sync: false }),
);
