// npm run db:migrate: control migrations, then every studio's schema. Needs DATABASE_URL
// (`npm start` provides an embedded database and migrates by itself).
import { connect } from "../client";
import { migrateAll } from "../migrator";

const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write("DATABASE_URL is not set. `npm start` migrates its embedded database by itself.\n");
  process.exit(1);
}
const { client, db } = connect(url, { max: 2 });
try {
  const report = await migrateAll(db);
  process.stdout.write(`${JSON.stringify(report)}\n`);
  if (report.failures.length) process.exitCode = 1;
} finally {
  await client.end();
}
