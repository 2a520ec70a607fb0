import { DateTime } from "luxon";
import { listShownBookings } from "../app/models/booking.server";
import { listOccurrencesBetween } from "../app/models/occurrence.server";
import { listPackages } from "../app/models/package.server";
import { findUserByEmail } from "../app/models/user.server";
import { bookClass } from "../app/services/booking/engine.server";
import { clientCredits, grantCredits } from "../app/services/credits/ledger.server";
import type { Tenant } from "../app/services/tenancy/tenant.server";
import type { Db } from "./client";
import { inLanes } from "./seed-parallel";

/**
 * The studio's regulars: clients who fill the demo's classes, so the schedule, the desk and the
 * reports show a studio at work. The named demo clients (Amara, Ben…) keep their own credits
 * and bookings as the journeys and the README describe them. None of these names contains
 * another demo client's (a search for "Ben" finds Ben). Their mobiles are in Ofcom's drama range
 * (07700 900xxx), so the demo's texts reach no one; Lucia has no phone, so staff see a client
 * who gets email only.
 */
export const REGULARS: { email: string; fullName: string; home: "camden" | "shoreditch"; phone?: string }[] = [
  { email: "aisha.rahman@demo.test", fullName: "Aisha Rahman", home: "camden", phone: "+447700900111" },
  { email: "callum.fraser@demo.test", fullName: "Callum Fraser", home: "camden", phone: "+447700900112" },
  { email: "daniel.kim@demo.test", fullName: "Daniel Kim", home: "shoreditch", phone: "+447700900113" },
  { email: "farah.haddad@demo.test", fullName: "Farah Haddad", home: "camden", phone: "+447700900114" },
  { email: "george.whitfield@demo.test", fullName: "George Whitfield", home: "shoreditch", phone: "+447700900115" },
  { email: "hannah.lewis@demo.test", fullName: "Hannah Lewis", home: "camden", phone: "+447700900116" },
  { email: "imogen.clarke@demo.test", fullName: "Imogen Clarke", home: "shoreditch", phone: "+447700900117" },
  { email: "jack.oconnor@demo.test", fullName: "Jack O'Connor", home: "camden", phone: "+447700900118" },
  { email: "kemi.adeyemi@demo.test", fullName: "Kemi Adeyemi", home: "shoreditch", phone: "+447700900119" },
  { email: "leo.marsh@demo.test", fullName: "Leo Marsh", home: "camden", phone: "+447700900120" },
  { email: "maya.goldstein@demo.test", fullName: "Maya Goldstein", home: "shoreditch", phone: "+447700900121" },
  { email: "nina.petrova@demo.test", fullName: "Nina Petrova", home: "camden", phone: "+447700900122" },
  { email: "oscar.lindgren@demo.test", fullName: "Oscar Lindgren", home: "shoreditch", phone: "+447700900123" },
  { email: "poppy.walsh@demo.test", fullName: "Poppy Walsh", home: "camden", phone: "+447700900124" },
  { email: "rhys.morgan@demo.test", fullName: "Rhys Morgan", home: "shoreditch", phone: "+447700900125" },
  { email: "sana.qureshi@demo.test", fullName: "Sana Qureshi", home: "camden", phone: "+447700900126" },
  { email: "theo.wright@demo.test", fullName: "Theo Wright", home: "shoreditch", phone: "+447700900127" },
  { email: "yusuf.demir@demo.test", fullName: "Yusuf Demir", home: "camden", phone: "+447700900128" },
  { email: "zoe.fitzgerald@demo.test", fullName: "Zoe Fitzgerald", home: "shoreditch", phone: "+447700900129" },
  { email: "lucia.romano@demo.test", fullName: "Lucia Romano", home: "camden" },
];

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * How far ahead the regulars book: the days a client or the desk looks at. Each place is a real
 * booking (a few queries and a transaction), and the seed runs at every start.
 */
const DAYS_BOOKED = 5;
const PACK = "10-class pack";
/** Classes booked side by side: each class's places are taken in turn, different classes at once. */
const LANES = 4;

/**
 * How many places a class runs with, by when it is: the after-work class and Saturday's
 * mid-morning one fill up, lunchtimes and Sunday's late morning leave one or two places, the
 * classes either side of the after-work one a quarter or so, early and mid-morning ones a few.
 * The first class of a day is never full.
 */
export function placesWanted(capacity: number, local: DateTime): number {
  const weekday = local.weekday <= 5;
  if ((weekday && local.hour === 18) || (local.weekday === 6 && local.hour === 10)) return capacity;
  if (local.hour === 12 || (local.weekday === 7 && local.hour === 11)) return capacity - 1 - (local.day % 2);
  if (local.hour === 17 || local.hour === 19) return Math.round(capacity / 4) + (local.day % 3);
  return 1 + (local.day % 3);
}

/**
 * Fills the coming days' classes with the regulars, through the booking engine (each books
 * their own place and spends a credit), buying them a 10-class pack when they run short. It
 * runs at every start on whatever date it is, so the coming days always look lived in; a
 * class any regular has ever booked (or cancelled) is left as it is, so a second run adds nothing.
 */
export async function fillTheWeek(db: Db, tenant: Tenant, now = new Date()) {
  const owner = await findUserByEmail(db, tenant, "owner@demo.test");
  const pack = (await listPackages(db, tenant)).find((p) => p.name === PACK);
  const regulars = (await Promise.all(REGULARS.map((r) => findUserByEmail(db, tenant, r.email)))).filter(
    (u) => u !== undefined,
  );
  if (!owner || !pack || regulars.length === 0) return;
  const to = new Date(now.getTime() + DAYS_BOOKED * DAY_MS);
  const ours = new Set(regulars.map((r) => r.id));
  const touched = new Set(
    (await listShownBookings(db, tenant, { from: now, to, limit: 5000 }))
      .filter(({ booking }) => ours.has(booking.clientId))
      .map(({ booking }) => booking.occurrenceId),
  );
  const classes = (await listOccurrencesBetween(db, tenant, { from: now, to })).filter(
    ({ occurrence, serviceType }) =>
      serviceType === "class" && occurrence.status === "scheduled" && !touched.has(occurrence.id),
  );

  // Who takes which place, decided first so each regular can buy the credits they need.
  const plan = classes.map(({ occurrence, locationTimezone }, index) => {
    const local = DateTime.fromJSDate(occurrence.startsAt, { zone: locationTimezone });
    const wanted = Math.min(placesWanted(occurrence.capacity, local), regulars.length) - occurrence.bookedSpots;
    const first = (index * 7) % regulars.length;
    const clients = Array.from({ length: Math.max(0, wanted) }, (_, i) => regulars[(first + i) % regulars.length]);
    return { occurrence, clients: clients.filter((c) => c !== undefined) };
  });
  const need = new Map<string, number>();
  for (const { clients } of plan) for (const c of clients) need.set(c.id, (need.get(c.id) ?? 0) + 1);
  for (const client of regulars.filter((r) => need.has(r.id))) {
    let short = (need.get(client.id) ?? 0) - (await clientCredits(tenant, owner, client.id, now)).balance;
    for (; short > 0; short -= pack.credits)
      await grantCredits(tenant, owner, { clientId: client.id, packageId: pack.id, reason: "Bought at the desk" }, now);
  }
  await inLanes(plan, LANES, async ({ occurrence, clients }) => {
    for (const client of clients) {
      // A refusal (a class the packs do not cover, say) leaves that place free: still a demo.
      await bookClass(tenant, client, { occurrenceId: occurrence.id }, { now }).catch(() => undefined);
    }
  });
}
