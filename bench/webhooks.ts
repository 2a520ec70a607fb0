// npm run bench:webhooks [-- --fast]
//
// Stripe webhooks (issue 15) against the built app on a fresh embedded PostgreSQL, with a fake
// Stripe (it lists a charge's refunds and plays Checkout). Two identical studios, X and Y, each
// on its own connected account, sell packages and class places held while paying; the same
// story happens in both (paid, expired, declined then paid, refunded in Stripe's dashboard,
// disputed, the account updated twice), producing the same events for each:
//   1. X: every event plus 10% duplicates, shuffled, posted by 20 concurrent senders (a 503 is
//      sent again, as Stripe would): events per second, p50/p95 ms;
//   2. Y: the same distinct events once, in order, one at a time;
//   3. the final states of X and Y, with ids replaced by the story's own numbering, must be
//      identical (payments, refunds, credits, bookings, places taken, the account): exit 1 if not.
// --fast: 200 events instead of 1,000.
import type { ChildProcess } from "node:child_process";
import { rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { asc, eq, sql } from "drizzle-orm";
import Stripe from "stripe";
import { findStudioById } from "../app/models/organization.server";
import { insertPackage } from "../app/models/package.server";
import { findPayment, insertPayment } from "../app/models/payment.server";
import { holdClassForPayment } from "../app/services/booking/engine.server";
import { onlinePayments, openCheckout } from "../app/services/payments/checkout.server";
import { type FakeStripe, fakeStripe } from "../app/services/payments/fake-stripe.test-helper";
import { provisionStudio } from "../app/services/studio/provisioning.server";
import { type Tenant, tenantFor } from "../app/services/tenancy/tenant.server";
import { closeDatabase, connect, type Db } from "../db/client";
import { type EmbeddedDatabase, freePort, startEmbeddedPostgres } from "../db/embedded";
import { migrateAll } from "../db/migrator";
import { organizations, stripeEvents } from "../db/schema/control";
import type { User } from "../db/schema/tenant";
import { fmt, httpRequest, makeTempDir, percentile, seconds, startApp, Tail } from "./lib";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const FAST = process.argv.includes("--fast");
const TOTAL = FAST ? 200 : 1000;
const DISTINCT = Math.round(TOTAL / 1.1);
const SENDERS = 20;
const CLASSES = FAST ? 4 : 12;
const CLASS_CAPACITY = 8;
const SECRET = "whsec_bench_webhooks_at_least_24_characters";
const WEBHOOK_PATH = "/api/payments/webhooks/stripe";
const PACKAGE_MINOR = 5000;
const PLACE_MINOR = 1200;

const say = (line = "") => process.stdout.write(`${line}\n`);

/** A seeded shuffle (mulberry32), so a run can be repeated. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function shuffled<T>(items: T[], seed: number): T[] {
  const next = random(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

type Studio = {
  name: string;
  tenant: Tenant;
  accountId: string;
  packageId: string;
  classIds: string[];
  clients: User[];
  /** The story's purchase number -> payment id. */
  payments: string[];
  events: Stripe.Event[];
};

async function makeStudio(db: Db, stripe: FakeStripe, name: string, clients: number): Promise<Studio> {
  const slug = `bench-${name.toLowerCase()}`;
  const outcome = await provisionStudio(db, {
    name: `Bench Studio ${name}`,
    slug,
    owner: { fullName: `Owner ${name}`, email: `owner-${slug}@bench.test`, passwordHash: "not-used" },
    location: {
      name: "Main room",
      timezone: "Europe/London",
      address: { line1: "1 Bench Street", city: "London", postcode: "N1 1AA", country: "GB" },
    },
  });
  if (!outcome.ok) throw new Error(`provisioning ${slug}: ${outcome.reason}`);
  const account = stripe.connectedAccount({ studio: slug });
  await db
    .update(organizations)
    .set({ stripeAccountId: account.id, stripeChargesEnabled: true, stripeDetailsSubmitted: true })
    .where(eq(organizations.id, outcome.tenant.studio.id));
  const tenant = tenantFor((await findStudioById(db, outcome.tenant.studio.id))!);
  const { t } = tenant;
  const location = outcome.location;
  const pack = await insertPackage(db, tenant, {
    name: "Five classes",
    credits: 5,
    priceMinor: PACKAGE_MINOR,
    validDays: 60,
    locationIds: [],
    serviceIds: [],
  });
  const [service] = await db
    .insert(t.services)
    .values({
      name: "Bench Yoga",
      type: "class",
      durationMinutes: 60,
      capacity: CLASS_CAPACITY,
      priceMinor: PLACE_MINOR,
      locationIds: [location.id],
    })
    .returning();
  if (!service) throw new Error("no service");
  const start = Date.now() + 7 * 86_400_000;
  const classes = await db
    .insert(t.occurrences)
    .values(
      Array.from({ length: CLASSES }, (_, i) => ({
        serviceId: service.id,
        locationId: location.id,
        instructorId: outcome.owner.id,
        startsAt: new Date(start + i * 3_600_000),
        endsAt: new Date(start + i * 3_600_000 + 3_600_000),
        capacity: CLASS_CAPACITY,
      })),
    )
    .returning();
  const people = await db
    .insert(t.users)
    .values(
      Array.from({ length: clients }, (_, i) => ({
        email: `client-${i}-${slug}@bench.test`,
        fullName: `Client ${i}`,
        role: "client" as const,
        primaryLocationId: location.id,
        accessibleLocations: [location.id],
      })),
    )
    .returning();
  return {
    name,
    tenant,
    accountId: account.id,
    packageId: pack.id,
    classIds: classes.map((c) => c.id),
    clients: people,
    payments: [],
    events: [],
  };
}

// --- the story ---------------------------------------------------------------------------------

type Plot =
  | "paid"
  | "place-paid"
  | "place-expired"
  | "refunded-part"
  | "refunded-all"
  | "declined-then-paid"
  | "disputed";
const PLOTS: Plot[] = [
  "paid",
  "paid",
  "paid",
  "place-paid",
  "place-expired",
  "refunded-part",
  "refunded-all",
  "declined-then-paid",
  "disputed",
  "paid",
];
const EVENTS_OF: Record<Plot, number> = {
  paid: 2,
  "place-paid": 2,
  "place-expired": 1,
  "refunded-part": 3,
  "refunded-all": 3,
  "declined-then-paid": 3,
  disputed: 3,
};

/** Opens Checkout for purchase `n` in a studio: a package, or a class place held while paying. */
async function open(studio: Studio, stripe: FakeStripe, n: number, plot: Plot, placeNo: number) {
  const { tenant } = studio;
  const online = await onlinePayments(tenant);
  if (!online.ready) throw new Error(online.reason);
  const client = studio.clients[n] as User;
  let paymentId = "";
  if (plot.startsWith("place")) {
    const occurrenceId = studio.classIds[placeNo % studio.classIds.length] as string;
    await holdClassForPayment(tenant, client, { occurrenceId }, {}, async (tx, booking) => {
      const row = await insertPayment(tx, tenant, {
        clientId: client.id,
        kind: "booking",
        method: "online_card",
        status: "open",
        amountMinor: PLACE_MINOR,
        currency: "GBP",
        applicationFeeMinor: 35,
        description: "Bench Yoga",
        bookingId: booking.id,
        locationId: booking.locationId,
        takenById: client.id,
      });
      paymentId = row.id;
    });
  } else {
    const row = await insertPayment(db(), tenant, {
      clientId: client.id,
      kind: "package",
      method: "online_card",
      status: "open",
      amountMinor: PACKAGE_MINOR,
      currency: "GBP",
      applicationFeeMinor: 145,
      description: "Five classes",
      packageId: studio.packageId,
      takenById: client.id,
    });
    paymentId = row.id;
  }
  const payment = await findPayment(db(), tenant, paymentId);
  await openCheckout(tenant, online, payment!, { cancel: "/packages" });
  studio.payments[n] = paymentId;
  const session = [...stripe.sessions.values()].find((s) => s.metadata.payment_id === paymentId);
  if (!session) throw new Error("no session");
  return session;
}

/** Plays purchase `n` in the fake Stripe; the events it sends, in Stripe's order. */
async function play(studio: Studio, stripe: FakeStripe, n: number, plot: Plot, placeNo: number) {
  const session = await open(studio, stripe, n, plot, placeNo);
  const before = stripe.events.length;
  if (plot === "place-expired") {
    await stripe.expire(session.id);
  } else {
    if (plot === "declined-then-paid") {
      const declined = stripe.event(
        "payment_intent.payment_failed",
        {
          id: `pi_declined_${n}`,
          object: "payment_intent",
          status: "requires_payment_method",
          metadata: session.metadata,
          last_payment_error: { message: "Your card was declined." },
        },
        studio.accountId,
      );
      await stripe.deliver(declined);
    }
    const paid = await stripe.pay(session.id);
    const intent = paid.payment_intent as string;
    if (plot === "refunded-part") await stripe.refundInDashboard(intent, 2000);
    if (plot === "refunded-all") await stripe.refundInDashboard(intent);
    if (plot === "disputed")
      await stripe.deliver(
        stripe.event(
          "charge.dispute.created",
          {
            id: `dp_${n}_${studio.name}`,
            object: "dispute",
            amount: PACKAGE_MINOR,
            currency: "gbp",
            charge: stripe.charges.get(intent),
            payment_intent: intent,
            reason: "fraudulent",
            status: "needs_response",
          },
          studio.accountId,
        ),
      );
  }
  studio.events.push(...stripe.events.slice(before));
}

/** Two account.updated events, an hour apart in Stripe's time: the later says charges are off. */
function accountUpdates(studio: Studio, stripe: FakeStripe) {
  const base = Math.floor(Date.now() / 1000);
  const account = stripe.accounts.get(studio.accountId)!;
  const of = (charges: boolean, created: number) =>
    ({
      ...stripe.event("account.updated", { ...account, charges_enabled: charges }, account.id),
      created,
    }) as Stripe.Event;
  studio.events.push(of(true, base - 3600), of(false, base));
}

// --- delivery ----------------------------------------------------------------------------------

type Sent = { ms: number; status: number; outcome: string; duplicate: boolean };

async function post(port: number, agent: http.Agent, event: Stripe.Event): Promise<Sent> {
  const body = JSON.stringify(event);
  const signature = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET });
  const started = performance.now();
  const answer = await httpRequest({
    port,
    host: `localhost:${port}`,
    method: "POST",
    path: WEBHOOK_PATH,
    headers: { "content-type": "application/json", "stripe-signature": signature },
    body,
    agent,
  });
  const ms = performance.now() - started;
  const parsed = JSON.parse(answer.body) as { outcome?: string; duplicate?: boolean; code?: string };
  return {
    ms,
    status: answer.status,
    outcome: parsed.outcome ?? parsed.code ?? "?",
    duplicate: parsed.duplicate === true,
  };
}

/** Sends every event with `senders` at once; one answered 503 goes back in the queue, as Stripe retries. */
async function deliverAll(port: number, events: Stripe.Event[], senders: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: senders });
  const queue = [...events];
  const sent: Sent[] = [];
  let retries = 0;
  const started = performance.now();
  const sender = async () => {
    for (;;) {
      const event = queue.shift();
      if (!event) return;
      const result = await post(port, agent, event);
      sent.push(result);
      if (result.status === 503) {
        retries++;
        queue.push(event);
      } else if (result.status !== 200) throw new Error(`event ${event.id}: ${result.status} ${result.outcome}`);
    }
  };
  await Promise.all(Array.from({ length: senders }, sender));
  agent.destroy();
  return { sent, retries, ms: performance.now() - started };
}

function report(label: string, run: Awaited<ReturnType<typeof deliverAll>>) {
  const ms = run.sent.map((s) => s.ms);
  const counts = new Map<string, number>();
  for (const s of run.sent) {
    const key = `${s.status} ${s.duplicate ? "duplicate" : s.outcome}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const answers = [...counts]
    .sort()
    .map(([k, n]) => `${k} x${n}`)
    .join(", ");
  say(
    `${label}: ${run.sent.length} requests in ${seconds(run.ms)}: ${fmt((run.sent.length / run.ms) * 1000, 1)} events/s, ` +
      `p50 ${fmt(percentile(ms, 50), 1)} ms, p95 ${fmt(percentile(ms, 95), 1)} ms, p99 ${fmt(percentile(ms, 99), 1)} ms, ` +
      `max ${fmt(Math.max(...ms), 1)} ms; 503s sent again: ${run.retries}`,
  );
  say(`  answers: ${answers}`);
}

// --- final state ---------------------------------------------------------------------------------

/** The studio's state with its ids replaced by the story's numbering (purchase n, class k). */
async function finalState(studio: Studio) {
  const { t } = studio.tenant;
  const number = new Map(studio.payments.map((id, n) => [id, n]));
  const clientNo = new Map(studio.clients.map((c, n) => [c.id, n]));
  const classNo = new Map(studio.classIds.map((id, n) => [id, n]));
  const payments = await db().select().from(t.payments);
  const refunds = await db().select().from(t.refunds).orderBy(asc(t.refunds.amountMinor));
  const bookings = await db().select().from(t.bookings);
  const grants = await db()
    .select({ clientId: t.creditGrants.clientId, remaining: sql<number>`sum(${t.creditGrants.remaining})::int` })
    .from(t.creditGrants)
    .groupBy(t.creditGrants.clientId);
  const occurrences = await db().select().from(t.occurrences);
  const [org] = await db().select().from(organizations).where(eq(organizations.id, studio.tenant.studio.id));
  const byPayment = payments
    .map((p) => ({
      n: number.get(p.id),
      kind: p.kind,
      status: p.status,
      refundedMinor: p.refundedMinor,
      failureMessage: p.failureMessage,
      disputed: p.disputedAt !== null,
      disputeReason: p.disputeReason,
      needsAttention: p.needsAttention,
      linked: [p.stripePaymentIntentId !== null, p.stripeChargeId !== null, p.creditGrantId !== null],
      paid: p.paidAt !== null,
      refunds: refunds
        .filter((r) => r.paymentId === p.id)
        .map((r) => [r.amountMinor, r.status, r.reason, r.creditsRemoved, r.stripeRefundId !== null]),
      booking: bookings.find((b) => b.id === p.bookingId)?.status ?? null,
    }))
    .sort((a, b) => (a.n ?? -1) - (b.n ?? -1));
  return {
    payments: byPayment,
    credits: grants.map((g) => [clientNo.get(g.clientId), g.remaining]).sort((a, b) => Number(a[0]) - Number(b[0])),
    bookings: bookings.map((b) => b.status).sort(),
    places: occurrences.map((o) => [classNo.get(o.id), o.bookedSpots]).sort((a, b) => Number(a[0]) - Number(b[0])),
    account: { chargesEnabled: org?.stripeChargesEnabled, detailsSubmitted: org?.stripeDetailsSubmitted },
  };
}

function firstDifference(a: unknown, b: unknown, at = "state"): string | null {
  if (JSON.stringify(a) === JSON.stringify(b)) return null;
  if (typeof a === "object" && a && typeof b === "object" && b) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const found = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${at}.${key}`,
      );
      if (found) return found;
    }
  }
  return `${at}: X ${JSON.stringify(a)} / Y ${JSON.stringify(b)}`;
}

// --- the run -------------------------------------------------------------------------------------

let pool: ReturnType<typeof connect> | undefined;
const db = () => pool!.db;

async function main() {
  const tmp = await makeTempDir("wondrous-bench-webhooks");
  let pg: EmbeddedDatabase | undefined;
  let server: ChildProcess | undefined;
  let stripe: FakeStripe | undefined;
  const serverOutput = new Tail(60);
  let failed = false;
  try {
    say(
      `wondrous webhook benchmark: ${os.cpus().length} CPUs, node ${process.version}, ${TOTAL} events, ${SENDERS} senders`,
    );
    let t = performance.now();
    pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, "pg"), database: "bench", log: () => {}, warn: say });
    pool = connect(pg.url, { max: 4 });
    await migrateAll(pool.db);
    process.env.DATABASE_URL = pg.url;
    stripe = await fakeStripe();
    Object.assign(process.env, {
      STRIPE_SECRET_KEY: "sk_test_bench",
      STRIPE_API_BASE: stripe.url,
      STRIPE_WEBHOOK_SECRET: SECRET,
    });
    say(`embedded PostgreSQL, migrations and a fake Stripe: ${seconds(performance.now() - t)}`);

    // Enough purchases for DISTINCT events in each studio (two of them account.updated).
    const plots: Plot[] = [];
    for (let count = 2; count < DISTINCT; ) {
      const plot = PLOTS[plots.length % PLOTS.length] as Plot;
      if (count + EVENTS_OF[plot] > DISTINCT) break;
      plots.push(plot);
      count += EVENTS_OF[plot];
    }
    t = performance.now();
    const x = await makeStudio(db(), stripe, "X", plots.length);
    const y = await makeStudio(db(), stripe, "Y", plots.length);
    let places = 0;
    for (const [n, plot] of plots.entries()) {
      const placeNo = plot.startsWith("place") ? places++ : 0;
      await play(x, stripe, n, plot, placeNo);
      await play(y, stripe, n, plot, placeNo);
    }
    accountUpdates(x, stripe);
    accountUpdates(y, stripe);
    if (x.events.length !== y.events.length) throw new Error("the two studios' stories differ");
    const tally = plots.reduce((m, p) => m.set(p, (m.get(p) ?? 0) + 1), new Map<Plot, number>());
    say(
      `two studios, each with ${plots.length} purchases (${[...tally].map(([p, n]) => `${n} ${p}`).join(", ")}) ` +
        `and 2 account.updated: ${x.events.length} distinct events each, prepared in ${seconds(performance.now() - t)}`,
    );

    const port = await freePort();
    t = performance.now();
    server = await startApp({ root, databaseUrl: pg.url, port, output: serverOutput });
    say(`app (built server, NODE_ENV=production) healthy after ${seconds(performance.now() - t)}`);

    // X: 10% duplicates, shuffled, 20 senders.
    const next = random(15);
    const duplicates = Array.from(
      { length: TOTAL - x.events.length },
      () => x.events[Math.floor(next() * x.events.length)] as Stripe.Event,
    );
    const mixed = shuffled([...x.events, ...duplicates], 42);
    const concurrent = await deliverAll(port, mixed, SENDERS);
    report(`X, ${mixed.length} events (${duplicates.length} duplicates) shuffled, ${SENDERS} senders`, concurrent);

    // Y: the same distinct events once, in Stripe's order, one at a time.
    const sequential = await deliverAll(port, y.events, 1);
    report(`Y, ${y.events.length} distinct events in order, 1 sender`, sequential);

    const outcomes = async (studio: Studio) =>
      (
        await db()
          .select({ outcome: stripeEvents.outcome, n: sql<number>`count(*)::int` })
          .from(stripeEvents)
          .where(eq(stripeEvents.organizationId, studio.tenant.studio.id))
          .groupBy(stripeEvents.outcome)
      )
        .map((r) => `${r.outcome} ${r.n}`)
        .sort()
        .join(", ");
    say(`stored events: X ${await outcomes(x)}; Y ${await outcomes(y)}`);

    const [stateX, stateY] = [await finalState(x), await finalState(y)];
    const difference = firstDifference(stateX, stateY);
    const summary = {
      payments: stateX.payments.length,
      succeeded: stateX.payments.filter((p) => p.status === "succeeded").length,
      expired: stateX.payments.filter((p) => p.status === "expired").length,
      refunds: stateX.payments.reduce((n, p) => n + p.refunds.length, 0),
      disputed: stateX.payments.filter((p) => p.disputed).length,
      credits: stateX.credits.reduce((n, c) => n + Number(c[1]), 0),
      placesTaken: stateX.places.reduce((n, c) => n + Number(c[1]), 0),
    };
    say(
      `final state X: ${summary.payments} payments (${summary.succeeded} succeeded, ${summary.expired} expired), ` +
        `${summary.refunds} refunds, ${summary.disputed} disputed, ${summary.credits} credits left, ` +
        `${summary.placesTaken} places taken, charges enabled ${stateX.account.chargesEnabled}`,
    );
    if (difference) {
      failed = true;
      say(`FINAL STATES DIFFER: ${difference}`);
    } else say("final states of X (shuffled, duplicated, concurrent) and Y (in order, once): identical");
  } catch (error) {
    failed = true;
    say(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    say(serverOutput.toString());
  } finally {
    if (server?.pid) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
    await stripe?.close();
    await pool?.client.end({ timeout: 5 });
    await closeDatabase();
    await pg?.stop();
    await rm(tmp, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}

void main();
