/**
 * Relay connections over offset pagination: cursors are opaque base64 of "offset:N";
 * `first` defaults to 20 and may not exceed 100.
 */
import { AppError } from "../errors.ts";

export const DEFAULT_PAGE = 20;
export const MAX_PAGE = 100;

export interface Page {
  offset: number;
  limit: number;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

export function offsetCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString("base64");
}

function cursorOffset(cursor: string): number {
  const m = /^offset:(\d{1,9})$/.exec(Buffer.from(cursor, "base64").toString());
  if (!m)
    throw new AppError("BAD_USER_INPUT", `"after" is not a cursor this API issued: "${cursor.slice(0, 40)}". Use pageInfo.endCursor of the previous page.`);
  return Number(m[1]);
}

/** Validate `first` / `after` and turn them into an offset and limit. */
export function pageArgs(args: { first?: number | null; after?: string | null }, max = MAX_PAGE, def = DEFAULT_PAGE): Page {
  const first = args.first ?? def;
  if (!Number.isInteger(first) || first < 0 || first > max) {
    throw new AppError("BAD_USER_INPUT", `"first" must be a whole number from 0 to ${max}, got ${first}.`);
  }
  const offset = args.after ? cursorOffset(args.after) + 1 : 0;
  return { offset, limit: first };
}

export function connection<T>(items: T[], total: number, page: Page): Connection<T> {
  const edges = items.map((node, i) => ({ cursor: offsetCursor(page.offset + i), node }));
  return {
    edges,
    totalCount: total,
    pageInfo: {
      hasNextPage: page.offset + items.length < total,
      hasPreviousPage: page.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
