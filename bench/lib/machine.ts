/** What the numbers were measured on: cores, memory, load, Node and Neo4j versions. */
import { spawnSync } from "node:child_process";
import os from "node:os";
import type { Db } from "../../src/db/client.ts";
import { neo4jVersion } from "./neo4j.ts";

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  loadAvg: number[];
  platform: string;
  node: string;
  neo4j: string;
  neo4jHeap: string;
  neo4jPageCache: string;
  date: string;
  /** The commit the tree was at, and how many files differed from it (others edit the tree while benchmarks run). */
  git: { commit: string; changedFiles: number };
}

function gitState(): { commit: string; changedFiles: number } {
  // Read-only git queries.
  const head = spawnSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" });
  const status = spawnSync("git", ["status", "--porcelain", "--untracked-files=no"], { encoding: "utf8" });
  return {
    commit: head.status === 0 ? head.stdout.trim() : "unknown",
    changedFiles: status.status === 0 ? status.stdout.split("\n").filter(Boolean).length : -1,
  };
}

export async function machineInfo(db?: Db): Promise<MachineInfo> {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAvg: os.loadavg().map((l) => Math.round(l * 100) / 100),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    neo4j: db ? await neo4jVersion(db) : "n/a",
    neo4jHeap: process.env.KG_BENCH_HEAP ?? "1g",
    neo4jPageCache: process.env.KG_BENCH_PAGECACHE ?? "1g",
    date: new Date().toISOString(),
    git: gitState(),
  };
}

export function machineLine(m: MachineInfo): string {
  return `${m.cpus} cores (${m.cpuModel}), ${m.memoryGiB} GiB, load ${m.loadAvg.join(" ")}, Node ${m.node}, ${m.neo4j} (heap ${m.neo4jHeap}, page cache ${m.neo4jPageCache}); tree at ${m.git.commit}${m.git.changedFiles > 0 ? ` + ${m.git.changedFiles} changed files` : ""}`;
}
