// npm run db:seed: creates or completes the demo studio. Idempotent.
import { closeDatabase, connect } from "../client";
import { migrateAll } from "../migrator";
import { seedDemoStudio } from "../seed";

const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write("DATABASE_URL is not set. `npm start` seeds its embedded database by itself.\n");
  process.exit(1);
}
const { client, db } = connect(url, { max: 2 });
try {
  await migrateAll(db);
  const { created } = await seedDemoStudio(db);
  process.stdout.write(created ? "Demo studio created.\n" : "Demo studio already present; missing pieces added.\n");
} finally {
  await client.end();
  await closeDatabase();
}
