import { sql } from "drizzle-orm";
import { database } from "~db/client";

export async function checkDatabase(): Promise<boolean> {
  try {
    await Promise.race([
      database().execute(sql`SELECT 1`),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 2000)),
    ]);
    return true;
  } catch {
    return false;
  }
}
