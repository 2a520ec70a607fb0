import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { connect } from "~db/client";

/** An empty database on the test cluster, for tests that must start from nothing. */
export async function freshDatabase() {
  const url = new URL(process.env.DATABASE_URL as string);
  const name = `fresh_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  url.pathname = `/${name}`;
  const handle = connect(url.toString(), { max: 4 });
  return { ...handle, url: url.toString(), close: () => handle.client.end() };
}
