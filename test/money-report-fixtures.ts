import { eq } from "drizzle-orm";
import { insertBooking } from "~/models/booking.server";
import { insertCreditGrant, insertLedgerEntries } from "~/models/credit.server";
import { insertLocation } from "~/models/location.server";
import { insertPackage } from "~/models/package.server";
import { insertPayment, insertRefund } from "~/models/payment.server";
import { insertService } from "~/models/service.server";
import { insertUser } from "~/models/user.server";
import { createClientsStudio } from "~/services/people/client-fixtures.test-helper";
import { database } from "~db/client";
import type { BookingStatus, PaymentKind, PaymentMethod, RefundStatus, User } from "~db/schema/tenant";

/**
 * March 2026 at Camden (London, into summer time on 29 March) and Brooklyn (New York, into
 * summer time on 8 March), plus a studio-wide online sale, for the money reports. Each payment
 * is named by what it tests; the figures the tests expect are worked out in money.server.test.ts.
 *
 * Camden: a Yoga booking paid in cash (£15, a failed £15 refund), a no-show fee (£8, £3 refund
 * pending), the Ten classes pack at 23:59 on 31 March BST (£100, fee £1.50, £30 refunded on
 * 2 April), cash at 00:30 on 1 April BST (£2) and 23:30 on 28 February (£5).
 * Brooklyn: a PT session on the terminal (£40, fully refunded on 15 March), cash at 00:30 on
 * 9 March EDT (£7: the day after the 23-hour day), 23:30 on 31 March EDT (£3, 1 April in
 * London) and 23:30 on 28 February EST (£6).
 * Studio-wide: the Five classes pack online (£45).
 *
 * Credits (now = 10 April 2026): Amara holds 9 of a Ten classes pack (one spent on a Yoga class
 * on 20 March), Chloé 5 of a Five classes pack expiring 20 April (one spent on a PT session on
 * 21 March, then cancelled and given back), Ben 2 of 3 the studio gave (one spent on Yoga on
 * 25 March); Ella's Ten classes pack expired unused on 20 March, Amara's Five classes on
 * 20 February.
 */
export const MONEY_NOW = new Date("2026-04-10T12:00:00Z");
export const MARCH = { from: "2026-03-01", to: "2026-03-31" };

export async function moneyStudio() {
  const s = await createClientsStudio();
  const db = database();
  const { tenant } = s;
  const { t } = tenant;
  const { amara, ben, chloe, ella } = s.clients;
  const { instructor: priya, trainer: tom } = s.staff;
  const camden = s.camden;
  const brooklyn = await insertLocation(db, tenant, {
    name: "Brooklyn",
    timezone: "America/New_York",
    address: { line1: "1 Bedford Avenue", city: "New York", postcode: "11211", country: "US" },
    operatingHours: camden.operatingHours,
  });
  const nina = await insertUser(db, tenant, {
    email: `nina-${brooklyn.id.slice(0, 8)}@example.com`,
    fullName: "Nina Brooklyn",
    role: "location_manager",
    primaryLocationId: brooklyn.id,
    accessibleLocations: [brooklyn.id],
  });
  // The finance manager works for the whole studio: every location, so the studio-wide sales too.
  const [finance] = await db
    .update(t.users)
    .set({ accessibleLocations: [camden.id, s.shoreditch.id, brooklyn.id] })
    .where(eq(t.users.id, s.staff.finance.id))
    .returning();
  if (!finance) throw new Error("finance manager not updated");
  const yoga = await insertService(db, tenant, {
    name: "Yoga",
    type: "class",
    durationMinutes: 60,
    capacity: 12,
    locationIds: [camden.id],
  });
  const pt = await insertService(db, tenant, {
    name: "PT 1:1",
    type: "session",
    durationMinutes: 60,
    locationIds: [brooklyn.id],
  });
  const tenPack = await insertPackage(db, tenant, {
    name: "Ten classes",
    credits: 10,
    priceMinor: 10000,
    validDays: 90,
  });
  const fivePack = await insertPackage(db, tenant, {
    name: "Five classes",
    credits: 5,
    priceMinor: 4500,
    validDays: 60,
  });

  const book = (
    client: User,
    service: { id: string },
    by: User,
    locationId: string,
    at: string,
    status: BookingStatus,
  ) =>
    insertBooking(db, tenant, {
      clientId: client.id,
      serviceId: service.id,
      instructorId: by.id,
      locationId,
      startsAt: new Date(at),
      endsAt: new Date(new Date(at).getTime() + 60 * 60_000),
      status,
      bookingMethod: "admin_created",
      createdById: s.owner.id,
      ...(status === "cancelled" ? { cancelledAt: new Date("2026-03-19T10:00:00Z") } : {}),
    });
  const yogaPaid = await book(amara, yoga, priya, camden.id, "2026-03-10T18:00:00Z", "completed");
  const ptPaid = await book(ella, pt, tom, brooklyn.id, "2026-03-09T14:00:00Z", "completed");
  const yogaNoShow = await book(ben, yoga, priya, camden.id, "2026-03-12T18:00:00Z", "no_show");
  const yogaOnCredit = await book(amara, yoga, priya, camden.id, "2026-03-20T18:00:00Z", "completed");
  const ptCancelled = await book(chloe, pt, tom, brooklyn.id, "2026-03-21T15:00:00Z", "cancelled");
  const yogaOnGift = await book(ben, yoga, priya, camden.id, "2026-03-25T18:00:00Z", "completed");

  const pay = async (
    client: User,
    kind: PaymentKind,
    method: PaymentMethod,
    amountMinor: number,
    at: string,
    where: { locationId: string | null; bookingId?: string; packageId?: string; fee?: number; description: string },
  ) => {
    const payment = await insertPayment(db, tenant, {
      clientId: client.id,
      kind,
      method,
      status: "succeeded",
      amountMinor,
      currency: "GBP",
      applicationFeeMinor: where.fee ?? 0,
      description: where.description,
      bookingId: where.bookingId ?? null,
      packageId: where.packageId ?? null,
      locationId: where.locationId,
      takenById: s.staff.receptionist.id,
      paidAt: new Date(at),
    });
    await db
      .update(t.payments)
      .set({ createdAt: new Date(at) })
      .where(eq(t.payments.id, payment.id));
    return payment;
  };
  const refund = async (paymentId: string, amountMinor: number, status: RefundStatus, at: string) => {
    const row = await insertRefund(db, tenant, { paymentId, amountMinor, status, reason: "Asked for it" });
    if (!row) throw new Error("refund not inserted");
    await db
      .update(t.refunds)
      .set({ createdAt: new Date(at) })
      .where(eq(t.refunds.id, row.id));
    return row;
  };
  const payments = {
    yoga: await pay(amara, "booking", "cash", 1500, "2026-03-10T17:00:00Z", {
      locationId: camden.id,
      bookingId: yogaPaid.id,
      description: "Yoga, Tue 10 Mar 18:00",
    }),
    noShowFee: await pay(ben, "no_show_fee", "online_card", 800, "2026-03-13T09:00:00Z", {
      locationId: camden.id,
      bookingId: yogaNoShow.id,
      description: "No-show fee: Yoga, Thu 12 Mar 18:00",
    }),
    tenPack: await pay(amara, "package", "online_card", 10000, "2026-03-31T22:59:00Z", {
      locationId: camden.id,
      packageId: tenPack.id,
      fee: 150,
      description: "Ten classes",
    }),
    camdenApril: await pay(chloe, "other", "cash", 200, "2026-03-31T23:30:00Z", {
      locationId: camden.id,
      description: "Water",
    }),
    camdenFebruary: await pay(chloe, "other", "cash", 500, "2026-02-28T23:30:00Z", {
      locationId: camden.id,
      description: "Mat hire",
    }),
    pt: await pay(ella, "booking", "terminal", 4000, "2026-03-09T14:00:00Z", {
      locationId: brooklyn.id,
      bookingId: ptPaid.id,
      description: "PT 1:1",
    }),
    brooklynAfterClockChange: await pay(ella, "other", "cash", 700, "2026-03-09T04:30:00Z", {
      locationId: brooklyn.id,
      description: "Grip socks",
    }),
    brooklynLastEvening: await pay(ella, "other", "cash", 300, "2026-04-01T03:30:00Z", {
      locationId: brooklyn.id,
      description: "Towel",
    }),
    brooklynFebruary: await pay(ella, "other", "cash", 600, "2026-03-01T04:30:00Z", {
      locationId: brooklyn.id,
      description: "Water",
    }),
    fivePackOnline: await pay(chloe, "package", "online_card", 4500, "2026-03-05T12:00:00Z", {
      locationId: null,
      packageId: fivePack.id,
      description: "Five classes",
    }),
  };
  const refunds = {
    failed: await refund(payments.yoga.id, 1500, "failed", "2026-03-11T10:00:00Z"),
    noShowPartPending: await refund(payments.noShowFee.id, 300, "pending", "2026-03-14T10:00:00Z"),
    ptFull: await refund(payments.pt.id, 4000, "succeeded", "2026-03-15T12:00:00Z"),
    tenPackPartInApril: await refund(payments.tenPack.id, 3000, "succeeded", "2026-04-02T10:00:00Z"),
  };

  const grant = async (client: User, pack: { id: string; name: string } | null, credits: number, expires: string) => {
    const row = await insertCreditGrant(db, tenant, {
      clientId: client.id,
      packageId: pack?.id ?? null,
      name: pack?.name ?? "Welcome credits",
      locationIds: [],
      serviceIds: [],
      expiresAt: new Date(expires),
    });
    await insertLedgerEntries(db, tenant, [
      {
        clientId: client.id,
        grantId: row.id,
        bookingId: null,
        delta: credits,
        kind: "grant",
        reason: "Bought",
        actorId: null,
      },
    ]);
    return row;
  };
  const move = (client: User, grantId: string, bookingId: string, delta: number, kind: "spend" | "refund") =>
    insertLedgerEntries(db, tenant, [
      { clientId: client.id, grantId, bookingId, delta, kind, reason: kind, actorId: null },
    ]);
  const amaraTen = await grant(amara, tenPack, 10, "2026-06-30T00:00:00Z");
  const chloeFive = await grant(chloe, fivePack, 5, "2026-04-20T00:00:00Z");
  const benGift = await grant(ben, null, 3, "2026-07-01T00:00:00Z");
  await grant(ella, tenPack, 10, "2026-03-20T00:00:00Z");
  await grant(amara, fivePack, 5, "2026-02-20T00:00:00Z");
  await move(amara, amaraTen.id, yogaOnCredit.id, -1, "spend");
  await move(chloe, chloeFive.id, ptCancelled.id, -1, "spend");
  await move(chloe, chloeFive.id, ptCancelled.id, 1, "refund");
  await move(ben, benGift.id, yogaOnGift.id, -1, "spend");

  return { ...s, staff: { ...s.staff, finance }, brooklyn, nina, yoga, pt, tenPack, fivePack, payments, refunds };
}
