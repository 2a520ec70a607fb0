import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { findOccurrence, insertOccurrence } from "~/models/occurrence.server";
import { clientCredits } from "~/services/credits/ledger.server";
import { database } from "~db/client";
import { bookClass, bookSession } from "./engine.server";
import { bookingStudio } from "./fixtures.test-helper";

/**
 * The invariants hold when requests race: fifty attempts fired at once at one slot, one
 * nearly-full class and one last credit. Exactly the allowed number succeed; every other
 * attempt is refused with a clear 409 or 402, never an error and never an extra booking.
 */

const ATTEMPTS = 50;

async function settle<T>(attempts: Promise<T>[]) {
  const results = await Promise.allSettled(attempts);
  const won = results.filter((r) => r.status === "fulfilled");
  const refusals = results.flatMap((r) =>
    r.status === "rejected" ? [{ status: r.reason?.status, code: r.reason?.code, name: r.reason?.name }] : [],
  );
  return { won, refusals };
}

describe(`${ATTEMPTS} concurrent attempts`, () => {
  test("at one instructor slot: one booking, the rest 409", async () => {
    const s = await bookingStudio();
    const clients = await Promise.all(Array.from({ length: ATTEMPTS }, () => s.client(1)));
    const { won, refusals } = await settle(
      clients.map((client) =>
        bookSession(s.tenant, client, { serviceId: s.session.id, locationId: s.main.id, startsAt: s.at("10:00") }),
      ),
    );
    expect(won).toHaveLength(1);
    expect(refusals).toHaveLength(ATTEMPTS - 1);
    for (const refusal of refusals) {
      expect(refusal.status).toBe(409);
      expect(["SLOT_TAKEN", "SLOT_UNAVAILABLE"]).toContain(refusal.code);
    }
    const [{ live }] = (await database().execute(
      sql`SELECT count(*)::int AS live FROM ${s.tenant.t.bookings} WHERE status <> 'cancelled'`,
    )) as unknown as [{ live: number }];
    expect(live).toBe(1);
  });

  test("at a class with three places left: three bookings, the rest 409 CLASS_FULL", async () => {
    const s = await bookingStudio({ classCapacity: 10 });
    const early = await Promise.all(Array.from({ length: 7 }, () => s.client(1)));
    for (const client of early) await bookClass(s.tenant, client, { occurrenceId: s.yogaClass.id });
    const clients = await Promise.all(Array.from({ length: ATTEMPTS }, () => s.client(1)));
    const { won, refusals } = await settle(
      clients.map((client) => bookClass(s.tenant, client, { occurrenceId: s.yogaClass.id })),
    );
    expect(won).toHaveLength(3);
    expect(refusals).toHaveLength(ATTEMPTS - 3);
    for (const refusal of refusals) expect(refusal).toMatchObject({ status: 409, code: "CLASS_FULL" });
    expect((await findOccurrence(database(), s.tenant, s.yogaClass.id))?.bookedSpots).toBe(10);
    // The losers kept their credits: no spend survives a refused booking.
    const balances = await Promise.all(clients.map((c) => clientCredits(s.tenant, c, c.id)));
    expect(balances.filter((b) => b.balance === 0)).toHaveLength(3);
  });

  test("for one last credit: one booking, the rest 402 NO_CREDITS", async () => {
    const s = await bookingStudio();
    const client = await s.client(1);
    const classes = await Promise.all(
      Array.from({ length: ATTEMPTS }, async (_, i) => {
        const startsAt = new Date(s.yogaClass.startsAt.getTime() + (i + 1) * 24 * 60 * 60_000);
        const row = await insertOccurrence(database(), s.tenant, {
          serviceId: s.yoga.id,
          locationId: s.main.id,
          instructorId: s.instructor.id,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 60 * 60_000),
          capacity: 10,
        });
        if (!row) throw new Error("no occurrence");
        return row;
      }),
    );
    const { won, refusals } = await settle(
      classes.map((occurrence) => bookClass(s.tenant, client, { occurrenceId: occurrence.id })),
    );
    expect(won).toHaveLength(1);
    for (const refusal of refusals) expect(refusal).toMatchObject({ status: 402, code: "NO_CREDITS" });
    const credits = await clientCredits(s.tenant, client, client.id);
    expect(credits.balance).toBe(0);
    expect(credits.grants[0]?.remaining).toBe(0);
    const [{ spent }] = (await database().execute(
      sql`SELECT coalesce(sum(delta), 0)::int AS spent FROM ${s.tenant.t.creditLedger} WHERE kind = 'spend'`,
    )) as unknown as [{ spent: number }];
    expect(spent).toBe(-1);
  });

  test("one client double-tapping the same class: one booking", async () => {
    const s = await bookingStudio();
    const client = await s.client(ATTEMPTS);
    const { won, refusals } = await settle(
      Array.from({ length: ATTEMPTS }, () => bookClass(s.tenant, client, { occurrenceId: s.yogaClass.id })),
    );
    expect(won).toHaveLength(1);
    for (const refusal of refusals) expect(refusal).toMatchObject({ status: 409, code: "ALREADY_BOOKED" });
    expect((await clientCredits(s.tenant, client, client.id)).balance).toBe(ATTEMPTS - 1);
  });
});
