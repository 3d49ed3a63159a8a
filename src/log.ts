/** Structured JSON logs (pino) on stderr, so stdout stays clean for CLI output. LOG_LEVEL sets the level. */
import { pino, type DestinationStream, type Logger } from "pino";

/** The service's logger, writing to `destination` (default: stderr, asynchronously). */
export function createLogger(destination: DestinationStream = pino.destination({ fd: 2, sync: false })): Logger {
  return pino(
    {
      level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
      base: { service: "news-kg" },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

export const log: Logger = createLogger();
