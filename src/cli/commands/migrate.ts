import { resolveNeo4jConfig } from "../../config.ts";
import { Db } from "../../db/client.ts";
import { migrate } from "../../db/migrate.ts";

export async function runMigrate(_argv: string[]): Promise<number> {
  const db = new Db(await resolveNeo4jConfig({ local: { log: (l) => process.stderr.write(l + "\n") } }));
  try {
    await migrate(db);
    process.stdout.write("schema applied\n");
    return 0;
  } finally {
    await db.close();
  }
}
