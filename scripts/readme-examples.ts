/**
 * Runs the analyst questions of README.md against the configured Neo4j (the local server by
 * default) after loading data/samples, and prints each query with its real output as Markdown.
 * `npm run -s readme:examples > /tmp/examples.md` — then paste into README's "Example queries".
 */
import { pino } from "pino";
import { resolveNeo4jConfig } from "../src/config.ts";
import { Db } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import { readArticles } from "../src/input/read-articles.ts";
import { ingest } from "../src/ingest/pipeline.ts";
import { SAMPLES_DIR } from "../src/ingest/seed.ts";
import { createApp } from "../src/server/app.ts";
import { EXAMPLES } from "./readme-queries.ts";

const db = new Db(await resolveNeo4jConfig());
try {
  await migrate(db);
  await ingest(db, readArticles([SAMPLES_DIR]));
  const app = createApp({ db, log: pino({ level: "silent" }) });
  for (const ex of EXAMPLES) {
    const res = await app.fetch("http://yoga/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: ex.query }),
    });
    const body: unknown = await res.json();
    process.stdout.write(
      `### ${ex.title}\n\n\`\`\`graphql\n${ex.query.trim()}\n\`\`\`\n\n<details><summary>Output on the sample articles</summary>\n\n\`\`\`json\n${JSON.stringify(body, null, 2)}\n\`\`\`\n\n</details>\n\n`,
    );
  }
} finally {
  await db.close();
}
