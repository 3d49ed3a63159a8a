/**
 * A client of Stanford CoreNLP's HTTP annotation protocol: POST the text, read sentences and tokens
 * (offsets, POS, NER) from the JSON answer. It talks both to the project's own launcher
 * (tools/corenlp/KgCoreNlpServer.java, started by `kg nlp start`) and to a stock CoreNLP server
 * (CORENLP_URL, or the docker-compose service), which it sends the same pipeline properties.
 *
 * @example
 *   const nlp = new CoreNlpClient({ url: "http://127.0.0.1:9000" });
 *   const a = await nlp.analyze("BNP leader Nick Griffin spoke.");
 *   a.sentences[0].tokens[0]; // { word: "BNP", ner: "ORGANIZATION", start: 0, end: 3, pos: "NNP" }
 */
import { AppError } from "../errors.ts";
import { chunkText } from "./chunks.ts";
import type { NlpAnalysis, NlpBackbone, NlpSentence } from "./types.ts";

export const CORENLP_VERSION = "4.5.7";

/** The annotators and NER settings the project measured and chose; the launcher uses the same. */
export const PIPELINE_PROPERTIES: Readonly<Record<string, string>> = {
  annotators: "tokenize,ssplit,ner",
  enforceRequirements: "false",
  "tokenize.language": "en",
  "ner.model": "edu/stanford/nlp/models/ner/english.conll.4class.distsim.crf.ser.gz",
  "ner.applyFineGrained": "false",
  "ner.useSUTime": "false",
  "ner.applyNumericClassifiers": "false",
  "ner.statisticalOnly": "true",
  "ner.buildEntityMentions": "false",
  "ssplit.newlineIsSentenceBreak": "two",
  outputFormat: "json",
};

export interface CoreNlpClientOptions {
  url: string;
  /** Longest piece of text sent in one request (characters). */
  maxChunkChars?: number;
  /** Limit on one request. */
  requestTimeoutMs?: number;
  /** How long to keep retrying while the server is unreachable or busy, then fail with NLP_UNAVAILABLE. */
  retryMs?: number;
}

interface WireToken {
  word: string;
  characterOffsetBegin: number;
  characterOffsetEnd: number;
  pos?: string;
  ner?: string;
}
interface WireAnswer {
  sentences: { tokens: WireToken[] }[];
}

// Private: an answer whose failure is worth retrying (the server is down, starting or overloaded).
class Transient extends Error {}

export class CoreNlpClient implements NlpBackbone {
  readonly id = `corenlp-${CORENLP_VERSION}/conll4`;
  private readonly url: string;
  private readonly maxChunk: number;
  private readonly timeoutMs: number;
  private readonly retryMs: number;

  constructor(o: CoreNlpClientOptions) {
    this.url = o.url.replace(/\/+$/, "");
    this.maxChunk = o.maxChunkChars ?? 20_000;
    this.timeoutMs = o.requestTimeoutMs ?? 60_000;
    this.retryMs = o.retryMs ?? 60_000;
  }

  async analyze(text: string, signal?: AbortSignal): Promise<NlpAnalysis> {
    const sentences: NlpSentence[] = [];
    for (const chunk of chunkText(text, this.maxChunk)) {
      if (!/\S/.test(chunk.text)) continue;
      const answer = await this.withRetry(() => this.post(chunk.text, signal), signal);
      for (const s of answer.sentences) {
        const tokens = s.tokens.map((t) => ({
          start: chunk.start + t.characterOffsetBegin,
          end: chunk.start + t.characterOffsetEnd,
          word: t.word,
          pos: t.pos ?? "",
          ner: t.ner ?? "O",
        }));
        if (tokens.length) sentences.push({ start: tokens[0]!.start, end: tokens[tokens.length - 1]!.end, tokens });
      }
    }
    return { sentences };
  }

  /** True when the server answers /ready (the launcher and the stock server both have it). */
  async ready(): Promise<boolean> {
    try {
      const res = await fetch(`${this.url}/ready`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      return res.ok;
    } catch {
      return false;
    }
  }

  private async post(text: string, signal?: AbortSignal): Promise<WireAnswer> {
    const query = encodeURIComponent(JSON.stringify(PIPELINE_PROPERTIES));
    const signals = [AbortSignal.timeout(this.timeoutMs), ...(signal ? [signal] : [])];
    let res: Response;
    try {
      res = await fetch(`${this.url}/?properties=${query}`, {
        method: "POST",
        headers: { "content-type": "text/plain; charset=utf-8" },
        body: text,
        signal: AbortSignal.any(signals),
      });
    } catch (e) {
      if (signal?.aborted) throw e;
      const { cause, message } = e as Error;
      throw new Transient(`CoreNLP at ${this.url} did not answer (${cause instanceof Error || typeof cause === "string" ? String(cause) : message})`);
    }
    const body = await res.text();
    if (res.status === 503 || res.status === 502 || res.status === 429)
      throw new Transient(`CoreNLP at ${this.url} is busy or loading (HTTP ${res.status}: ${body.trim().slice(0, 200)})`);
    if (!res.ok) throw new AppError("NLP_FAILED", `CoreNLP at ${this.url} refused the text (HTTP ${res.status}: ${body.trim().slice(0, 300)}).`);
    try {
      const parsed = JSON.parse(body) as WireAnswer;
      if (!Array.isArray(parsed.sentences)) throw new Error("no sentences");
      return parsed;
    } catch (e) {
      throw new AppError(
        "NLP_FAILED",
        `CoreNLP at ${this.url} sent an answer that is not CoreNLP JSON (${(e as Error).message}). Is CORENLP_URL a CoreNLP server?`,
      );
    }
  }

  private async withRetry<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const deadline = Date.now() + this.retryMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (e) {
        if (!(e instanceof Transient)) throw e;
        if (Date.now() > deadline || signal?.aborted) {
          throw new AppError(
            "NLP_UNAVAILABLE",
            `${e.message}; gave up after ${Math.round(this.retryMs / 1000)} s. Start it with \`npx kg nlp start\`, point CORENLP_URL at a running CoreNLP server, or set KG_NLP=none for rules only.`,
          );
        }
        await new Promise((r) => setTimeout(r, Math.min(5_000, 250 * 2 ** attempt)));
      }
    }
  }
}
