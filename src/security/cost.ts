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
import { getOperationAST, type GraphQLError } from "graphql";
import { getComplexity, type ComplexityEstimator } from "graphql-query-complexity";
import { createGraphQLError, type Plugin } from "graphql-yoga";
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
      stack.push(...x);
    } else if (typeof x === "object" && x !== null) {
      stack.push(...Object.values(x));
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
export function queryCost(args: { schema: Parameters<typeof getComplexity>[0]["schema"]; document: Parameters<typeof getComplexity>[0]["query"]; variables?: Record<string, unknown> | null; operationName?: string | null }): number | undefined {
  if (!getOperationAST(args.document, args.operationName ?? undefined)) return undefined;
  try {
    return Math.round(getComplexity({ estimators: [estimate], schema: args.schema, query: args.document, variables: args.variables ?? {}, operationName: args.operationName ?? undefined }));
  } catch {
    return undefined;
  }
}

export function costError(max: number, cost: number): GraphQLError {
  return createGraphQLError(`Query cost limit of ${max} exceeded, found ${cost} (KG_MAX_COST; page sizes and list arguments count, whether literal or variables). Ask for smaller pages or fewer nested lists.`, {
    extensions: { code: LIMIT_CODE, http: { status: 400 } },
  });
}

/** Refuse, before any resolver runs, an operation whose cost with its variables is over `maxCost`. */
export function useCostLimit(maxCost: number): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const cost = queryCost({ schema: args.schema, document: args.document, variables: args.variableValues as Record<string, unknown> | undefined, operationName: args.operationName });
      if (cost !== undefined && cost > maxCost) setResultAndStopExecution({ errors: [costError(maxCost, cost)] });
    },
  };
}
