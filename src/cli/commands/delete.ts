import { resolveNeo4jConfig } from "../../config.ts";
import { Db } from "../../db/client.ts";
import { deleteArticles } from "../../ingest/writer.ts";
import { parseCommandArgs } from "../args.ts";

export async function runDelete(argv: string[]): Promise<number> {
  const args = parseCommandArgs("kg delete", argv, { flags: ["help"] });
  const ids = args.positionals;
  if (args.flags.has("help") || ids.length === 0) {
    process.stderr.write("Usage: kg delete ARTICLE_ID…\nRemoves the articles, their mentions, relations and quotes, and entities no other article mentions.\n");
    return args.flags.has("help") ? 0 : 2;
  }
  const db = new Db(await resolveNeo4jConfig({ local: { log: (l) => process.stderr.write(l + "\n") } }));
  try {
    const found = await deleteArticles(db, ids);
    for (const id of ids) process.stdout.write(`${found.includes(id) ? "deleted" : "not found"} ${id}\n`);
    return found.length === ids.length ? 0 : 1;
  } finally {
    await db.close();
  }
}
