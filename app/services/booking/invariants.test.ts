import { eq, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { listDomainEventsForBooking } from "~/models/domain-event.server";
import { isCheckViolation, isExclusionViolation, isUniqueViolation } from "~/services/shared/pg-errors";
import { database } from "~db/client";
import { bookClass, bookSession, cancelBooking } from "./engine.server";
import { bookingStudio } from "./fixtures.test-helper";

/**
 * The invariants are the database's, not the service's: written straight to the tables,
 * bypassing every check in the code, the forbidden states are still refused.
 */
describe("the database refuses what the engine must never do", () => {
  test("overbooking a class, even by a raw insert", async () => {
    const s = await bookingStudio({ classCapacity: 1 });
    const [first, second] = [await s.client(1), await s.client(1)];
    await bookClass(s.tenant, first, { occurrenceId: s.yogaClass.id });
    const { bookings } = s.tenant.t;
    const error = await database()
      .insert(bookings)
      .values({
        clientId: second.id,
        serviceId: s.yoga.id,
        instructorId: s.instructor.id,
        locationId: s.main.id,
        occurrenceId: s.yogaClass.id,
        startsAt: s.yogaClass.startsAt,
        endsAt: s.yogaClass.endsAt,
        status: "confirmed",
        bookingMethod: "admin_created",
        createdById: s.owner.id,
      })
      .catch((e) => e);
    expect(isCheckViolation(error, "occurrences_not_overbooked")).toBe(true);
  });

  test("a second live booking of one client in one class", async () => {
    const s = await bookingStudio();
    const client = await s.client(2);
    const { booking } = await bookClass(s.tenant, client, { occurrenceId: s.yogaClass.id });
    const { bookings } = s.tenant.t;
    const { id: _id, createdAt: _c, updatedAt: _u, ...copy } = booking;
    const error = await database()
      .insert(bookings)
      .values(copy)
      .catch((e) => e);
    expect(isUniqueViolation(error, "bookings_one_per_client_occurrence")).toBe(true);
  });

  test("an instructor in two places at once, across locations", async () => {
    const s = await bookingStudio();
    await bookSession(s.tenant, await s.client(1), {
      serviceId: s.session.id,
      locationId: s.main.id,
      startsAt: s.at("10:00"),
    });
    const error = await database()
      .insert(s.tenant.t.instructorCommitments)
      .values({
        instructorId: s.instructor.id,
        locationId: s.second.id,
        startsAt: s.at("10:30"),
        endsAt: s.at("11:30"),
      })
      .catch((e) => e);
    expect(isExclusionViolation(error)).toBe(true);
  });

  test("spending a credit twice, editing the ledger, or setting a balance by hand", async () => {
    const s = await bookingStudio();
    const client = await s.client(1);
    const { creditGrants, creditLedger } = s.tenant.t;
    const [grant] = await database().select().from(creditGrants).where(eq(creditGrants.clientId, client.id));
    if (!grant) throw new Error("no grant");
    const spend = () =>
      database()
        .insert(creditLedger)
        .values({ clientId: client.id, grantId: grant.id, delta: -1, kind: "spend", reason: "raw" });
    await spend();
    expect(isCheckViolation(await spend().catch((e) => e), "credit_grants_remaining_not_negative")).toBe(true);
    await expect(
      database().update(creditLedger).set({ delta: 5 }).where(eq(creditLedger.grantId, grant.id)),
    ).rejects.toThrow();
    await expect(database().delete(creditLedger).where(eq(creditLedger.grantId, grant.id))).rejects.toThrow();
    await expect(
      database().update(creditGrants).set({ remaining: 99 }).where(eq(creditGrants.id, grant.id)),
    ).rejects.toThrow();
    const [{ total }] = (await database().execute(
      sql`SELECT sum(delta)::int AS total FROM ${creditLedger} WHERE grant_id = ${grant.id}`,
    )) as unknown as [{ total: number }];
    expect(total).toBe(0);
  });
});

describe("domain events commit with the change", () => {
  test("booked, then cancelled and the place freed", async () => {
    const s = await bookingStudio();
    const client = await s.client(1);
    const { booking } = await bookClass(s.tenant, client, { occurrenceId: s.yogaClass.id });
    await cancelBooking(s.tenant, client, booking.id);
    const events = await listDomainEventsForBooking(database(), s.tenant, booking.id);
    expect(events.map((e) => e.type)).toEqual(["booking.booked", "booking.cancelled", "occurrence.spot_freed"]);
    expect(events[1]?.payload).toMatchObject({ creditReturned: true, late: false });
    expect(events[2]).toMatchObject({ occurrenceId: s.yogaClass.id, payload: { spots: 1 } });
  });

  test("a refused booking leaves no event, no booking and no spend behind", async () => {
    const s = await bookingStudio();
    const broke = await s.client(0);
    await expect(bookClass(s.tenant, broke, { occurrenceId: s.yogaClass.id })).rejects.toMatchObject({ status: 402 });
    const [{ rows }] = (await database().execute(
      sql`SELECT (SELECT count(*) FROM ${s.tenant.t.bookings}) + (SELECT count(*) FROM ${s.tenant.t.domainEvents}) AS rows`,
    )) as unknown as [{ rows: string }];
    expect(Number(rows)).toBe(0);
  });
});
