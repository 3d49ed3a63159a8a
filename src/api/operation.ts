/**
 * The operation a request runs, found once per document: yoga keeps one parsed DocumentNode per
 * distinct query text (its parser cache), so the API-key check, the access log, the cost limit and
 * the response cache all ask this instead of each walking the document with getOperationAST.
 */
import { getOperationAST, type DocumentNode, type OperationDefinitionNode } from "graphql";

const byDocument = new WeakMap<DocumentNode, Map<string, OperationDefinitionNode | null>>();

/**
 * The operation `operationName` names in `document` (the only one when no name is given), or null
 * when there is no such operation. Memoised per document object.
 *
 * @example operationOf(args.document, args.operationName)?.operation // "query" | "mutation" | "subscription"
 */
export function operationOf(document: DocumentNode, operationName?: string | null): OperationDefinitionNode | null {
  let ops = byDocument.get(document);
  if (!ops) {
    ops = new Map();
    byDocument.set(document, ops);
  }
  const key = operationName ?? "";
  let op = ops.get(key);
  if (op === undefined) {
    op = getOperationAST(document, operationName ?? undefined) ?? null;
    // A document names few operations; a client cycling through made-up names gets no cache.
    if (ops.size < 16) ops.set(key, op);
  }
  return op;
}
