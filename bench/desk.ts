// npm run bench:desk
//
// The front desk on a busy studio, through the real built app on a fresh embedded PostgreSQL:
// 20,000 clients (bench/desk-people.ts), a location with 40 classes and 600 bookings today and
// two months of past classes behind them. Prints, in one run:
//   - a plain `SELECT 1` round trip, for scale;
//   - the desk's search, for a 3-letter prefix of a name, a full email and a phone fragment (varied
//     queries, each many times): p50/p95 of the model query and of the desk service in-process (so
//     the database's share shows), and of the search-as-you-type request over HTTP, goal p95 ≤ 50 ms;
//   - the desk page for that location: HTML bytes gzipped on the wire and its p50/p95.
import type { ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { findClientsMatching } from "../app/models/client.server";
import { insertService } from "../app/models/service.server";
import { insertUser } from "../app/models/user.server";
import { DESK_RESULTS, searchDesk } from "../app/services/desk/search.server";
import { hashPassword } from "../app/services/identity/password.server";
import { addDays, localInstant, todayIn } from "../app/services/schedule/local-time";
import type { Tenant } from "../app/services/tenancy/tenant.server";
import { closeDatabase, connect, type Db } from "../db/client";
import { type EmbeddedDatabase, freePort, startEmbeddedPostgres } from "../db/embedded";
import { migrateAll } from "../db/migrator";
import type { Location, Service, User } from "../db/schema/tenant";
import { type MadeUpClient, madeUpClients, pick, type Random, seededRandom } from "./desk-people";
import { deadline, exited, fmt, groupAlive, makeTempDir, percentile, signalGroup, startApp, Tail } from "./lib";
import { closeConnections, fetchRaw, signIn, studioTarget, type Target } from "./pages-measure";
import { provisionTwoLocations } from "./two-locations";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CLIENTS = 20_000;
const TODAY_CLASSES = 40;
const TODAY_PER_CLASS = 15;
const PAST_DAYS = 60;
const PAST_CLASSES_PER_DAY = 12;
const PAST_PER_CLASS = 12;
const QUERIES_PER_KIND = 60;
const ROUNDS = 3;
const PAGE_REQUESTS = 100;
const GOAL_MS = 50;
const RECEPTIONIST = { email: "rosa@desk.test", password: "desk-bench-password" };
const say = (line = "") => process.stdout.write(`${line}\n`);

/** Rows in batches: one multi-row INSERT per batch rather than one round trip per row. */
async function insertInBatches<Row>(rows: Row[], size: number, insert: (batch: Row[]) => Promise<unknown>) {
  for (let at = 0; at < rows.length; at += size) await insert(rows.slice(at, at + size));
}

/** `count` distinct picks from `items`. */
function sample<T>(random: Random, items: readonly T[], count: number): T[] {
  const chosen = new Set<T>();
  while (chosen.size < count) chosen.add(pick(random, items));
  return [...chosen];
}

async function seed(db: Db, random: Random) {
  const { tenant, locations } = await provisionTwoLocations(db, {
    name: "Desk Studio",
    slug: "desk",
    zone: "Europe/London",
  });
  const [main, second] = locations;
  const { t } = tenant;
  const services: Service[] = [];
  for (const name of ["Vinyasa Flow", "HIIT Express", "Reformer Pilates", "Spin 45", "Yin Yoga"]) {
    services.push(
      await insertService(db, tenant, {
        name,
        description: `${name} for all levels.`,
        type: "class",
        durationMinutes: 45,
        capacity: 20,
        priceMinor: 1200,
        locationIds: [main.id, second.id],
        bookingMode: "self_booking",
      }),
    );
  }
  const instructors: User[] = [];
  for (const name of ["Priya Shah", "Tom Baker", "Amara Okafor", "Ben Clarke", "Chloe Martin", "Dev Patel"]) {
    instructors.push(
      await insertUser(db, tenant, {
        email: `${name.split(" ")[0]?.toLowerCase()}@desk.test`,
        fullName: name,
        role: "instructor",
        accessibleLocations: [main.id, second.id],
      }),
    );
  }
  const receptionist = await insertUser(db, tenant, {
    email: RECEPTIONIST.email,
    fullName: "Rosa Desk",
    role: "receptionist",
    passwordHash: await hashPassword(RECEPTIONIST.password),
    primaryLocationId: main.id,
    accessibleLocations: [main.id],
  });

  // Most clients call one location home, some both, a few none yet (booked before homes existed).
  const homes = () => {
    const roll = random();
    return roll < 0.5 ? [main.id] : roll < 0.8 ? [second.id] : roll < 0.9 ? [main.id, second.id] : [];
  };
  const people = madeUpClients(CLIENTS, random).map((person) => ({ ...person, accessibleLocations: homes() }));
  await insertInBatches(people, 5000, (batch) =>
    db.execute(sql`
      INSERT INTO ${t.users} (full_name, email, phone, role, accessible_locations, primary_location_id)
      SELECT r.full_name, r.email, r.phone, 'client', r.homes, r.homes[1]
      FROM jsonb_to_recordset(${JSON.stringify(
        batch.map((p) => ({ full_name: p.fullName, email: p.email, phone: p.phone, homes: p.accessibleLocations })),
      )}::jsonb) AS r(full_name text, email text, phone text, homes uuid[])`),
  );
  const clientIds = (await db.select({ id: t.users.id }).from(t.users).where(sql`${t.users.role} = 'client'`)).map(
    (row) => row.id,
  );

  const today = todayIn(main.timezone);
  const occurrence = (location: Location, date: string, minutes: number, i: number) => {
    const time = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
    const startsAt = localInstant(date, time, location.timezone) as Date;
    return {
      serviceId: (services[i % services.length] as Service).id,
      locationId: location.id,
      instructorId: (instructors[i % instructors.length] as User).id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 45 * 60_000),
      capacity: 20,
    };
  };
  // Today: classes every 24 minutes from 06:00 (several rooms); two months before at both locations.
  const todays = Array.from({ length: TODAY_CLASSES }, (_, i) => occurrence(main, today, 6 * 60 + i * 24, i));
  const past = [];
  for (let day = 1; day <= PAST_DAYS; day++) {
    for (let i = 0; i < PAST_CLASSES_PER_DAY; i++) {
      past.push(occurrence(i % 3 === 0 ? second : main, addDays(today, -day), 7 * 60 + i * 75, i));
    }
  }
  const todaysRows = await db.insert(t.occurrences).values(todays).returning();
  const pastRows = [];
  for (let at = 0; at < past.length; at += 500) {
    pastRows.push(
      ...(await db
        .insert(t.occurrences)
        .values(past.slice(at, at + 500))
        .returning()),
    );
  }
  // Each booking names its class and client; the rest is the class's, filled in by the database.
  const bookings = [
    ...todaysRows.flatMap((o) =>
      sample(random, clientIds, TODAY_PER_CLASS).map((client) => ({ occurrence: o.id, client, status: "confirmed" })),
    ),
    ...pastRows.flatMap((o) =>
      sample(random, clientIds, PAST_PER_CLASS).map((client) => ({ occurrence: o.id, client, status: "completed" })),
    ),
  ];
  await insertInBatches(bookings, 5000, (batch) =>
    db.execute(sql`
      INSERT INTO ${t.bookings} (client_id, service_id, instructor_id, location_id, occurrence_id, starts_at, ends_at,
        status, booking_method, created_by_id)
      SELECT r.client, o.service_id, o.instructor_id, o.location_id, o.id, o.starts_at, o.ends_at,
        r.status, 'self_booked', r.client
      FROM jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) AS r(occurrence uuid, client uuid, status text)
      JOIN ${t.occurrences} o ON o.id = r.occurrence`),
  );
  // Statistics now, as autovacuum would soon: the planner sees 20,000 clients, not an empty table.
  await db.execute(sql`ANALYZE`);
  say(
    `studio "desk": ${CLIENTS} clients; ${main.name} has ${TODAY_CLASSES} classes and ${
      TODAY_CLASSES * TODAY_PER_CLASS
    } bookings today; ${pastRows.length} past classes with ${pastRows.length * PAST_PER_CLASS} bookings`,
  );
  // The desk looks for its own location's clients: the queries are drawn from those.
  const regulars = people.filter((person) => person.accessibleLocations.includes(main.id));
  return { tenant, receptionist, main, regulars };
}

type Kind = "3-letter prefix" | "full email" | "phone fragment";

/** Typed phone fragments of a stored +447…: the whole number with its trunk 0, "7700 9001", the last six. */
function phoneFragment(phone: string, i: number): string {
  const national = `0${phone.slice(3)}`;
  if (i % 3 === 0) return `${national.slice(0, 5)} ${national.slice(5)}`;
  if (i % 3 === 1) return `${national.slice(1, 5)} ${national.slice(5, 9)}`;
  return national.slice(-6);
}

/** Varied queries of each kind, as a receptionist types them, drawn from the studio's clients. */
function queries(random: Random, people: MadeUpClient[]): Record<Kind, string[]> {
  const withPhones = people.filter((person) => person.phone);
  return {
    "3-letter prefix": Array.from({ length: QUERIES_PER_KIND }, (_, i) => {
      const names = pick(random, people).fullName.split(" ");
      const name = (i % 2 === 0 ? names[0] : names.at(-1)) as string;
      return name.slice(0, 3).toLowerCase();
    }),
    "full email": Array.from({ length: QUERIES_PER_KIND }, () => pick(random, people).email),
    "phone fragment": Array.from({ length: QUERIES_PER_KIND }, (_, i) =>
      phoneFragment(pick(random, withPhones).phone as string, i),
    ),
  };
}

async function timed(times: number[], work: () => Promise<unknown>) {
  const started = performance.now();
  await work();
  times.push(performance.now() - started);
}

const line = (label: string, times: number[], goal?: number) => {
  const p95 = percentile(times, 95);
  const verdict = goal === undefined ? "" : p95 <= goal ? "  met" : "  MISSED";
  return `  ${label.padEnd(34)} p50 ${fmt(percentile(times, 50)).padStart(6)} ms  p95 ${fmt(p95).padStart(6)} ms${verdict}`;
};

/** The three layers of one search, timed apart so the figures say where the time goes. */
type Layer = "model query" | "desk service" | "GET as you type";
const LAYERS: Layer[] = ["model query", "desk service", "GET as you type"];

async function measureSearch(options: {
  db: Db;
  tenant: Tenant;
  receptionist: User;
  main: Location;
  target: Target;
  cookie: string;
  kinds: Record<Kind, string[]>;
}) {
  const { db, tenant, receptionist, main, target, cookie, kinds } = options;
  // What the desk's search field fetches as the receptionist types (Remix's fetcher adds _data).
  const typedPath = (q: string) =>
    `/desk?${new URLSearchParams({ location: main.id, q, part: "results", _data: "routes/desk" })}`;
  const run: Record<Layer, (q: string) => Promise<unknown>> = {
    "model query": (q) =>
      findClientsMatching(db, tenant, {
        search: q,
        locationIds: receptionist.accessibleLocations,
        assignedTo: null,
        limit: DESK_RESULTS,
        offset: 0,
      }),
    "desk service": (q) => searchDesk(tenant, receptionist, main.id, q),
    "GET as you type": async (q) => {
      const answer = await fetchRaw(target, typedPath(q), { cookie, encoding: "gzip" });
      if (answer.status !== 200) throw new Error(`GET ${typedPath(q)} answered ${answer.status}`);
    },
  };
  // Every query once before timing: each email search must find its client, and the server's
  // statements are prepared and its caches warm.
  for (const [kind, list] of Object.entries(kinds) as [Kind, string[]][]) {
    for (const q of list) {
      const found = await searchDesk(tenant, receptionist, main.id, q);
      if (kind === "full email" && !found.some((client) => client.email === q)) {
        throw new Error(`searching ${q} did not find its client`);
      }
      for (const layer of LAYERS) await run[layer](q);
    }
  }
  const selectOne: number[] = [];
  const times = new Map<string, number[]>();
  // Rounds interleave the kinds and layers, so a passing stall on this shared machine hits all alike.
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < QUERIES_PER_KIND; i++) await timed(selectOne, () => db.execute(sql`SELECT 1`));
    for (const [kind, list] of Object.entries(kinds) as [Kind, string[]][]) {
      for (const q of list) {
        for (const layer of LAYERS) {
          const key = `${kind}, ${layer}`;
          if (!times.has(key)) times.set(key, []);
          await timed(times.get(key) as number[], () => run[layer](q));
        }
      }
    }
  }
  say(
    `\nDesk search over ${CLIENTS} clients, as the receptionist at ${main.name} (${ROUNDS} × ${QUERIES_PER_KIND} varied queries of each kind):`,
  );
  say(line("SELECT 1 round trip", selectOne));
  for (const kind of Object.keys(kinds) as Kind[]) {
    for (const layer of LAYERS) {
      say(
        line(
          `${kind}, ${layer}`,
          times.get(`${kind}, ${layer}`) ?? [],
          layer === "GET as you type" ? GOAL_MS : undefined,
        ),
      );
    }
  }
  say(
    `  (model query: findClientsMatching, the query the desk sends; desk service: searchDesk, which adds today's bookings of`,
  );
  say(`   the results; GET: ${typedPath("…").replace("%E2%80%A6", "…")} over HTTP)`);
  say(`  examples: ${(Object.values(kinds) as string[][]).map((list) => `"${list[1]}"`).join(", ")}`);
}

async function measureDeskPage(target: Target, cookie: string, main: Location) {
  const deskPath = `/desk?${new URLSearchParams({ location: main.id })}`;
  const first = await fetchRaw(target, deskPath, { cookie, encoding: "gzip" });
  if (first.status !== 200) throw new Error(`GET ${deskPath} answered ${first.status}`);
  const times: number[] = [];
  for (let i = 0; i < PAGE_REQUESTS; i++) {
    await timed(times, () => fetchRaw(target, deskPath, { cookie, encoding: "gzip" }));
  }
  say(`\nDesk page for ${main.name}, ${TODAY_CLASSES} classes and ${TODAY_CLASSES * TODAY_PER_CLASS} bookings today:`);
  say(
    `  HTML ${Buffer.byteLength(first.text)} bytes, ${first.wire.length} bytes gzipped on the wire (${
      first.headers["content-encoding"] ?? "not compressed"
    })`,
  );
  say(line(`GET /desk (${PAGE_REQUESTS} requests)`, times));
}

async function main() {
  const tmp = await makeTempDir("wondrous-bench-desk");
  let pg: EmbeddedDatabase | undefined;
  let pool: ReturnType<typeof connect> | undefined;
  let server: ChildProcess | undefined;
  const serverOutput = new Tail(80);
  process.once("exit", () => {
    if (server?.pid && groupAlive(server.pid)) signalGroup(server.pid, "SIGKILL");
    rmSync(tmp, { recursive: true, force: true });
  });
  try {
    const started = performance.now();
    pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, "pg"), database: "bench", log: () => {} });
    // The services the bench calls in-process use the shared pool, as the app does.
    process.env.DATABASE_URL = pg.url;
    pool = connect(pg.url, { max: 2 });
    await migrateAll(pool.db);
    const random = seededRandom(17);
    const studio = await seed(pool.db, random);
    say(`seeded in ${fmt((performance.now() - started) / 1000, 1)} s`);

    const port = await freePort();
    server = await startApp({ root, databaseUrl: pg.url, port, output: serverOutput });
    const target = studioTarget(`http://localhost:${port}`, "desk");
    const cookie = await signIn(target, RECEPTIONIST);
    await measureSearch({ ...studio, db: pool.db, target, cookie, kinds: queries(random, studio.regulars) });
    await measureDeskPage(target, cookie, studio.main);
  } catch (error) {
    if (serverOutput.lines.length > 0) say(`server output:\n${serverOutput}`);
    throw error;
  } finally {
    closeConnections();
    const child = server;
    if (child?.pid) {
      child.kill("SIGTERM");
      if ((await Promise.race([exited(child), deadline(15_000)])) === "timeout") signalGroup(child.pid, "SIGKILL");
    }
    await closeDatabase();
    await pool?.client.end({ timeout: 5 }).catch(() => {});
    await pg?.stop().catch(() => {});
    await rm(tmp, { recursive: true, force: true });
  }
}

await main();
