/**
 * Where an export's bytes go: a Sink honours back-pressure (a slow disk or HTTP client slows the
 * reads from Neo4j instead of piling text up in memory). `AtomicFiles` writes each target file as a
 * temporary file in the same folder and renames it into place only when the whole export is done,
 * so an interrupted export (Ctrl-C, an error) never leaves a half-written file under a target name.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { once } from "node:events";
import type { Writable } from "node:stream";

export interface Sink {
  write(chunk: string): Promise<void>;
}

/** A sink over a Node stream: waits for "drain" when the stream's buffer is full. */
export function streamSink(w: Writable): Sink {
  return {
    async write(chunk) {
      if (!w.write(chunk)) await once(w, "drain");
    },
  };
}

/** A sink that keeps nothing (a CSV table the HTTP route was not asked for). */
export const NULL_SINK: Sink = { write: async () => {} };

/** The named outputs of one export: "main" for the single-file formats, one per table for CSV. */
export type Outputs = (name: string) => Sink;

export class AtomicFiles {
  private readonly files = new Map<string, { target: string; temp: string; stream: fs.WriteStream }>();
  private done = false;

  /** `targets`: output name → the file it ends up in. Folders must exist; files are replaced at commit. */
  constructor(targets: Record<string, string>) {
    for (const [name, target] of Object.entries(targets)) {
      const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
      this.files.set(name, { target, temp, stream: fs.createWriteStream(temp, { flags: "wx" }) });
    }
  }

  readonly outputs: Outputs = (name) => {
    const f = this.files.get(name);
    if (!f) throw new Error(`no output named ${name}`);
    return streamSink(f.stream);
  };

  /** Flush and close every temporary file, then rename each into place. */
  async commit(): Promise<string[]> {
    this.done = true;
    for (const f of this.files.values()) {
      const closed = once(f.stream, "close");
      f.stream.end();
      await closed;
    }
    for (const f of this.files.values()) fs.renameSync(f.temp, f.target);
    return [...this.files.values()].map((f) => f.target);
  }

  /** Drop the temporary files; the targets are left as they were. Safe to call twice. */
  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    for (const f of this.files.values()) {
      if (!f.stream.closed) {
        const closed = once(f.stream, "close").catch(() => {});
        f.stream.destroy();
        await closed;
      }
      fs.rmSync(f.temp, { force: true });
    }
  }
}
