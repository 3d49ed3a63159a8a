/**
 * The query cost limit, computed on the operation as it will execute: with the request's variables
 * and the schema's argument defaults (graphql-query-complexity), not on the document alone. A page
 * size passed as a variable costs what the same literal costs, and every element of a list argument
 * (`mentions: [...]`, `from: [...]`) counts, so a request cannot buy thousands of lookups for free.
 *
 * The estimate is Armor's (objects 2, scalars 1, ×1.5 per level, a selection × its `first`/`last`
 * as executed: literal, variable or the schema's default) plus one per list element in a field's
 * arguments. It runs after validation (which yoga caches per document, so it cannot depend on
 * variables) and before any resolver.
 */
import {
  getOperationAST,
  Kind,
  OperationTypeNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type GraphQLSchema,
  type SelectionSetNode,
} from "graphql";
import { getComplexity, type ComplexityEstimator } from "graphql-query-complexity";
import { createGraphQLError, type Plugin } from "graphql-yoga";
import { operationOf } from "../api/operation.ts";
import { LIMIT_CODE } from "./limits.ts";

const OBJECT_COST = 2;
const SCALAR_COST = 1;
const DEPTH_FACTOR = 1.5;

/** How many list elements `v` holds, at any depth (an input object's lists included). Iterative: variables can be deep. */
export function listElements(v: unknown): number {
  let n = 0;
  const stack: unknown[] = [v];
  while (stack.length > 0) {
    const x = stack.pop();
    if (Array.isArray(x)) {
      n += x.length;
      stack.push(...(x as unknown[]));
    } else if (typeof x === "object" && x !== null) {
      stack.push(...(Object.values(x) as unknown[]));
    }
  }
  return n;
}

const estimate: ComplexityEstimator = ({ node, args, childComplexity }) => {
  const lists = listElements(args);
  if (!node.selectionSet) return SCALAR_COST + lists;
  const page = typeof args.first === "number" ? args.first : typeof args.last === "number" ? args.last : 1;
  return (OBJECT_COST + DEPTH_FACTOR * childComplexity) * Math.max(1, page) + lists;
};

/**
 * The cost of `operationName` in `document` with `variables`; undefined when the variables do not
 * fit the operation (execution then reports that, as BAD_USER_INPUT).
 */
export function queryCost(args: {
  schema: Parameters<typeof getComplexity>[0]["schema"];
  document: Parameters<typeof getComplexity>[0]["query"];
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}): number | undefined {
  if (!getOperationAST(args.document, args.operationName ?? undefined)) return undefined;
  try {
    return Math.round(
      getComplexity({
        estimators: [estimate],
        schema: args.schema,
        query: args.document,
        variables: args.variables ?? {},
        operationName: args.operationName ?? undefined,
      }),
    );
  } catch {
    return undefined;
  }
}

export function costError(max: number, cost: number): GraphQLError {
  return createGraphQLError(
    `Query cost limit of ${max} exceeded, found ${cost} (KG_MAX_COST; page sizes and list arguments count, whether literal or variables). Ask for smaller pages or fewer nested lists.`,
    {
      extensions: { code: LIMIT_CODE, http: { status: 400 } },
    },
  );
}

/** Introspection fields that return lists: the only ones that multiply an introspection answer. */
const INTROSPECTION_LISTS = new Set(["types", "fields", "inputFields", "args", "interfaces", "possibleTypes", "enumValues", "directives"]);
/** types → fields → args: the standard introspection query (graphql-js getIntrospectionQuery, GraphiQL). */
export const MAX_INTROSPECTION_LIST_NESTING = 3;

/**
 * For an operation that only asks introspection fields (`__schema`, `__type`, `__typename` at its
 * root), how deeply its list fields nest (fragments followed); undefined for any other operation.
 * Introspection reads the in-memory schema, never Neo4j, so the data-cost estimate above (which
 * prices the standard introspection query at ~11,300, over the default limit) does not apply to it;
 * its size is bounded instead by |types| × |fields| × |args| when list fields nest at most 3 deep
 * (`ofType` chains are single objects, linear in the token limit). graphql-js's own
 * MaxIntrospectionDepthRule (validation) already refuses `fields`/`interfaces`/`possibleTypes`/
 * `inputFields` repeated more than 3 deep; this also bounds mixed chains (types → fields → args →
 * enumValues).
 */
export function introspectionListNesting(document: DocumentNode, operationName?: string | null): number | undefined {
  const op = getOperationAST(document, operationName ?? undefined);
  if (!op || op.operation !== OperationTypeNode.QUERY) return undefined;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  // The root fields, through fragments and inline fragments.
  const rootFields: string[] = [];
  const collect = (set: SelectionSetNode, seen: Set<string>) => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) rootFields.push(sel.name.value);
      else if (sel.kind === Kind.INLINE_FRAGMENT) collect(sel.selectionSet, seen);
      else if (!seen.has(sel.name.value) && fragments.has(sel.name.value))
        collect(fragments.get(sel.name.value)!.selectionSet, new Set([...seen, sel.name.value]));
    }
  };
  collect(op.selectionSet, new Set());
  if (rootFields.length === 0 || !rootFields.every((f) => f === "__schema" || f === "__type" || f === "__typename")) return undefined;
  // Deepest list nesting; iterative, with the fragments on the current path (validation forbids cycles, this does not rely on it).
  let deepest = 0;
  const stack: Array<[SelectionSetNode, number, Set<string>]> = [[op.selectionSet, 0, new Set()]];
  while (stack.length > 0) {
    const [set, lists, path] = stack.pop()!;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const n = lists + (INTROSPECTION_LISTS.has(sel.name.value) ? 1 : 0);
        if (n > deepest) deepest = n;
        if (sel.selectionSet) stack.push([sel.selectionSet, n, path]);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        stack.push([sel.selectionSet, lists, path]);
      } else if (!path.has(sel.name.value) && fragments.has(sel.name.value)) {
        stack.push([fragments.get(sel.name.value)!.selectionSet, lists, new Set([...path, sel.name.value])]);
      }
    }
  }
  return deepest;
}

/**
 * Refuse, before any resolver runs, an operation whose cost with its variables is over `maxCost`.
 * An introspection-only operation is bounded by its list nesting instead (introspectionListNesting).
 */
export function useCostLimit(maxCost: number): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      // envelop types the execution arguments as any.
      const document = args.document as DocumentNode;
      const operationName = args.operationName as string | null | undefined;
      const verdict = memoisedVerdict(document, operationName, args.variableValues as Record<string, unknown> | undefined, () => {
        const nesting = introspectionListNesting(document, operationName);
        if (nesting !== undefined) return { nesting };
        const cost = queryCost({
          schema: args.schema as GraphQLSchema,
          document,
          variables: args.variableValues as Record<string, unknown> | undefined,
          operationName,
        });
        return { cost };
      });
      if (verdict.nesting !== undefined) {
        if (verdict.nesting > MAX_INTROSPECTION_LIST_NESTING) {
          setResultAndStopExecution({
            errors: [
              createGraphQLError(
                `Introspection list fields nest ${verdict.nesting} deep; at most ${MAX_INTROSPECTION_LIST_NESTING} (types → fields → args) are allowed.`,
                {
                  extensions: { code: LIMIT_CODE, http: { status: 400 } },
                },
              ),
            ],
          });
        }
        return;
      }
      if (verdict.cost !== undefined && verdict.cost > maxCost) setResultAndStopExecution({ errors: [costError(maxCost, verdict.cost)] });
    },
  };
}

/** What the cost limit found for one operation with one set of variables. */
interface CostVerdict {
  /** Set for an introspection-only operation. */
  nesting?: number;
  cost?: number;
}

/** Most (operation, variables) verdicts kept per document; variables longer than this (as JSON) are not memoised. */
const VERDICTS_PER_DOCUMENT = 32;
const MAX_MEMO_VARIABLES_CHARS = 2048;
const verdicts = new WeakMap<DocumentNode, Map<string, CostVerdict>>();

// Private: the verdict for (document, operation, variables), computed once: the estimate walks the
// whole document with type information (~0.15 ms a request), and yoga reuses one DocumentNode per
// query text, so a repeated question pays it once. Variables the operation declares are part of the key.
function memoisedVerdict(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
  compute: () => CostVerdict,
): CostVerdict {
  const declares = (operationOf(document, operationName)?.variableDefinitions?.length ?? 0) > 0;
  const vars = declares ? (JSON.stringify(variables ?? {}) ?? "") : "";
  if (vars.length > MAX_MEMO_VARIABLES_CHARS) return compute();
  const key = `${operationName ?? ""}\u0000${vars}`;
  let byKey = verdicts.get(document);
  if (!byKey) {
    byKey = new Map();
    verdicts.set(document, byKey);
  }
  let v = byKey.get(key);
  if (!v) {
    v = compute();
    if (byKey.size < VERDICTS_PER_DOCUMENT) byKey.set(key, v);
  }
  return v;
}
