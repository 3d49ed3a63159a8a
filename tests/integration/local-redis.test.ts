/**
 * The local Redis against the real redis-server: the one the global setup provides answers, and an
 * instance of this file's own (in a temporary base, on a free port) starts, keeps data across a
 * restart (append-only file), listens on 127.0.0.1 only, and stops by its PID.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { Redis } from "ioredis";
import { AppError } from "../../src/errors.ts";
import { localRedisStatus, pingRedis, startLocalRedis, stopLocalRedis, type LocalRedisOptions } from "../../src/redis/local-redis.ts";
import { freePort } from "../support/ports.ts";

const base = fs.mkdtempSync(path.join(os.tmpdir(), "kg-redis-"));
let opts: LocalRedisOptions;

afterAll(async () => {
  if (opts) await stopLocalRedis(opts);
  fs.rmSync(base, { recursive: true, force: true });
});

describe("local Redis", () => {
  it("the test Redis from the global setup answers PING", async () => {
    const u = new URL(inject("redisUrl"));
    await pingRedis(Number(u.port || 6379), u.hostname);
  });

  it("starts, is a no-op when running, keeps its data across a restart, and stops by PID", async () => {
    opts = { instance: "lifecycle", port: await freePort(), base };
    expect(localRedisStatus(opts).running).toBe(false);
    const s = await startLocalRedis(opts);
    expect(s.url).toBe(`redis://127.0.0.1:${opts.port}`);
    expect((await startLocalRedis(opts)).pid).toBe(s.pid);
    const listen = fs.readFileSync(path.join(s.home, "redis.conf"), "utf8");
    expect(listen).toMatch(/^bind 127\.0\.0\.1$/m);

    const c = new Redis(s.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await c.connect();
    await c.set("kg:test", "kept");
    c.disconnect();

    expect(await stopLocalRedis(opts)).toBe(true);
    expect(localRedisStatus(opts).running).toBe(false);
    await expect(pingRedis(opts.port!)).rejects.toThrow();
    expect(await stopLocalRedis(opts)).toBe(false);

    const again = await startLocalRedis(opts);
    expect(again.pid).not.toBe(s.pid);
    const c2 = new Redis(again.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await c2.connect();
    expect(await c2.get("kg:test")).toBe("kept");
    c2.disconnect();
  });

  it("a taken port is a clear REDIS_SETUP_FAILED", async () => {
    const taken = inject("redisUrl");
    const port = Number(new URL(taken).port);
    const e = await startLocalRedis({ instance: "taken", port, base }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("REDIS_SETUP_FAILED");
    expect((e as AppError).message).toMatch(/Port \d+ .* taken/);
  });
});
