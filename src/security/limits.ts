/**
 * What a request may cost: body size and encoding (checked while the body is read, before any
 * parsing), query depth / cost / aliases / tokens / directives (GraphQL Armor, at validation),
 * introspection and field suggestions, CORS and CSRF.
 */
import { EnvelopArmor } from "@escape.tech/graphql-armor";
import { useCSRFPrevention } from "@graphql-yoga/plugin-csrf-prevention";
import type { GraphQLError, ValidationRule } from "graphql";
import { createGraphQLError, type CORSOptions, type Plugin } from "graphql-yoga";
import type { SecurityConfig } from "./config.ts";

/** Error code of a query refused by a limit (depth, cost, aliases, tokens, directives, body size). */
export const LIMIT_CODE = "QUERY_LIMIT_EXCEEDED";
export const TOO_LARGE_CODE = "PAYLOAD_TOO_LARGE";

/** Headers a browser client may send; CSRF needs one of the "preflighted" ones for simple requests. */
export const CSRF_HEADERS = ["x-graphql-yoga-csrf", "x-kg-csrf"];

function tooLarge(limit: number, got?: number): GraphQLError {
  return createGraphQLError(
    `The request body${got !== undefined ? ` is ${got} bytes, which` : ""} exceeds the limit of ${limit} bytes (KG_MAX_BODY_BYTES). Articles are limited separately by KG_MAX_ARTICLE_BYTES; send big batches as several requests.`,
    { extensions: { code: TOO_LARGE_CODE, http: { status: 413 } } },
  );
}

function badBody(message: string): GraphQLError {
  return createGraphQLError(message, { extensions: { code: "BAD_USER_INPUT", http: { status: 400 } } });
}

/**
 * How much of a body over the limit is still read (and thrown away) before the 413 is sent: a
 * client that writes its whole body before it reads (Python's urllib, many SDKs) otherwise meets a
 * closed socket — a broken pipe — and never sees the answer. Bounded like nginx's lingering close.
 */
export const LINGER = { bytes: 64 * 1024 * 1024, ms: 5_000 };

/** Read and discard the rest of a body, up to LINGER (bytes and time), then let go of it. */
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  let left = LINGER.bytes;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), LINGER.ms)));
  try {
    while (left > 0) {
      const r = await Promise.race([reader.read(), late]);
      if (r === "late" || r.done) break;
      left -= r.value.byteLength;
    }
  } catch {
    // The client went away: nothing left to read.
  } finally {
    clearTimeout(timer);
    await reader.cancel().catch(() => {});
  }
}

/** Read a body stream; past `limit` bytes, discard the rest (bounded) and refuse it. */
async function readCapped(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await discardRest(reader);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * Body limit and strict UTF-8 for POST bodies. A declared Content-Length over the limit is refused
 * without parsing; otherwise the body is read up to the limit, checked, and handed to yoga's parser.
 * Either way, the rest of a body over the limit is read away (up to LINGER) before the 413 goes out.
 */
export function useBodyLimit(maxBytes: number): Plugin {
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      if (request.method !== "POST" || !requestParser || !request.body) return;
      const declared = request.headers.get("content-length");
      if (declared !== null && Number(declared) > maxBytes) {
        // Refused unread; a body the client can finish sending within LINGER is read away first.
        if (Number(declared) > LINGER.bytes) throw tooLarge(maxBytes, Number(declared));
        setRequestParser(async (req) => {
          await discardRest(req.body!.getReader());
          throw tooLarge(maxBytes, Number(declared));
        });
        return;
      }
      const parse = requestParser;
      setRequestParser(async (req) => {
        const bytes = await readCapped(req.body!, maxBytes);
        const type = (req.headers.get("content-type") ?? "").toLowerCase();
        if (!type.startsWith("multipart/")) {
          try {
            utf8.decode(bytes);
          } catch {
            throw badBody("The request body is not valid UTF-8.");
          }
        }
        return parse(new fetchAPI.Request(req.url, { method: req.method, headers: req.headers, body: bytes }));
      });
    },
  };
}

/** Deepest nesting of arrays and objects accepted in a request's `variables` or `extensions` (this schema's inputs need 3). */
export const MAX_VARIABLE_DEPTH = 32;

/**
 * How deeply `v` nests arrays and objects (a scalar is 0), counted without recursion and giving up
 * once past `limit`: a body of 100,000 nested arrays parses fine but overflows any recursive walk.
 */
export function nestingDepth(v: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[v, 0]];
  while (stack.length > 0) {
    const [x, d] = stack.pop()!;
    if (typeof x !== "object" || x === null) continue;
    const depth = d + 1;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(x) ? x : Object.values(x)) stack.push([child, depth]);
  }
  return deepest;
}

/** Refuse, before anything reads them, variables (or extensions) nested deeper than MAX_VARIABLE_DEPTH. */
export function useVariableDepthLimit(): Plugin {
  return {
    onParams({ params }) {
      for (const [name, value] of [
        ["variables", params.variables],
        ["extensions", params.extensions],
      ] as const) {
        if (nestingDepth(value, MAX_VARIABLE_DEPTH) > MAX_VARIABLE_DEPTH) {
          throw badBody(`The request's ${name} nest more than ${MAX_VARIABLE_DEPTH} levels of arrays and objects; no input of this API needs more than a few.`);
        }
      }
    },
  };
}

/**
 * Turn off introspection (`__schema`, `__type`); `__typename` stays allowed. A plain AST check
 * (no type-system calls), so it works whichever copy of graphql-js the schema came from.
 */
export function useNoIntrospection(): Plugin {
  const rule: ValidationRule = (context) => ({
    Field(node) {
      const name = node.name.value;
      if (name === "__schema" || name === "__type") {
        context.reportError(
          createGraphQLError(
            `GraphQL introspection has been disabled, but the requested query contained the field "${name}". Set KG_INTROSPECTION=true to allow it.`,
            {
              nodes: [node],
              extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
            },
          ),
        );
      }
    },
  });
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(rule);
    },
  };
}

const isLimit = (e: GraphQLError) => /limit of \d+ exceeded|Query validation error|Token limit|limit exceeded/i.test(e.message);

/**
 * A plugin's refusal thrown before execution (Armor limit, CSRF), as the client should see it:
 * with a code and an HTTP status. Undefined for anything else (which is then masked).
 */
export function refusalError(e: GraphQLError): GraphQLError | undefined {
  if (isLimit(e)) return createGraphQLError(e.message.replace(/^Syntax Error: /, ""), { extensions: { code: LIMIT_CODE, http: { status: 400 } } });
  const status = e.extensions?.http?.status;
  if (/CSRF/i.test(e.message)) {
    return createGraphQLError(
      `${e.message}: send one of the headers ${CSRF_HEADERS.join(", ")} (any value), or a JSON body with content-type application/json.`,
      {
        extensions: { code: "CSRF_CHECK_FAILED", http: { status: 403 } },
      },
    );
  }
  if (typeof status === "number" && status >= 400 && status < 500)
    return createGraphQLError(e.message, { extensions: { code: "BAD_REQUEST", http: { status } } });
  return undefined;
}

/** Give Armor's rejections (and other limit errors) a stable code clients and metrics can act on. */
export function useLimitErrorCodes(): Plugin {
  const tag = (errors: readonly GraphQLError[]) => {
    for (const e of errors) {
      if (!e.extensions?.code && isLimit(e)) (e.extensions as Record<string, unknown>).code = LIMIT_CODE;
    }
  };
  return {
    onValidate() {
      return ({ result }) => {
        if (Array.isArray(result)) tag(result as GraphQLError[]);
      };
    },
    onParse() {
      return ({ result }) => {
        if (result instanceof Error && "extensions" in result) tag([result as GraphQLError]);
      };
    },
  };
}

/** GraphQL Armor with our limits (cost apart: see cost.ts); field suggestions blocked unless enabled. */
export function armorPlugins(cfg: SecurityConfig): Plugin[] {
  const { limits } = cfg;
  const armor = new EnvelopArmor({
    maxDepth: { n: limits.depth, flattenFragments: true },
    // The cost limit is ours (cost.ts): it needs the variables, which validation does not see.
    costLimit: { enabled: false },
    maxAliases: { n: limits.aliases },
    maxTokens: { n: limits.tokens },
    maxDirectives: { n: limits.directives },
    blockFieldSuggestion: { enabled: !cfg.fieldSuggestions },
  });
  return armor.protect().plugins as Plugin[];
}

/** CORS: only the configured origins get CORS headers; others (and same-origin requests) get none. */
export function corsOptions(cfg: SecurityConfig): (request: Request) => CORSOptions {
  const any = cfg.corsOrigins.includes("*");
  const allowed = new Set(cfg.corsOrigins.map((o) => o.toLowerCase()));
  const base = {
    methods: ["GET", "POST"],
    allowedHeaders: ["content-type", "authorization", "x-request-id", ...CSRF_HEADERS],
    exposedHeaders: ["x-request-id", "x-kg-cache"],
    credentials: false,
    maxAge: 600,
  };
  return (request) => {
    const origin = request.headers.get("origin");
    if (!origin) return false;
    if (any) return { ...base, origin: ["*"] };
    if (allowed.has(origin.toLowerCase())) return { ...base, origin: [origin] };
    return false;
  };
}

export function csrfPlugin(): Plugin {
  return useCSRFPrevention({ requestHeaders: CSRF_HEADERS });
}
