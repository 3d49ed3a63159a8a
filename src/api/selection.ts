/**
 * Looking ahead in the request: which child fields a resolver's caller selected, so one statement
 * can fetch what the next level will ask for. Kinds are compared as strings (no graphql import of
 * Kind) to stay independent of which graphql build loaded the document.
 */
import type { ASTNode, FieldNode, GraphQLResolveInfo, SelectionSetNode } from "graphql";

// Private: `node` is of AST kind `kind`, told by the kind's string (so no Kind enum is imported).
function isKind<K extends ASTNode["kind"]>(node: ASTNode, kind: `${K}`): node is Extract<ASTNode, { kind: K }> {
  return (node.kind as string) === kind;
}

// Private: the fields a selection set selects, through inline fragments and named fragments.
function fieldsOf(set: SelectionSetNode | undefined, info: GraphQLResolveInfo): FieldNode[] {
  if (!set) return [];
  return set.selections.flatMap((sel) => {
    if (isKind(sel, "Field")) return [sel];
    if (isKind(sel, "InlineFragment")) return fieldsOf(sel.selectionSet, info);
    const frag = info.fragments[sel.name.value];
    return frag ? fieldsOf(frag.selectionSet, info) : [];
  });
}

/**
 * The value of argument `arg` on every selection of the field at `path` below the current field
 * (one entry per selection; `undefined` where the argument is omitted): integers as numbers, enum
 * values and strings as strings, null as null, variables as the request gave them. Other literals
 * (lists, objects) are `undefined`: callers look ahead only for scalar arguments.
 *
 * @example argsAt(info, ["edges", "node", "article", "entities"], "type") // ["PERSON"] for `… article { entities(type: PERSON) { … } }`
 */
export function argsAt(info: GraphQLResolveInfo, path: string[], arg: string): unknown[] {
  let level: readonly FieldNode[] = info.fieldNodes;
  for (const name of path) level = level.flatMap((f) => fieldsOf(f.selectionSet, info)).filter((f) => f.name.value === name);
  return level.map((f) => {
    const a = f.arguments?.find((x) => x.name.value === arg);
    if (!a) return undefined;
    if (isKind(a.value, "IntValue")) return Number(a.value.value);
    if (isKind(a.value, "EnumValue") || isKind(a.value, "StringValue")) return a.value.value;
    if (isKind(a.value, "NullValue")) return null;
    if (isKind(a.value, "Variable")) return info.variableValues[a.value.name.value];
    return undefined;
  });
}

/**
 * The value of integer argument `arg` on every selection of the field at `path` below the current
 * field (one entry per selection; `undefined` where the argument is omitted or not an integer).
 *
 * @example intArgsAt(info, ["edges", "node", "evidence"], "first") // [3] for `edges { node { evidence(first: 3) { … } } }`
 */
export function intArgsAt(info: GraphQLResolveInfo, path: string[], arg: string): (number | undefined)[] {
  return argsAt(info, path, arg).map((v) => (typeof v === "number" ? v : undefined));
}
