import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { listClientsPage } from "~/models/client.server";
import { insertUser } from "~/models/user.server";
import { connect, database, type Executor } from "~db/client";
import { createTestStudio } from "../../test/factories";

/**
 * The client search the desk runs as the receptionist types (issue 17): the trigram indexes of
 * migration 0016 must find exactly what the plain ILIKE scan found, and the planner must use them.
 */
type Studio = Awaited<ReturnType<typeof createTestStudio>>;
let s: Studio;
const FILLERS = 3000;

beforeAll(async () => {
  s = await createTestStudio();
  const db = database();
  const { t } = s.tenant;
  // Enough clients for an index to be worth reading; none of them match the searches below (their
  // phones end in 0001 to 3000 after 207946).
  await db.execute(sql`
    INSERT INTO ${t.users} (full_name, email, phone, role, accessible_locations)
    SELECT 'Person ' || i, 'person' || i || '@example.test', '+44207946' || lpad(i::text, 4, '0'), 'client',
      ARRAY[${s.location.id}::uuid]
    FROM generate_series(1, ${FILLERS}) AS i`);
  const client = (fullName: string, email: string, phone: string | null) =>
    insertUser(db, s.tenant, { fullName, email, phone, role: "client", accessibleLocations: [s.location.id] });
  await client("Alistair Okafor", "al.okafor@example.com", "+447700900123");
  await client("Natalie Smith", "nat.smith@example.com", null);
  await client("Zoë Kowalski", "zoe.k@example.com", "+447700900777");
  // Typed before phones were stored as +44…: the digits still match.
  await client("Legacy Lloyd", "lloyd@example.com", "07700 900456");
  await client("Sam Lee", "sam.lee7391@example.com", "+447711111111");
  await client("Year Phone", "year.phone@example.com", "+447773910000");
  await db.execute(sql`ANALYZE ${t.users}`);
});

const filter = (search: string) => ({ search, locationIds: [s.location.id], assignedTo: null, limit: 25, offset: 0 });

/** The search with sequential scans priced out, so the answer comes through the indexes. */
async function searchByIndex(search: string) {
  return database().transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL enable_seqscan = off`);
    const { rows, total } = await listClientsPage(tx, s.tenant, filter(search));
    return { names: rows.map((row) => row.fullName), total };
  });
}

describe("client search through the trigram indexes", () => {
  test("finds a 3-letter piece of a name, a full email and a phone however it is typed", async () => {
    expect(await searchByIndex("ali")).toEqual({ names: ["Alistair Okafor", "Natalie Smith"], total: 2 });
    expect((await searchByIndex("SMI")).names).toEqual(["Natalie Smith"]);
    expect((await searchByIndex("ZOË")).names).toEqual(["Zoë Kowalski"]);
    expect((await searchByIndex("al.okafor@example.com")).names).toEqual(["Alistair Okafor"]);
    expect((await searchByIndex("7700 9001")).names).toEqual(["Alistair Okafor"]);
    // A UK number with its trunk 0 finds the stored +44, and the digits of a legacy number match.
    expect((await searchByIndex("07700900123")).names).toEqual(["Alistair Okafor"]);
    expect((await searchByIndex("07700 900 456")).names).toEqual(["Legacy Lloyd"]);
    expect((await searchByIndex("Person 2999")).total).toBe(1);
    expect((await searchByIndex("al_o")).names).toEqual([]);
  });

  test("the digits of an email are not a phone number", async () => {
    expect((await searchByIndex("sam.lee7391@example.com")).names).toEqual(["Sam Lee"]);
    expect((await searchByIndex("7391")).names).toEqual(["Sam Lee", "Year Phone"]);
  });
});

describe("the plans", () => {
  let handle: ReturnType<typeof connect>;
  beforeAll(() => {
    handle = connect(process.env.DATABASE_URL as string, { max: 1 });
  });
  afterAll(() => handle.client.end());

  /** The index names in the plans of the statements one search sends. */
  async function indexesUsed(search: string) {
    const statements: { query: string; params: unknown[] }[] = [];
    const logged = drizzle(handle.client, {
      logger: { logQuery: (query, params) => statements.push({ query, params }) },
    });
    await listClientsPage(logged as unknown as Executor, s.tenant, filter(search));
    const plans = await handle.client.begin(async (tx) => {
      await tx.unsafe("SET LOCAL enable_seqscan = off");
      const texts = [];
      for (const { query, params } of statements) {
        const rows = await tx.unsafe(`EXPLAIN ${query}`, params as never[]);
        texts.push(rows.map((row) => row["QUERY PLAN"]).join("\n"));
      }
      return texts;
    });
    return plans.map((plan) => [...new Set(plan.match(/users_\w+_idx/g))].sort());
  }

  test("a name, an email and a phone are each looked up in their index, for the page and its count", async () => {
    const byText = ["users_email_trgm_idx", "users_full_name_trgm_idx", "users_phone_trgm_idx"];
    expect(await indexesUsed("oka")).toEqual([byText, byText]);
    expect(await indexesUsed("al.okafor@example.com")).toEqual([byText, byText]);
    const byPhone = [...byText, "users_phone_digits_trgm_idx"].sort();
    expect(await indexesUsed("07700 900123")).toEqual([byPhone, byPhone]);
  });
});
