import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { insertBooking } from "~/models/booking.server";
import { insertLocation, updateLocation } from "~/models/location.server";
import { insertOccurrence } from "~/models/occurrence.server";
import { insertPayment, insertRefund } from "~/models/payment.server";
import { insertService } from "~/models/service.server";
import { insertUser, type NewUser } from "~/models/user.server";
import { database } from "~db/client";
import type { BookingStatus, User } from "~db/schema/tenant";
import { createTestStudio } from "./factories";

/** After every visit of the fixture: what "now" is for the reports under test. */
export const AFTER = new Date("2026-06-01T00:00:00Z");

/**
 * March 2026 at London (Europe/London: GMT, then BST from 29 March) and New York
 * (America/New_York: EST, then EDT from 8 March), with visits and payments on both sides of a
 * local midnight. Priya teaches at both; Sam covered one of her London classes; Tom, a trainer,
 * takes 1:1 sessions in London. Every instant is written out so the expected figures can be
 * worked out by hand (see the tests).
 */
export async function peopleStudio() {
  const studio = await createTestStudio();
  const { tenant, owner } = studio;
  const db = database();
  const { t } = tenant;
  const london = (await updateLocation(db, tenant, studio.location.id, { name: "London" })) ?? studio.location;
  const newYork = await insertLocation(db, tenant, {
    name: "New York",
    timezone: "America/New_York",
    address: { line1: "1 Broadway", city: "New York", postcode: "10004", country: "US" },
    operatingHours: london.operatingHours,
  });
  const tag = randomUUID().slice(0, 8);
  const person = (role: NewUser["role"], name: string, locations: string[], joined?: string) =>
    insertUser(db, tenant, {
      email: `${name.split(" ")[0]?.toLowerCase()}-${tag}@example.com`,
      fullName: name,
      role,
      primaryLocationId: locations[0] ?? null,
      accessibleLocations: locations,
      ...(joined ? { createdAt: new Date(joined) } : {}),
    });
  const old = "2026-01-10T10:00:00Z";
  const staff = {
    manager: await person("location_manager", "Nina Manager", [newYork.id]),
    finance: await person("finance_manager", "Felix Money", [london.id, newYork.id]),
    receptionist: await person("receptionist", "Rosa Desk", [london.id]),
    priya: await person("instructor", "Priya Teach", [london.id, newYork.id]),
    sam: await person("instructor", "Sam Cover", [london.id]),
    tom: await person("trainer", "Tom Train", [london.id]),
  };
  const clients = {
    // New in March: Amara in London, Fay at 23:30 on 31 March in New York (04:30 on 1 April
    // in UTC), Ivy online with no home location.
    amara: await person("client", "Amara Okafor", [london.id], "2026-03-02T10:00:00Z"),
    fay: await person("client", "Fay Lee", [newYork.id], "2026-04-01T03:30:00Z"),
    ivy: await person("client", "Ivy Online", [], "2026-03-10T10:00:00Z"),
    ben: await person("client", "Ben Hughes", [london.id], old),
    chloe: await person("client", "Chloé Martin", [london.id], old),
    dan: await person("client", "Dan Price", [london.id], old),
    ella: await person("client", "Ella Novak", [london.id, newYork.id], old),
    gus: await person("client", "Gus Brown", [newYork.id], "2026-02-15T10:00:00Z"),
  };
  const service = (type: "class" | "session", name: string) =>
    insertService(db, tenant, {
      name,
      type,
      durationMinutes: 60,
      capacity: type === "class" ? 10 : null,
      locationIds: [london.id, newYork.id],
    });
  const vinyasa = await service("class", "Vinyasa");
  const pt = await service("session", "PT 1:1");
  const hour = 60 * 60_000;
  const occurrence = async (
    at: string,
    locationId: string,
    by: User,
    capacity: number,
    extra: { originalInstructorId?: string; status?: "cancelled" } = {},
  ) => {
    const startsAt = new Date(at);
    const row = await insertOccurrence(db, tenant, {
      serviceId: vinyasa.id,
      locationId,
      instructorId: by.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + hour),
      capacity,
      ...extra,
    });
    if (!row) throw new Error("class not inserted");
    return row;
  };
  type Visit = {
    client: User;
    by: User;
    locationId: string;
    at: string;
    status: BookingStatus;
    occurrenceId?: string;
    /** When it was booked; two days before it starts unless said. */
    made?: string;
    cancelled?: { at: string; late: boolean };
  };
  const book = async (v: Visit) => {
    const startsAt = new Date(v.at);
    const booking = await insertBooking(db, tenant, {
      clientId: v.client.id,
      serviceId: v.occurrenceId ? vinyasa.id : pt.id,
      instructorId: v.by.id,
      locationId: v.locationId,
      occurrenceId: v.occurrenceId ?? null,
      startsAt,
      endsAt: new Date(startsAt.getTime() + hour),
      status: v.status,
      bookingMethod: "admin_created",
      createdById: owner.id,
    });
    // What the booking API stamps itself (when it was made, cancelled, and whether late), set here by hand.
    await db
      .update(t.bookings)
      .set({
        createdAt: v.made ? new Date(v.made) : new Date(startsAt.getTime() - 48 * hour),
        cancelledAt: v.cancelled ? new Date(v.cancelled.at) : null,
        creditForfeited: v.cancelled?.late ?? false,
      })
      .where(eq(t.bookings.id, booking.id));
  };
  const { amara, ben, chloe, dan, ella, fay, gus } = clients;
  const { priya, sam, tom } = staff;
  const L = london.id;
  const N = newYork.id;

  // London classes: Priya's on 10 March; Sam covering Priya's on 12 March; Priya's on 14 March
  // cancelled; Priya's on 15 April, which Amara booked 29 days after her class on 10 March.
  const l1 = await occurrence("2026-03-10T18:00:00Z", L, priya, 10);
  const l2 = await occurrence("2026-03-12T18:00:00Z", L, sam, 10, { originalInstructorId: priya.id });
  const l3 = await occurrence("2026-03-14T10:00:00Z", L, priya, 10, { status: "cancelled" });
  const l4 = await occurrence("2026-04-15T17:00:00Z", L, priya, 10);
  await book({
    client: amara,
    by: priya,
    locationId: L,
    occurrenceId: l1.id,
    at: l1.startsAt.toISOString(),
    status: "completed",
  });
  await book({
    client: ben,
    by: priya,
    locationId: L,
    occurrenceId: l1.id,
    at: l1.startsAt.toISOString(),
    status: "no_show",
  });
  await book({
    ...{ client: chloe, by: priya, locationId: L, occurrenceId: l1.id, at: l1.startsAt.toISOString() },
    status: "cancelled",
    cancelled: { at: "2026-03-10T12:00:00Z", late: true },
  });
  await book({
    ...{ client: dan, by: priya, locationId: L, occurrenceId: l1.id, at: l1.startsAt.toISOString() },
    status: "cancelled",
    cancelled: { at: "2026-03-08T20:00:00Z", late: false },
  });
  await book({
    client: amara,
    by: sam,
    locationId: L,
    occurrenceId: l2.id,
    at: l2.startsAt.toISOString(),
    status: "checked_in",
  });
  await book({
    client: ella,
    by: sam,
    locationId: L,
    occurrenceId: l2.id,
    at: l2.startsAt.toISOString(),
    status: "confirmed",
  });
  await book({
    ...{ client: ben, by: priya, locationId: L, occurrenceId: l3.id, at: l3.startsAt.toISOString() },
    status: "cancelled",
    cancelled: { at: "2026-03-13T10:00:00Z", late: false },
  });
  await book({
    ...{ client: amara, by: priya, locationId: L, occurrenceId: l4.id, at: l4.startsAt.toISOString() },
    status: "confirmed",
    made: "2026-04-08T18:00:00Z",
  });

  // Tom's London sessions. 23 March 00:30 GMT and 31 March 23:30 BST are in March; 29 March
  // 23:30 UTC is 00:30 on the 30th (BST), outside the week of the clock change; 31 March 23:30
  // UTC is 00:30 on 1 April. Ben's rebooking on the 15th was cancelled; his no-show was booked
  // on 1 March, before his session of the 11th, so it is no rebooking either.
  await book({ client: ben, by: tom, locationId: L, at: "2026-03-11T09:00:00Z", status: "completed" });
  await book({ client: ella, by: tom, locationId: L, at: "2026-03-23T00:30:00Z", status: "completed" });
  await book({
    ...{ client: ben, by: tom, locationId: L, at: "2026-03-29T23:30:00Z", status: "no_show" },
    made: "2026-03-01T10:00:00Z",
  });
  await book({ client: amara, by: tom, locationId: L, at: "2026-03-31T22:30:00Z", status: "completed" });
  await book({ client: ella, by: tom, locationId: L, at: "2026-03-31T23:30:00Z", status: "completed" });
  await book({
    ...{ client: ben, by: tom, locationId: L, at: "2026-04-10T09:00:00Z", status: "cancelled" },
    made: "2026-03-15T09:00:00Z",
    cancelled: { at: "2026-03-16T09:00:00Z", late: false },
  });

  // New York: Priya's class on 20 March (18:00 EDT); her sessions at 23:30 on 28 February (EST)
  // and 23:30 on 31 March (EDT); Ella booked her class of 25 April 31 days after the one in March.
  const n1 = await occurrence("2026-03-20T22:00:00Z", N, priya, 8);
  const n2 = await occurrence("2026-04-25T21:00:00Z", N, priya, 8);
  await book({
    client: fay,
    by: priya,
    locationId: N,
    occurrenceId: n1.id,
    at: n1.startsAt.toISOString(),
    status: "completed",
  });
  await book({
    client: gus,
    by: priya,
    locationId: N,
    occurrenceId: n1.id,
    at: n1.startsAt.toISOString(),
    status: "no_show",
  });
  await book({
    client: ella,
    by: priya,
    locationId: N,
    occurrenceId: n1.id,
    at: n1.startsAt.toISOString(),
    status: "completed",
  });
  await book({ client: fay, by: priya, locationId: N, at: "2026-04-01T03:30:00Z", status: "completed" });
  await book({ client: gus, by: priya, locationId: N, at: "2026-03-01T04:30:00Z", status: "completed" });
  await book({
    ...{ client: ella, by: priya, locationId: N, occurrenceId: n2.id, at: n2.startsAt.toISOString() },
    status: "confirmed",
    made: "2026-04-20T22:00:00Z",
  });

  // Money: London £50 (£15 refunded) and £30 (all refunded) in March, £20 at 00:30 BST on 1
  // April and a failed £7; New York £40 at 23:30 EDT on 31 March and £10 at 23:30 EST on 28
  // February; £25 online for the whole studio (no location).
  const pay = async (locationId: string | null, amountMinor: number, at: string, status: "succeeded" | "failed") => {
    const payment = await insertPayment(db, tenant, {
      clientId: amara.id,
      kind: "other",
      method: locationId ? "desk_card" : "online_card",
      status,
      amountMinor,
      currency: tenant.studio.currency,
      description: "Pass",
      takenById: owner.id,
      locationId,
      paidAt: status === "succeeded" ? new Date(at) : null,
    });
    await db
      .update(t.payments)
      .set({ createdAt: new Date(at) })
      .where(eq(t.payments.id, payment.id));
    return payment;
  };
  const refund = async (paymentId: string, amountMinor: number, at: string) => {
    const row = await insertRefund(db, tenant, { paymentId, amountMinor, status: "succeeded", reason: "Asked" });
    if (!row) throw new Error("refund not inserted");
    await db
      .update(t.refunds)
      .set({ createdAt: new Date(at) })
      .where(eq(t.refunds.id, row.id));
  };
  const fifty = await pay(L, 5000, "2026-03-05T10:00:00Z", "succeeded");
  const thirty = await pay(L, 3000, "2026-03-20T10:00:00Z", "succeeded");
  await refund(fifty.id, 1500, "2026-03-06T10:00:00Z");
  await refund(thirty.id, 3000, "2026-03-21T10:00:00Z");
  await pay(L, 2000, "2026-03-31T23:30:00Z", "succeeded");
  await pay(L, 700, "2026-03-12T10:00:00Z", "failed");
  await pay(N, 4000, "2026-04-01T03:30:00Z", "succeeded");
  await pay(N, 1000, "2026-03-01T04:30:00Z", "succeeded");
  await pay(null, 2500, "2026-03-15T12:00:00Z", "succeeded");

  return { ...studio, london, newYork, staff: { owner, ...staff }, clients };
}
