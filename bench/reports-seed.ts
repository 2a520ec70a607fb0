// The studio `npm run bench:reports` measures: three locations on three clocks, 12 instructors,
// 5,000 clients, a class timetable over the last two years and the next month, and its activity
// (bookings, credit packs and their ledger, payments and refunds, messages), all written by a few
// INSERT ... SELECT statements. Every "random" choice is a hash of a row's number
// (bench_seed.rnd), so each run builds the same studio whatever order rows come out in.
//
// Shortcuts, each leaving the data as the app would have it:
// - the activity is loaded with row triggers off (session_replication_role = replica, which also
//   skips foreign-key checks: every row is built by joining rows that exist), so
//   occurrences.booked_spots is then counted once from the live bookings (the trigger's own
//   rule), and credit grants are written with their final `remaining` beside ledger rows (grant,
//   spend, refund) that sum to it: a few statements, not a million row triggers;
// - no instructor_commitments: nothing in the reports reads them, and their exclusion constraint
//   would refuse two years of generated sessions that happen to overlap.
import { sql } from "drizzle-orm";
import { findActiveUserById } from "../app/models/user.server";
import { hashPassword } from "../app/services/identity/password.server";
import { createLocation } from "../app/services/studio/location-admin.server";
import { DEFAULT_OPERATING_HOURS, provisionStudio } from "../app/services/studio/provisioning.server";
import type { Tenant } from "../app/services/tenancy/tenant.server";
import type { Db } from "../db/client";
import type { User } from "../db/schema/tenant";
import { madeUpClients, seededRandom } from "./desk-people";

export const OWNER = { email: "owner@reports.test", password: "reports-bench-password" };
export const CLIENTS = 5_000;
const PLACES = [
  { name: "Covent Garden", timezone: "Europe/London", city: "London", postcode: "WC2E 9DD", country: "GB" },
  { name: "Berlin Mitte", timezone: "Europe/Berlin", city: "Berlin", postcode: "10115", country: "DE" },
  { name: "Brooklyn", timezone: "America/New_York", city: "New York", postcode: "11201", country: "US" },
] as const;
const INSTRUCTORS = [
  "Priya Shah",
  "Tom Baker",
  "Amara Okafor",
  "Ben Clarke",
  "Lena Vogel",
  "Jonas Becker",
  "Mia Schulz",
  "Emre Yilmaz",
  "Keisha Brown",
  "Diego Alvarez",
  "Hannah Kim",
  "Marcus Reed",
];
/** Class series per location: one for every (weekday, start time) below. */
const START_TIMES = ["06:30", "07:45", "09:30", "10:45", "12:15", "17:00", "18:15", "19:30", "20:30"];
/** One-to-one sessions drawn over the two years (those with a client not yet joined or gone are dropped). */
const SESSION_DRAWS = 56_000;

export type ReportsStudio = { tenant: Tenant; owner: User; locationIds: string[] };

/** The studio, its people and its timetable, and the list of bookings to draw its activity from. */
export async function seedStudio(db: Db): Promise<ReportsStudio> {
  const provisioned = await provisionStudio(db, {
    name: "Reports Studio",
    slug: "reports",
    owner: { fullName: "Olive Owner", email: OWNER.email, passwordHash: await hashPassword(OWNER.password) },
    location: {
      name: PLACES[0].name,
      timezone: PLACES[0].timezone,
      address: { line1: "1 Bench Street", city: PLACES[0].city, postcode: PLACES[0].postcode, country: "GB" },
    },
  });
  if (!provisioned.ok) throw new Error(`provisioning failed: ${provisioned.reason}`);
  const { tenant } = provisioned;
  const locationIds = [provisioned.location.id];
  for (const place of PLACES.slice(1)) {
    const created = await createLocation(tenant, provisioned.owner, {
      name: place.name,
      timezone: place.timezone,
      address: { line1: "1 Bench Street", city: place.city, postcode: place.postcode, country: place.country },
      operatingHours: DEFAULT_OPERATING_HOURS,
    });
    if (!created.ok) throw new Error(`location ${place.name}: ${created.reason}`);
    locationIds.push(created.location.id);
  }
  // Read again: creating the other locations gave the owner access to them.
  const owner = (await findActiveUserById(db, tenant, provisioned.owner.id)) as User;
  const people = madeUpClients(CLIENTS, seededRandom(18)).map((person, n) => ({ n, ...person }));
  const { t } = tenant;
  await db.transaction(async (tx) => {
    await tx.execute(sql`DROP SCHEMA IF EXISTS bench_seed CASCADE`);
    await tx.execute(sql`CREATE SCHEMA bench_seed`);
    // A number in [0, 1) from a row's key and a salt: the same every run, in any row order.
    await tx.execute(sql`CREATE FUNCTION bench_seed.rnd(k bigint, salt int) RETURNS double precision
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT (hashint8extended(k, salt) & 4294967295)::double precision / 4294967296.0 $$`);
    await tx.execute(sql`CREATE TABLE bench_seed.locs AS
      SELECT (v.idx - 1)::int AS idx, v.id::uuid AS id, l.timezone AS tz,
        (now() AT TIME ZONE l.timezone)::date AS today
      FROM unnest(${`{${locationIds.join(",")}}`}::uuid[]) WITH ORDINALITY AS v(id, idx)
      JOIN ${t.locations} AS l ON l.id = v.id`);

    // Clients: 40% London, 30% Berlin, 30% New York; 30% were here two years ago, the rest joined
    // since; one in six has stopped coming at some point after joining.
    await tx.execute(sql`CREATE TABLE bench_seed.clients AS
      SELECT r.n, r.full_name, r.email, r.phone,
        CASE WHEN bench_seed.rnd(r.n, 1) < 0.4 THEN 0 WHEN bench_seed.rnd(r.n, 1) < 0.7 THEN 1 ELSE 2 END AS loc,
        CASE WHEN bench_seed.rnd(r.n, 2) < 0.3 THEN now() - (730 + bench_seed.rnd(r.n, 3) * 90) * interval '1 day'
          ELSE now() - bench_seed.rnd(r.n, 3) * 730 * interval '1 day' END AS joined
      FROM jsonb_to_recordset(${JSON.stringify(
        people.map((p) => ({ n: p.n, full_name: p.fullName, email: p.email, phone: p.phone })),
      )}::jsonb) AS r(n int, full_name text, email text, phone text)`);
    await tx.execute(sql`ALTER TABLE bench_seed.clients
      ADD COLUMN stopped timestamptz, ADD COLUMN rank int, ADD COLUMN id uuid DEFAULT gen_random_uuid()`);
    await tx.execute(sql`UPDATE bench_seed.clients AS c
      SET stopped = CASE WHEN bench_seed.rnd(c.n, 4) < 0.16 THEN c.joined + (now() - c.joined) * bench_seed.rnd(c.n, 5) END,
        rank = r.rank
      FROM (SELECT n, (row_number() OVER (PARTITION BY loc ORDER BY n) - 1)::int AS rank FROM bench_seed.clients) AS r
      WHERE r.n = c.n`);
    await tx.execute(sql`INSERT INTO ${t.users} (id, full_name, email, phone, role, accessible_locations,
        primary_location_id, marketing_consent, created_at)
      SELECT c.id, c.full_name, c.email, c.phone, 'client', ARRAY[l.id], l.id, bench_seed.rnd(c.n, 6) < 0.6, c.joined
      FROM bench_seed.clients AS c JOIN bench_seed.locs AS l ON l.idx = c.loc`);
    // Each location's clients and the steps that walk all of them without repeats (coprime).
    await tx.execute(sql`ALTER TABLE bench_seed.locs ADD COLUMN clients int, ADD COLUMN steps int[]`);
    await tx.execute(sql`UPDATE bench_seed.locs AS l
      SET clients = (SELECT count(*) FROM bench_seed.clients AS c WHERE c.loc = l.idx)`);
    await tx.execute(sql`UPDATE bench_seed.locs AS l SET steps = (SELECT array_agg(p ORDER BY p)
      FROM unnest(ARRAY[7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59]) AS p WHERE gcd(p, l.clients) = 1)`);

    // Four instructors teach at each location.
    await tx.execute(sql`CREATE TABLE bench_seed.instructors AS
      SELECT (v.n - 1)::int AS n, v.name, ((v.n - 1) / 4)::int AS loc, gen_random_uuid() AS id
      FROM unnest(${`{${INSTRUCTORS.map((name) => `"${name}"`).join(",")}}`}::text[]) WITH ORDINALITY AS v(name, n)`);
    await tx.execute(sql`INSERT INTO ${t.users} (id, full_name, email, role, accessible_locations, primary_location_id,
        created_at)
      SELECT i.id, i.name, lower(replace(i.name, ' ', '.')) || '@reports.test', 'instructor', ARRAY[l.id], l.id,
        now() - interval '800 days'
      FROM bench_seed.instructors AS i JOIN bench_seed.locs AS l ON l.idx = i.loc`);

    await tx.execute(sql`CREATE TABLE bench_seed.services AS
      SELECT (v.n - 1)::int AS n, v.name, v.type, v.minutes, v.capacity, v.price, gen_random_uuid() AS id
      FROM (VALUES (1, 'Vinyasa Flow', 'class', 60, 20, 1500), (2, 'HIIT Express', 'class', 45, 20, 1200),
        (3, 'Reformer Pilates', 'class', 50, 12, 2400), (4, 'Spin 45', 'class', 45, 24, 1300),
        (5, 'Yin Yoga', 'class', 75, 18, 1500), (6, 'Barre', 'class', 55, 16, 1600),
        (7, 'Personal Training', 'session', 60, NULL, 6500), (8, 'Sports Massage', 'session', 45, NULL, 5500))
        AS v(n, name, type, minutes, capacity, price)`);
    await tx.execute(sql`INSERT INTO ${t.services} (id, name, type, duration_minutes, capacity, price_minor,
        location_ids, created_at)
      SELECT s.id, s.name, s.type, s.minutes, s.capacity, s.price, (SELECT array_agg(id ORDER BY idx) FROM bench_seed.locs),
        now() - interval '800 days'
      FROM bench_seed.services AS s`);
    await tx.execute(sql`INSERT INTO ${t.packages} (name, credits, price_minor, valid_days, created_at)
      VALUES ('10 classes', 10, 12000, 120, now() - interval '800 days'),
        ('5 classes', 5, 6500, 60, now() - interval '800 days')`);

    // The timetable: at each location a class at every start time on every weekday, from two
    // years (and a bit) ago to a month ahead; one in fifty occurrences was called off.
    await tx.execute(sql`CREATE TABLE bench_seed.series AS
      SELECT (l.idx * 100 + s)::int AS n, l.idx AS loc, 1 + s % 7 AS weekday,
        (${`{${START_TIMES.join(",")}}`}::time[])[1 + s / 7] AS start_time,
        (SELECT id FROM bench_seed.services WHERE n = (s * 5 + l.idx) % 6) AS service,
        (SELECT id FROM bench_seed.instructors WHERE n = l.idx * 4 + s % 4) AS instructor,
        gen_random_uuid() AS id
      FROM bench_seed.locs AS l CROSS JOIN generate_series(0, ${7 * START_TIMES.length - 1}) AS s`);
    await tx.execute(sql`INSERT INTO ${t.classSeries} (id, service_id, instructor_id, location_id, weekday, start_time,
        end_time, capacity, valid_from, created_at)
      SELECT se.id, se.service, se.instructor, l.id, se.weekday, se.start_time,
        se.start_time + sv.minutes * interval '1 minute', sv.capacity, l.today - 740, now() - interval '800 days'
      FROM bench_seed.series AS se JOIN bench_seed.locs AS l ON l.idx = se.loc
      JOIN bench_seed.services AS sv ON sv.id = se.service`);
    await tx.execute(sql`CREATE TABLE bench_seed.occ AS
      SELECT se.n::bigint * 100000 + (d - (l.today - 740)) AS n, se.loc, se.id AS series, se.service, se.instructor,
        l.id AS location, (d + se.start_time) AT TIME ZONE l.tz AS starts, sv.minutes, sv.capacity,
        gen_random_uuid() AS id
      FROM bench_seed.series AS se JOIN bench_seed.locs AS l ON l.idx = se.loc
      JOIN bench_seed.services AS sv ON sv.id = se.service
      CROSS JOIN LATERAL generate_series(0, 770) AS g(i)
      CROSS JOIN LATERAL (SELECT l.today - 740 + g.i AS d) AS dd
      WHERE extract(isodow FROM d) = se.weekday`);
    await tx.execute(sql`INSERT INTO ${t.occurrences} (id, series_id, service_id, location_id, instructor_id,
        starts_at, ends_at, capacity, status, created_at)
      SELECT o.id, o.series, o.service, o.location, o.instructor, o.starts, o.starts + o.minutes * interval '1 minute',
        o.capacity, CASE WHEN bench_seed.rnd(o.n, 9) < 0.02 THEN 'cancelled' ELSE 'scheduled' END,
        now() - interval '800 days'
      FROM bench_seed.occ AS o`);

    // The bookings to draw from, each with a place in one fixed order (pick): the studio with
    // 50,000 bookings is the first 50,000 of these, the one with 200,000 the first 200,000.
    // A class fills to 60-100% from its location's clients who had joined and not yet stopped.
    await tx.execute(sql`CREATE TABLE bench_seed.candidates AS
      SELECT o.n * 64 + k AS n, c.id AS client, c.n AS client_n, o.service, o.instructor, o.location, o.id AS occurrence,
        o.starts, o.starts + o.minutes * interval '1 minute' AS ends
      FROM bench_seed.occ AS o
      JOIN bench_seed.locs AS l ON l.idx = o.loc
      CROSS JOIN LATERAL generate_series(0, floor(o.capacity * (0.6 + 0.4 * bench_seed.rnd(o.n, 10)))::int - 1) AS k
      JOIN bench_seed.clients AS c ON c.loc = o.loc AND c.rank = (floor(bench_seed.rnd(o.n, 11) * l.clients)::int
        + k * l.steps[1 + floor(bench_seed.rnd(o.n, 12) * cardinality(l.steps))::int]) % l.clients
      WHERE bench_seed.rnd(o.n, 9) >= 0.02
        AND c.joined <= o.starts - interval '1 day' AND (c.stopped IS NULL OR o.starts < c.stopped)`);
    await tx.execute(sql`INSERT INTO bench_seed.candidates
      SELECT 1000000000000 + g, c.id, c.n, sv.id, i.id, l.id, NULL, s.starts, s.starts + sv.minutes * interval '1 minute'
      FROM generate_series(1, ${SESSION_DRAWS}) AS g
      JOIN bench_seed.locs AS l ON l.idx = g % 3
      JOIN bench_seed.services AS sv ON sv.n = CASE WHEN bench_seed.rnd(g, 20) < 0.7 THEN 6 ELSE 7 END
      JOIN bench_seed.instructors AS i ON i.n = l.idx * 4 + floor(bench_seed.rnd(g, 21) * 4)::int
      JOIN bench_seed.clients AS c ON c.loc = l.idx AND c.rank = floor(bench_seed.rnd(g, 22) * l.clients)::int
      CROSS JOIN LATERAL (SELECT ((l.today - 730 + floor(bench_seed.rnd(g, 23) * 760)::int)
        + (7 + floor(bench_seed.rnd(g, 24) * 13)::int) * interval '1 hour') AT TIME ZONE l.tz AS starts) AS s
      WHERE c.joined <= s.starts - interval '1 day' AND (c.stopped IS NULL OR s.starts < c.stopped)`);
    await tx.execute(sql`ALTER TABLE bench_seed.candidates ADD COLUMN pick bigint`);
    await tx.execute(sql`UPDATE bench_seed.candidates AS c SET pick = r.pick
      FROM (SELECT n, row_number() OVER (ORDER BY bench_seed.rnd(n, 30), n) AS pick FROM bench_seed.candidates) AS r
      WHERE r.n = c.n`);
    await tx.execute(sql`CREATE INDEX ON bench_seed.candidates (pick)`);
  });
  return { tenant, owner, locationIds };
}

/** How many bookings seedStudio can draw (those whose client was a member at the time). */
export async function candidateCount(db: Db): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM bench_seed.candidates`);
  return Number(row?.n ?? 0);
}

/**
 * The studio's activity with the first `bookings` candidates, replacing any before: bookings with
 * realistic statuses, the credit packs they spent and the ledger, package and session payments
 * (some refunded in full or in part, some failed), and a confirmation message for one booking in 50.
 */
export async function seedActivity(db: Db, { t }: Tenant, owner: User, bookings: number) {
  await db.transaction(async (tx) => {
    // Bulk load: no row triggers, foreign-key checks included (every row is built from rows that exist).
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    await tx.execute(sql`TRUNCATE ${t.outboxMessages}, ${t.refunds}, ${t.payments}, ${t.creditLedger},
      ${t.creditGrants}, ${t.bookings} CASCADE`);
    // Of every 100: 10 cancelled (3.5 of them late, the credit kept), 5 no-shows, 5 not marked
    // yet among the last two days' classes; the rest came. Booked up to 13 days ahead.
    // Rows go in in time order, as the app writes them: index scans over a time range then read
    // neighbouring pages, as they would in a real studio's tables.
    // Each random draw once per row: MATERIALIZED keeps PostgreSQL from copying the expressions
    // into every place that uses them. The check-in code is a hash of the row's number: the
    // column's default draws strong random bytes, the slowest part of loading 200,000 rows.
    await tx.execute(sql`INSERT INTO ${t.bookings} (client_id, service_id, instructor_id, location_id, occurrence_id,
        starts_at, ends_at, status, booking_method, created_by_id, cancelled_at, cancelled_by_id, cancel_reason,
        credit_forfeited, checked_in_at, attendance_marked_at, check_in_code, created_at, updated_at)
      WITH drawn AS MATERIALIZED (
        SELECT c.*, least(c.starts - interval '1 hour' - bench_seed.rnd(c.n, 31) * interval '13 days',
            now() - bench_seed.rnd(c.n, 32) * interval '3 days') AS made,
          bench_seed.rnd(c.n, 33) AS u, bench_seed.rnd(c.n, 34) AS v, bench_seed.rnd(c.n, 35) < 0.85 AS online
        FROM bench_seed.candidates AS c WHERE c.pick <= ${bookings}
      ),
      decided AS MATERIALIZED (
        SELECT d.*,
          CASE WHEN d.u < 0.10 THEN 'cancelled'
            WHEN d.starts >= now() THEN 'confirmed'
            WHEN d.u < 0.15 THEN 'no_show'
            WHEN d.u < 0.20 AND d.starts > now() - interval '2 days' THEN 'confirmed'
            WHEN d.ends > now() - interval '1 day' THEN 'checked_in'
            ELSE 'completed' END AS status,
          d.u < 0.035 AS late,
          CASE WHEN d.u < 0.035 THEN least(now(), greatest(d.made, d.starts - d.v * interval '20 hours'))
            WHEN d.u < 0.10 THEN least(now(), d.made + (greatest(d.starts - interval '25 hours', d.made) - d.made) * d.v)
            END AS cancelled_at
        FROM drawn AS d
      )
      SELECT d.client, d.service, d.instructor, d.location, d.occurrence, d.starts, d.ends, d.status,
        CASE WHEN d.online THEN 'self_booked' ELSE 'admin_created' END,
        CASE WHEN d.online THEN d.client ELSE ${owner.id}::uuid END,
        d.cancelled_at, CASE WHEN d.status = 'cancelled' THEN d.client END,
        CASE WHEN d.status = 'cancelled' THEN 'Can no longer come' END,
        d.status = 'cancelled' AND d.late,
        CASE WHEN d.status IN ('checked_in', 'completed') THEN d.starts - interval '10 minutes' END,
        CASE WHEN d.status IN ('completed', 'no_show') THEN d.ends + interval '30 minutes' END,
        upper(substr(md5(d.n::text), 1, 8)), d.made, coalesce(d.cancelled_at, d.made)
      FROM decided AS d ORDER BY d.made`);
    // The trigger's rule: every status but cancelled holds its places.
    await tx.execute(sql`UPDATE ${t.occurrences} AS o SET booked_spots = h.spots
      FROM (SELECT o2.id, coalesce(sum(b.spots_booked) FILTER (WHERE b.status <> 'cancelled'), 0)::int AS spots
        FROM ${t.occurrences} AS o2 LEFT JOIN ${t.bookings} AS b ON b.occurrence_id = o2.id GROUP BY o2.id) AS h
      WHERE h.id = o.id AND o.booked_spots <> h.spots`);

    // Class bookings spend a credit each, from packs bought just before the first of every ten;
    // a booking cancelled in time gives its credit back. A client's last pack is a 5-class pack
    // half the time it would do.
    await tx.execute(sql`CREATE TEMP TABLE spends ON COMMIT DROP AS
      SELECT b.id AS booking, b.client_id AS client, b.created_at, b.cancelled_at,
        b.status = 'cancelled' AND NOT b.credit_forfeited AS returned,
        ((row_number() OVER (PARTITION BY b.client_id ORDER BY b.created_at, b.starts_at) - 1) / 10)::int AS chunk
      FROM ${t.bookings} AS b WHERE b.occurrence_id IS NOT NULL`);
    await tx.execute(sql`CREATE TEMP TABLE packs ON COMMIT DROP AS
      SELECT s.client, c.n * 1000 + s.chunk AS n, c.loc, min(s.created_at) - interval '1 hour' AS bought,
        max(s.created_at) AS last_spent, count(*)::int AS spent, (count(*) FILTER (WHERE s.returned))::int AS returned,
        s.chunk, gen_random_uuid() AS id
      FROM spends AS s JOIN bench_seed.clients AS c ON c.id = s.client GROUP BY s.client, c.n, c.loc, s.chunk`);
    await tx.execute(sql`ALTER TABLE packs ADD COLUMN package uuid, ADD COLUMN credits int, ADD COLUMN price int,
      ADD COLUMN valid_days int`);
    await tx.execute(sql`UPDATE packs AS p SET package = k.id, credits = k.credits, price = k.price_minor,
        valid_days = k.valid_days
      FROM ${t.packages} AS k
      WHERE k.name = CASE WHEN p.spent <= 5 AND bench_seed.rnd(p.n, 40) < 0.5 THEN '5 classes' ELSE '10 classes' END`);
    await tx.execute(sql`INSERT INTO ${t.creditGrants} (id, client_id, package_id, name, expires_at, remaining, created_at)
      SELECT p.id, p.client, p.package, CASE WHEN p.credits = 10 THEN '10 classes' ELSE '5 classes' END,
        greatest(p.bought + p.valid_days * interval '1 day', p.last_spent + interval '1 day'),
        p.credits - p.spent + p.returned, p.bought
      FROM packs AS p`);
    await tx.execute(sql`INSERT INTO ${t.creditLedger} (client_id, grant_id, booking_id, delta, kind, reason, actor_id,
        created_at)
      SELECT p.client, p.id, NULL, p.credits, 'grant', 'Bought ' || p.credits || ' classes', p.client, p.bought
      FROM packs AS p
      UNION ALL
      SELECT s.client, p.id, s.booking, -1, 'spend', 'Booked a class', s.client, s.created_at
      FROM spends AS s JOIN packs AS p ON p.client = s.client AND p.chunk = s.chunk
      UNION ALL
      SELECT s.client, p.id, s.booking, 1, 'refund', 'Cancelled in time', s.client, s.cancelled_at
      FROM spends AS s JOIN packs AS p ON p.client = s.client AND p.chunk = s.chunk WHERE s.returned
      ORDER BY 8`);

    // Each pack was paid for: 60% online (a third of those studio-wide, with no location), the
    // rest at the desk by card, cash or terminal; 1 in 50 online attempts failed first.
    await tx.execute(sql`INSERT INTO ${t.payments} (client_id, kind, method, status, amount_minor, currency,
        application_fee_minor, description, package_id, credit_grant_id, location_id, taken_by_id,
        stripe_payment_intent_id, paid_at, created_at, updated_at)
      SELECT p.client, 'package', m.method, 'succeeded', p.price, 'GBP',
        CASE WHEN m.method = 'online_card' THEN p.price / 100 ELSE 0 END,
        CASE WHEN p.credits = 10 THEN '10 classes' ELSE '5 classes' END, p.package, p.id,
        CASE WHEN m.method = 'online_card' AND bench_seed.rnd(p.n, 42) < 0.33 THEN NULL ELSE l.id END,
        CASE WHEN m.method = 'online_card' THEN p.client ELSE ${owner.id}::uuid END,
        CASE WHEN m.method = 'online_card' THEN 'pi_bench_' || p.n END, p.bought, p.bought, p.bought
      FROM packs AS p JOIN bench_seed.locs AS l ON l.idx = p.loc
      CROSS JOIN LATERAL (SELECT CASE WHEN bench_seed.rnd(p.n, 41) < 0.6 THEN 'online_card'
        WHEN bench_seed.rnd(p.n, 41) < 0.85 THEN 'desk_card' WHEN bench_seed.rnd(p.n, 41) < 0.95 THEN 'cash'
        ELSE 'terminal' END AS method) AS m
      UNION ALL
      SELECT p.client, 'package', 'online_card', 'failed', p.price, 'GBP', 0,
        CASE WHEN p.credits = 10 THEN '10 classes' ELSE '5 classes' END, p.package, NULL, NULL, p.client,
        'pi_bench_failed_' || p.n, NULL, p.bought - interval '5 minutes', p.bought - interval '5 minutes'
      FROM packs AS p WHERE bench_seed.rnd(p.n, 43) < 0.02
      ORDER BY 15`);
    // Sessions are paid online when booked; one cancelled in time is refunded in full.
    await tx.execute(sql`INSERT INTO ${t.payments} (client_id, kind, method, status, amount_minor, currency,
        application_fee_minor, refunded_minor, description, booking_id, location_id, taken_by_id,
        stripe_payment_intent_id, paid_at, created_at, updated_at)
      SELECT b.client_id, 'booking', 'online_card', 'succeeded', s.price_minor, 'GBP', s.price_minor / 100,
        CASE WHEN b.status = 'cancelled' AND NOT b.credit_forfeited THEN s.price_minor ELSE 0 END,
        s.name, b.id, b.location_id, b.client_id, 'pi_bench_' || b.id, b.created_at, b.created_at, b.created_at
      FROM ${t.bookings} AS b JOIN ${t.services} AS s ON s.id = b.service_id
      WHERE b.occurrence_id IS NULL ORDER BY b.created_at`);
    await tx.execute(sql`INSERT INTO ${t.refunds} (payment_id, amount_minor, status, reason, actor_id, created_at,
        updated_at)
      SELECT pay.id, pay.amount_minor, 'succeeded', 'Cancelled in time', b.client_id, b.cancelled_at, b.cancelled_at
      FROM ${t.payments} AS pay JOIN ${t.bookings} AS b ON b.id = pay.booking_id
      WHERE pay.kind = 'booking' AND pay.refunded_minor > 0`);
    // Packs: 3% refunded in full, 4% in part (half), 0.5% a refund that failed (nothing moved).
    await tx.execute(sql`CREATE TEMP TABLE pack_refunds ON COMMIT DROP AS
      SELECT pay.id AS payment, pay.amount_minor, pay.paid_at, bench_seed.rnd(substr(pay.stripe_payment_intent_id, 10)::bigint, 44) AS u
      FROM ${t.payments} AS pay
      WHERE pay.kind = 'package' AND pay.status = 'succeeded' AND pay.stripe_payment_intent_id LIKE 'pi_bench_%'`);
    await tx.execute(sql`INSERT INTO ${t.refunds} (payment_id, amount_minor, status, reason, actor_id, created_at,
        updated_at)
      SELECT r.payment, CASE WHEN r.u < 0.03 THEN r.amount_minor ELSE r.amount_minor / 2 END,
        CASE WHEN r.u < 0.07 THEN 'succeeded' ELSE 'failed' END,
        CASE WHEN r.u < 0.03 THEN 'Moving away' ELSE 'Goodwill' END, ${owner.id}::uuid,
        least(now(), r.paid_at + interval '3 days'), least(now(), r.paid_at + interval '3 days')
      FROM pack_refunds AS r WHERE r.u < 0.075`);
    await tx.execute(sql`UPDATE ${t.payments} AS pay SET refunded_minor = r.amount
      FROM (SELECT payment_id, sum(amount_minor)::int AS amount FROM ${t.refunds} WHERE status = 'succeeded'
        GROUP BY payment_id) AS r
      WHERE r.payment_id = pay.id AND pay.kind = 'package'`);

    await tx.execute(sql`INSERT INTO ${t.outboxMessages} (channel, recipient, subject, body, template, status, attempts,
        user_id, booking_id, location_id, created_at, updated_at, sent_at)
      SELECT 'email', u.email, 'Your booking is confirmed', 'See you at ' || to_char(b.starts_at, 'HH24:MI'),
        'booking_confirmed', 'sent', 1, u.id, b.id, b.location_id, b.created_at, b.created_at,
        b.created_at + interval '5 seconds'
      FROM (SELECT b.*, row_number() OVER (ORDER BY b.created_at, b.starts_at) AS n FROM ${t.bookings} AS b) AS b
      JOIN ${t.users} AS u ON u.id = b.client_id
      WHERE b.n % 50 = 0`);
  });
  // As autovacuum would soon: statistics for the planner, and the visibility map that lets an
  // index answer alone.
  await db.execute(sql`VACUUM ANALYZE`);
}

/** What seedActivity wrote, for the bench's heading. */
export async function activityCounts(db: Db, { t }: Tenant) {
  const [row] = await db.execute<Record<string, number>>(sql`SELECT
    (SELECT count(*) FROM ${t.bookings})::int AS bookings,
    (SELECT count(*) FROM ${t.bookings} WHERE status = 'cancelled')::int AS cancelled,
    (SELECT count(*) FROM ${t.bookings} WHERE credit_forfeited)::int AS late,
    (SELECT count(*) FROM ${t.bookings} WHERE status = 'no_show')::int AS no_shows,
    (SELECT count(*) FROM ${t.occurrences})::int AS classes,
    (SELECT count(*) FROM ${t.payments})::int AS payments,
    (SELECT count(*) FROM ${t.refunds})::int AS refunds,
    (SELECT count(*) FROM ${t.creditGrants})::int AS grants,
    (SELECT count(*) FROM ${t.creditLedger})::int AS ledger,
    (SELECT count(*) FROM ${t.outboxMessages})::int AS messages`);
  return row as Record<string, number>;
}
