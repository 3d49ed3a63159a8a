import { builder } from "../builder.ts";

interface Stats {
  articles: number;
  entities: number;
  relations: number;
}

const StatsRef = builder.objectRef<Stats>("Stats").implement({
  description: "Counts over the whole graph.",
  fields: (t) => ({
    articles: t.exposeInt("articles", { description: "Articles stored." }),
    entities: t.exposeInt("entities", { description: "Distinct people, organisations, places and groups." }),
    relations: t.exposeInt("relations", {
      description: "LEADS, CAPTURED, SUPPORTED_BY and QUOTED_IN assertions, one per article that makes them.",
    }),
  }),
});

builder.queryField("stats", (t) =>
  t.field({
    type: StatsRef,
    description: "How big the graph is.",
    resolve: async (_root, _args, ctx) => {
      return ctx.store.stats();
    },
  }),
);
