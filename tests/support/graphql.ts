/** POST a GraphQL request to an app in-process (no socket) and return the parsed body. */
export interface GqlBody<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

import type { App } from "../../src/server/app.ts";

export async function gql<T = Record<string, unknown>>(
  app: App,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GqlBody<T>> {
  const res = await app.fetch("http://yoga/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as GqlBody<T>;
}
