import { builder } from "../builder.ts";
import { AppError } from "../../errors.ts";
import { entityFor } from "../ids.ts";
import { loaders } from "../loaders.ts";
import { connection, pageArgs } from "../pagination.ts";
import { ArticleRef, connectionOf, EntityRef, QuoteRef } from "../refs.ts";
import type { QuoteRow } from "../../store/index.ts";
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
      resolve: async (q, _a, ctx) =>
        (await loaders.entity(ctx).load(q.speakerId)) ?? Promise.reject(new AppError("NOT_FOUND", `Speaker ${q.speakerId} vanished; ask again.`)),
    }),
    article: t.field({
      type: ArticleRef,
      description: "Where it was quoted.",
      resolve: async (q, _a, ctx) =>
        (await loaders.article(ctx).load(q.articleId)) ?? Promise.reject(new AppError("NOT_FOUND", `Article ${q.articleId} vanished; ask again.`)),
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
      speaker: t.arg.string({ description: "Speaker: an id, a name or an alias (one entity: the most mentioned with that name, as in `entity(name:)`)." }),
      search: t.arg.string({ description: "Words in the quote (full-text)." }),
      first: t.arg.int({ description: "Page size (default 20, at most 100)." }),
      after: t.arg.string({ description: "Cursor to continue after." }),
    },
    resolve: async (_r, args, ctx) => {
      const page = pageArgs(args);
      // The speaker's header comes with the lookup: a later `speaker { name }` costs no statement.
      const speaker = args.speaker == null ? null : await entityFor(ctx, args.speaker);
      if (args.speaker != null && !speaker) return connection<QuoteRow>([], 0, page);
      const found = await ctx.store.quotesSearch(
        { speakers: speaker ? [speaker.id] : null, search: args.search?.trim() ? luceneQuery(args.search) : null },
        page,
      );
      return connection(found.items, found.total, page);
    },
  }),
);
