import { builder } from "../builder.ts";
import { int } from "../../db/values.ts";
import { AppError } from "../../errors.ts";
import { entityKeysFor } from "../ids.ts";
import { loaders } from "../loaders.ts";
import { connection, pageArgs } from "../pagination.ts";
import { ArticleRef, connectionOf, EntityRef, QuoteRef } from "../refs.ts";
import type { QuoteRow } from "../rows.ts";
import { luceneQuery } from "./entity.ts";
import { NodeRef } from "./node.ts";

QuoteRef.implement({
  description: "Words someone was quoted saying in an article.",
  interfaces: [NodeRef],
  isTypeOf: (v) => typeof v === "object" && v !== null && "speakerId" in v,
  fields: (t) => ({
    text: t.exposeString("text", { description: "The quoted words, without quote marks." }),
    speaker: t.field({
      type: EntityRef,
      description: "Who said it.",
      resolve: async (q, _a, ctx) => (await loaders.entity(ctx).load(q.speakerId)) ?? Promise.reject(new AppError("NOT_FOUND", `Speaker ${q.speakerId} vanished; ask again.`)),
    }),
    article: t.field({
      type: ArticleRef,
      description: "Where it was quoted.",
      resolve: async (q, _a, ctx) => (await loaders.article(ctx).load(q.articleId)) ?? Promise.reject(new AppError("NOT_FOUND", `Article ${q.articleId} vanished; ask again.`)),
    }),
    sentence: t.exposeString("sentence", { nullable: true, description: "The sentence(s) holding the quote and its attribution." }),
    start: t.exposeInt("start", { description: "Offset of the evidence in the article text." }),
    end: t.exposeInt("end", { description: "End offset (exclusive)." }),
    confidence: t.exposeFloat("confidence", { description: "0 to 1: how sure the extractor is of the speaker." }),
  }),
});

const QuoteConnection = connectionOf("Quote", QuoteRef, "Quotes, best match then newest first.");

builder.queryField("quotes", (t) =>
  t.field({
    type: QuoteConnection,
    description: 'Quotes by speaker and/or words: `quotes(speaker: "James Jeffrey")`.',
    args: {
      speaker: t.arg.string({ description: "Speaker: an id, a name or an alias." }),
      search: t.arg.string({ description: "Words in the quote (full-text)." }),
      first: t.arg.int({ description: "Page size (default 20, at most 100)." }),
      after: t.arg.string({ description: "Cursor to continue after." }),
    },
    resolve: async (_r, args, ctx) => {
      const page = pageArgs(args);
      const speakers = args.speaker == null ? null : await entityKeysFor(ctx, args.speaker);
      if (speakers?.length === 0) return connection<QuoteRow>([], 0, page);
      const [row] = await ctx.db.read("quotesSearch", {
        speakers,
        search: args.search?.trim() ? luceneQuery(args.search) : null,
        offset: int(page.offset),
        limit: int(page.limit),
      });
      return connection((row?.items as unknown as QuoteRow[]) ?? [], Number(row?.total ?? 0), page);
    },
  }),
);
