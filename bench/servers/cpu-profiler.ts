/**
 * In a bench server child: V8's sampling CPU profiler (the one behind `node --cpu-prof`) started and
 * stopped over IPC, so a profile covers exactly one measured load window (no start-up, no answer
 * check, no warm-up). bench/lib/server-proc.ts sends `profile-start` / `profile-stop`.
 */
import fs from "node:fs";
import { Session } from "node:inspector/promises";

/** Sampling interval, µs: 5 kHz, fine enough for a request that costs ~1 ms of CPU. */
const INTERVAL_US = 200;

let session: Session | undefined;
let cpuAtStart: NodeJS.CpuUsage | undefined;

/** Answer the profiling IPC messages; true when `m` was one of them. */
export function handleProfileMessage(m: { type: string; file?: string }, send: (m: object) => void): boolean {
  if (m.type === "profile-start") {
    void (async () => {
      session = new Session();
      session.connect();
      await session.post("Profiler.enable");
      await session.post("Profiler.setSamplingInterval", { interval: INTERVAL_US });
      await session.post("Profiler.start");
      cpuAtStart = process.cpuUsage();
      send({ type: "profiling" });
    })().catch((e: Error) => send({ type: "error", message: `profiler: ${e.message}` }));
    return true;
  }
  if (m.type === "profile-stop") {
    void (async () => {
      if (!session) throw new Error("profile-stop without profile-start");
      const cpu = process.cpuUsage(cpuAtStart);
      const { profile } = await session.post("Profiler.stop");
      session.disconnect();
      session = undefined;
      fs.writeFileSync(m.file!, JSON.stringify(profile));
      // The process's own CPU time (user + system) in the window: the profile's samples also count
      // time the process was runnable but descheduled, which on a loaded machine is most of it.
      send({ type: "profiled", file: m.file, cpuUs: cpu.user + cpu.system });
    })().catch((e: Error) => send({ type: "error", message: `profiler: ${e.message}` }));
    return true;
  }
  return false;
}
