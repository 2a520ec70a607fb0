import { randomUUID } from "node:crypto";
import { insertBooking } from "~/models/booking.server";
import { insertCreditGrant, insertLedgerEntries } from "~/models/credit.server";
import { insertService } from "~/models/service.server";
import { insertUser } from "~/models/user.server";
import { createClientsStudio } from "~/services/people/client-fixtures.test-helper";
import { database } from "~db/client";
import type { BookingStatus, User } from "~db/schema/tenant";

/**
 * Visit histories for the churn tests, all at fixed instants around NOW (Wednesday 2 December
 * 2026, 12:00 in London). The last 4 weeks are [4 November 12:00, NOW); the 12 weeks before
 * them [12 August 12:00, 4 November 12:00). Each client's history, and where they stand:
 * - Tara Twice: twice a week for 12 weeks (24), once since → dropped (score 175).
 * - Walter Weekly: weekly for 12 weeks, nothing since (a cancelled and a no-show booking do not
 *   count), last visit 28 October → dropped and inactive 35 days (135).
 * - Clara Credits: 3 credits expiring 10 December (inside 14 days), 5 more on 30 December
 *   (outside), 2 that expired 30 November → 3 credits (120).
 * - Ian Inactive: one visit, 15 September → inactive 78 days (78).
 * - Sam Shoreditch (home Shoreditch): one visit there on 3 October → inactive 60 days (60).
 * - Adam Ahead: weekly then nothing, like Walter, but booked for 9 December, and 1 credit
 *   expiring 5 December → only the credit (40).
 * - Paula Past: last visit 2 November, 30 days → inactive, on the setting's edge (30).
 * - Justin Inside: last visit 3 November, 29 days → not flagged.
 * - Olive Occasional: every three weeks (3 before, 1 since) → not flagged.
 */
export const NOW = new Date("2026-12-02T12:00:00Z");
const DAY = 24 * 60 * 60 * 1000;
const at = (iso: string) => new Date(iso);
const plusDays = (date: Date, days: number) => new Date(date.getTime() + days * DAY);

export async function createChurnStudio() {
  const s = await createClientsStudio();
  const { tenant } = s;
  const db = database();
  const tag = randomUUID().slice(0, 8);
  const service = await insertService(db, tenant, {
    name: "Reformer",
    type: "class",
    durationMinutes: 60,
    capacity: 10,
    locationIds: [s.camden.id, s.shoreditch.id],
  });
  const client = (fullName: string, home = s.camden.id) =>
    insertUser(db, tenant, {
      email: `${fullName.split(" ")[0]!.toLowerCase()}-${tag}@example.com`,
      fullName,
      role: "client",
      phone: null,
      messageChannels: "email",
      primaryLocationId: home,
      accessibleLocations: [home],
    });
  const visit = (who: User, startsAt: Date, status: BookingStatus = "completed", locationId = s.camden.id) =>
    insertBooking(db, tenant, {
      clientId: who.id,
      serviceId: service.id,
      instructorId: s.staff.instructor.id,
      locationId,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 60 * 60_000),
      status,
      bookingMethod: "admin_created",
      createdById: s.staff.owner.id,
    });
  const weekly = async (who: User, first: Date, weeks: number) => {
    for (let week = 0; week < weeks; week++) await visit(who, plusDays(first, 7 * week));
  };
  const credits = async (who: User, credits: number, expiresAt: Date) => {
    const grant = await insertCreditGrant(db, tenant, {
      clientId: who.id,
      packageId: null,
      name: "Credits from the studio",
      locationIds: [],
      serviceIds: [],
      expiresAt,
    });
    await insertLedgerEntries(db, tenant, [
      {
        clientId: who.id,
        grantId: grant.id,
        bookingId: null,
        delta: credits,
        kind: "grant",
        reason: "Test",
        actorId: null,
      },
    ]);
  };

  const tara = await client("Tara Twice");
  await weekly(tara, at("2026-08-13T18:00:00Z"), 12);
  await weekly(tara, at("2026-08-15T09:00:00Z"), 12);
  await visit(tara, at("2026-11-20T18:00:00Z"));

  const walter = await client("Walter Weekly");
  await weekly(walter, at("2026-08-12T18:00:00Z"), 12);
  await visit(walter, at("2026-11-11T18:00:00Z"), "cancelled");
  await visit(walter, at("2026-11-18T18:00:00Z"), "no_show");

  const clara = await client("Clara Credits");
  await visit(clara, at("2026-11-25T18:00:00Z"));
  await credits(clara, 3, at("2026-12-10T12:00:00Z"));
  await credits(clara, 5, at("2026-12-30T12:00:00Z"));
  await credits(clara, 2, at("2026-11-30T12:00:00Z"));

  const ian = await client("Ian Inactive");
  await visit(ian, at("2026-09-15T18:00:00Z"));

  const sam = await client("Sam Shoreditch", s.shoreditch.id);
  await visit(sam, at("2026-10-03T10:00:00Z"), "checked_in", s.shoreditch.id);

  const adam = await client("Adam Ahead");
  await weekly(adam, at("2026-08-12T18:00:00Z"), 12);
  await visit(adam, at("2026-12-09T18:00:00Z"), "confirmed");
  await credits(adam, 1, at("2026-12-05T12:00:00Z"));

  const paula = await client("Paula Past");
  await visit(paula, at("2026-11-02T18:00:00Z"));

  const justin = await client("Justin Inside");
  await visit(justin, at("2026-11-03T18:00:00Z"));

  const olive = await client("Olive Occasional");
  for (const day of ["2026-09-01", "2026-09-22", "2026-10-13", "2026-11-10"])
    await visit(olive, at(`${day}T18:00:00Z`));

  return { ...s, service, at: { tara, walter, clara, ian, sam, adam, paula, justin, olive }, credits, visit };
}
