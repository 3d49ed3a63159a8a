import { afterEach, describe, expect, it, vi } from "vitest";
import { createBackbone, explicitNlpConfig, localCoreNlpOptions, resolveNlpConfig, testCoreNlpPort } from "../../../src/config.ts";
import { AppError } from "../../../src/errors.ts";
import { CoreNlpClient } from "../../../src/nlp/corenlp-client.ts";

const VARS = [
  "KG_NLP",
  "CORENLP_URL",
  "KG_CORENLP_PORT",
  "KG_CORENLP_INSTANCE",
  "KG_CORENLP_HEAP",
  "KG_CORENLP_THREADS",
  "KG_CORENLP_HOME_BASE",
  "KG_TEST_CORENLP_PORT",
];

function withEnv(vars: Record<string, string>): void {
  for (const v of VARS) vi.stubEnv(v, vars[v] ?? "");
}

function configError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("CONFIG_INVALID");
    return (e as AppError).message;
  }
  throw new Error("expected CONFIG_INVALID");
}

describe("NLP configuration", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("defaults to the local CoreNLP on port 9000, instance default, 2g heap, 2 threads", async () => {
    withEnv({});
    expect(explicitNlpConfig()).toBeUndefined();
    expect(localCoreNlpOptions()).toEqual({ instance: "default", port: 9000, heap: "2g", threads: 2 });
    expect(testCoreNlpPort()).toBe(9010);
    // start: false only says where the local server would be; it starts nothing.
    expect(await resolveNlpConfig({ start: false })).toEqual({ mode: "corenlp", url: "http://127.0.0.1:9000", local: true });
  });

  it("reads the KG_CORENLP_* settings", async () => {
    withEnv({
      KG_CORENLP_PORT: "9123",
      KG_CORENLP_INSTANCE: "mine",
      KG_CORENLP_HEAP: "1536m",
      KG_CORENLP_THREADS: "4",
      KG_CORENLP_HOME_BASE: "/tmp/x",
      KG_TEST_CORENLP_PORT: "9124",
    });
    expect(localCoreNlpOptions()).toEqual({ instance: "mine", port: 9123, heap: "1536m", threads: 4, base: "/tmp/x" });
    expect(testCoreNlpPort()).toBe(9124);
    expect(await resolveNlpConfig({ start: false })).toEqual({ mode: "corenlp", url: "http://127.0.0.1:9123", local: true });
  });

  it("CORENLP_URL names an existing server, and nothing is started", async () => {
    withEnv({ CORENLP_URL: "http://corenlp:9000/" });
    expect(await resolveNlpConfig()).toEqual({ mode: "corenlp", url: "http://corenlp:9000", local: false });
  });

  it("KG_NLP=none means rules only, whatever CORENLP_URL says", async () => {
    withEnv({ KG_NLP: "none", CORENLP_URL: "http://corenlp:9000" });
    expect(await resolveNlpConfig()).toEqual({ mode: "none" });
    expect(createBackbone({ mode: "none" })).toBeUndefined();
  });

  it("createBackbone gives a CoreNLP client with the model version in its id", () => {
    const b = createBackbone({ mode: "corenlp", url: "http://127.0.0.1:9000", local: true });
    expect(b).toBeInstanceOf(CoreNlpClient);
    expect(b!.id).toBe("corenlp-4.5.7/conll4");
  });

  it.each([
    [{ KG_NLP: "spacy" }, /KG_NLP must be "corenlp" .* or "none" .*, got "spacy"/],
    [{ CORENLP_URL: "corenlp:9000" }, /CORENLP_URL must start with http:\/\/ or https:\/\//],
    [{ CORENLP_URL: "not a url" }, /CORENLP_URL "not a url" is not a URL/],
    [{ KG_CORENLP_PORT: "90000" }, /KG_CORENLP_PORT must be a port number \(1-65535\), got "90000"/],
    [{ KG_CORENLP_PORT: "abc" }, /KG_CORENLP_PORT must be a port number/],
    [{ KG_CORENLP_HEAP: "lots" }, /KG_CORENLP_HEAP must be a Java heap size such as 2g or 1536m, got "lots"/],
    [{ KG_CORENLP_THREADS: "0" }, /KG_CORENLP_THREADS must be a whole number from 1 to 64, got "0"/],
    [{ KG_TEST_CORENLP_PORT: "-1" }, /KG_TEST_CORENLP_PORT must be a port number/],
  ])("refuses %j with a message naming the variable", (vars, message) => {
    withEnv(vars);
    expect(configError(() => (explicitNlpConfig(), localCoreNlpOptions(), testCoreNlpPort()))).toMatch(message);
  });

  it.each(["../etc", "lib-4.5.7", "classes-x", ".hidden", "a/b"])("refuses the instance name %j", async (instance) => {
    withEnv({ KG_CORENLP_INSTANCE: instance });
    await expect(resolveNlpConfig({ start: false })).rejects.toThrow(/KG_CORENLP_INSTANCE .* is not a usable folder name/);
  });
});
