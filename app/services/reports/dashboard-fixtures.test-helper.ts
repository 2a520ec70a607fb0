import { randomUUID } from "node:crypto";
// biome-ignore lint/style/noRestrictedImports: a fixture backdates rows (created_at) that no model ever backdates
import { eq } from "drizzle-orm";
import { insertBooking } from "~/models/booking.server";
import { insertLocation, updateLocation } from "~/models/location.server";
import { insertOccurrence } from "~/models/occurrence.server";
import { insertPayment, insertRefund } from "~/models/payment.server";
import { insertService } from "~/models/service.server";
import { insertUser, type NewUser } from "~/models/user.server";
import { database } from "~db/client";
import type { BookingStatus, PaymentMethod, PaymentStatus } from "~db/schema/tenant";
import { createTestStudio } from "../../../test/factories";

/**
 * A studio with a London location and a New York one, seen at NOW: Sunday 25 October 2026,
 * 20:00 in London, the day its clocks went back (01:00 UTC; London's week 19-25 October has 169
 * hours) while New York keeps summer time until 1 November (16:00 there). Payments, bookings and
 * new clients sit on both sides of each clock's day, week and month edges, so a figure counted
 * on the wrong clock or by UTC dates comes out different. The figures each period must show are
 * worked out in dashboard.server.test.ts.
 */
export const NOW = new Date("2026-10-25T20:00:00Z");

export async function dashboardStudio() {
  const studio = await createTestStudio();
  const { tenant, owner } = studio;
  const db = database();
  const { t } = tenant;
  const london = (await updateLocation(db, tenant, studio.location.id, { name: "London" }))!;
  const newYork = await insertLocation(db, tenant, {
    name: "New York",
    timezone: "America/New_York",
    address: { line1: "10 Bleecker Street", city: "New York", postcode: "10012", country: "US" },
    operatingHours: london.operatingHours,
  });
  const tag = randomUUID().slice(0, 8);
  const person = async (role: NewUser["role"], name: string, locations: string[], createdAt?: string) => {
    const user = await insertUser(db, tenant, {
      email: `${name.split(" ")[0]!.toLowerCase()}-${tag}@example.com`,
      fullName: name,
      role,
      primaryLocationId: locations[0] ?? null,
      accessibleLocations: locations,
    });
    if (createdAt)
      await db
        .update(t.users)
        .set({ createdAt: new Date(createdAt) })
        .where(eq(t.users.id, user.id));
    return user;
  };
  const both = [london.id, newYork.id];
  const staff = {
    owner,
    londonManager: await person("location_manager", "Lena Manager", [london.id]),
    newYorkManager: await person("location_manager", "Nate Manager", [newYork.id]),
    receptionist: await person("receptionist", "Rosa Desk", [london.id]),
    instructor: await person("instructor", "Priya Teach", both),
    finance: await person("finance_manager", "Felix Money", both),
  };
  // New clients, by their home location and when they joined.
  const clients = {
    amara: await person("client", "Amara London", [london.id], "2026-09-30T23:30:00Z"), // 00:30 on 1 Oct in London
    ben: await person("client", "Ben London", [london.id], "2026-09-05T12:00:00Z"),
    cleo: await person("client", "Cleo London", [london.id], "2026-10-24T23:30:00Z"), // 00:30 Sunday 25 in London
    dev: await person("client", "Dev London", [london.id], "2026-10-18T22:30:00Z"), // 23:30 Sunday 18 in London
    eve: await person("client", "Eve London", [london.id], "2026-10-24T10:00:00Z"),
    finn: await person("client", "Finn NewYork", [newYork.id], "2026-10-19T04:30:00Z"), // 00:30 Monday 19 in NY
    gia: await person("client", "Gia NewYork", [newYork.id], "2026-10-19T03:30:00Z"), // 23:30 Sunday 18 in NY
  };

  const yoga = await insertService(db, tenant, {
    name: "Yoga",
    type: "class",
    durationMinutes: 60,
    capacity: 10,
    locationIds: both,
  });
  const occurrence = async (locationId: string, startsAt: string, capacity: number, cancelled = false) => {
    const starts = new Date(startsAt);
    const row = await insertOccurrence(db, tenant, {
      serviceId: yoga.id,
      locationId,
      instructorId: staff.instructor.id,
      startsAt: starts,
      endsAt: new Date(starts.getTime() + 60 * 60_000),
      capacity,
      ...(cancelled ? { status: "cancelled" as const, cancelReason: "Instructor ill" } : {}),
    });
    if (!row) throw new Error("class not inserted");
    return row;
  };
  const book = async (
    o: Awaited<ReturnType<typeof occurrence>>,
    client: { id: string },
    status: BookingStatus,
    createdAt: string,
    extra: { spots?: number; cancelledAt?: string; late?: boolean } = {},
  ) => {
    const row = await insertBooking(db, tenant, {
      clientId: client.id,
      serviceId: yoga.id,
      instructorId: staff.instructor.id,
      locationId: o.locationId,
      occurrenceId: o.id,
      startsAt: o.startsAt,
      endsAt: o.endsAt,
      status,
      spotsBooked: extra.spots ?? 1,
      bookingMethod: "admin_created",
      createdById: owner.id,
      checkedInAt: status === "checked_in" ? o.startsAt : null,
    });
    await db
      .update(t.bookings)
      .set({
        createdAt: new Date(createdAt),
        cancelledAt: extra.cancelledAt ? new Date(extra.cancelledAt) : null,
        creditForfeited: extra.late ?? false,
      })
      .where(eq(t.bookings.id, row.id));
    return row;
  };

  // London: today 09:00 (a check-in, a no-show, one not marked yet, a late and an early
  // cancellation), tonight 21:00 (after NOW: two places booked today), a cancelled class today,
  // yesterday 18:00 (two came), and Wednesday of last week (one came).
  const morning = await occurrence(london.id, "2026-10-25T09:00:00Z", 10);
  const tonight = await occurrence(london.id, "2026-10-25T21:00:00Z", 5);
  await occurrence(london.id, "2026-10-25T12:00:00Z", 10, true);
  const saturday = await occurrence(london.id, "2026-10-24T17:00:00Z", 8);
  const lastWeek = await occurrence(london.id, "2026-10-14T17:00:00Z", 10);
  await book(morning, clients.amara, "checked_in", "2026-10-20T10:00:00Z");
  await book(morning, clients.ben, "no_show", "2026-10-18T22:30:00Z"); // 23:30 Sunday 18 in London
  await book(morning, clients.cleo, "confirmed", "2026-10-24T23:30:00Z"); // 00:30 Sunday 25 in London
  await book(morning, clients.dev, "cancelled", "2026-10-21T10:00:00Z", {
    cancelledAt: "2026-10-25T08:30:00Z",
    late: true,
  });
  await book(morning, clients.eve, "cancelled", "2026-10-21T10:00:00Z", { cancelledAt: "2026-10-24T09:00:00Z" });
  await book(tonight, clients.cleo, "confirmed", "2026-10-25T19:00:00Z", { spots: 2 });
  await book(saturday, clients.amara, "completed", "2026-10-24T12:00:00Z");
  await book(saturday, clients.ben, "completed", "2026-09-10T12:00:00Z");
  await book(lastWeek, clients.amara, "completed", "2026-09-30T22:30:00Z"); // 23:30 on 30 September in London
  // New York: today 10:00 there (one came, one did not).
  const newYorkMorning = await occurrence(newYork.id, "2026-10-25T14:00:00Z", 4);
  await book(newYorkMorning, clients.finn, "completed", "2026-10-25T04:30:00Z"); // 00:30 Sunday in NY
  await book(newYorkMorning, clients.gia, "no_show", "2026-10-25T03:30:00Z"); // 23:30 Saturday in NY

  const pay = async (
    locationId: string | null,
    amountMinor: number,
    paidAt: string,
    options: { status?: PaymentStatus; method?: PaymentMethod } = {},
  ) =>
    insertPayment(db, tenant, {
      clientId: clients.amara.id,
      kind: "other",
      method: options.method ?? "cash",
      status: options.status ?? "succeeded",
      amountMinor,
      currency: "GBP",
      description: "Drop-in",
      takenById: owner.id,
      locationId,
      paidAt: (options.status ?? "succeeded") === "succeeded" ? new Date(paidAt) : null,
    });
  const refund = async (paymentId: string, amountMinor: number, at: string, status: "succeeded" | "failed") => {
    const row = await insertRefund(db, tenant, { paymentId, amountMinor, status, reason: "Asked for it" });
    if (!row) throw new Error("refund not inserted");
    await db
      .update(t.refunds)
      .set({ createdAt: new Date(at) })
      .where(eq(t.refunds.id, row.id));
  };
  // London (BST until 01:00 UTC on the 25th, GMT after).
  const saturdayNight = await pay(london.id, 5000, "2026-10-24T22:30:00Z"); // 23:30 Saturday 24
  await pay(london.id, 2000, "2026-10-24T23:30:00Z"); // 00:30 Sunday 25
  await pay(london.id, 3000, "2026-10-18T22:30:00Z"); // 23:30 Sunday 18: last week
  const mondayEarly = await pay(london.id, 4000, "2026-10-18T23:30:00Z"); // 00:30 Monday 19: this week
  const firstOfMonth = await pay(london.id, 10000, "2026-09-30T23:30:00Z"); // 00:30 on 1 October
  await pay(london.id, 6000, "2026-09-30T22:30:00Z"); // 23:30 on 30 September: in neither month's stretch
  await pay(london.id, 1500, "2026-09-25T22:30:00Z"); // 23:30 on 25 September: last month's last day counted
  await pay(london.id, 9900, "2026-10-25T12:00:00Z", { status: "failed", method: "online_card" });
  await refund(mondayEarly.id, 4000, "2026-10-25T10:00:00Z", "succeeded");
  await refund(firstOfMonth.id, 3000, "2026-10-20T11:00:00Z", "succeeded");
  await refund(saturdayNight.id, 1000, "2026-10-25T12:00:00Z", "failed");
  // New York (EDT, UTC-4, all month).
  await pay(newYork.id, 7000, "2026-10-25T03:30:00Z"); // 23:30 Saturday 24
  await pay(newYork.id, 1500, "2026-10-25T04:30:00Z"); // 00:30 Sunday 25
  await pay(newYork.id, 8000, "2026-10-19T03:30:00Z"); // 23:30 Sunday 18: last week
  await pay(newYork.id, 3500, "2026-10-19T04:30:00Z"); // 00:30 Monday 19
  await pay(newYork.id, 4500, "2026-10-01T03:30:00Z"); // 23:30 on 30 September: in neither
  await pay(newYork.id, 5500, "2026-10-01T04:30:00Z"); // 00:30 on 1 October
  await pay(newYork.id, 1200, "2026-09-26T03:30:00Z"); // 23:30 on 25 September
  // Sold online with no location: the owner's whole-studio view counts it, on London's clock.
  await pay(null, 900, "2026-10-20T12:00:00Z", { method: "online_card" });

  return { ...studio, london, newYork, staff, clients, morning, tonight };
}
