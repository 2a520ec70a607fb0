import { DateTime } from "luxon";
import {
  findIntroSignup,
  introPaid,
  listIntroQueue,
  lockIntroSignup,
  updateIntroSignup,
} from "~/models/intro-signup.server";
import { findLocationById, listActiveLocations } from "~/models/location.server";
import { listBookableInstructors } from "~/models/staff.server";
import { bookSession } from "~/services/booking/engine.server";
import { can, canAccessLocation, mayEver } from "~/services/identity/permissions";
import { availableSlots } from "~/services/schedule/availability.server";
import { Forbidden, NotFound, Refused } from "~/services/shared/errors";
import { formatMoney } from "~/services/shared/money";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { DAY_PART_LABELS, type DayPart, type IntroMatch, WEEKDAYS } from "./intro.schema";

/**
 * The intro matching queue: the owner (and each manager, for their locations) matches a new
 * client with an instructor and books their first session through the engine, which tells the
 * client by SMS and email. Matching assigns an instructor's time, so it takes `team.manage`.
 */

const MANAGERS_ONLY = "Only managers and the owner match new clients with instructors.";
const GONE = "This sign-up has already been matched or cancelled.";

function mayMatchAt(actor: User, locationId: string) {
  return can(actor, "team.manage", { locationId }).allowed;
}

/** A sign-up the actor may match or cancel: 404 for another studio's id, 403 for another location's. */
async function requireSignup(tenant: Tenant, actor: User, signupId: string) {
  if (!mayEver(actor.role, "team.manage")) throw new Forbidden(MANAGERS_ONLY);
  const signup = await findIntroSignup(database(), tenant, signupId);
  if (!signup) throw new NotFound("There is no such intro sign-up here.");
  if (!mayMatchAt(actor, signup.locationId))
    throw new Forbidden("You can only match new clients at the locations you manage.");
  return signup;
}

/** How a sign-up's payment stands, for staff. */
function paymentText(row: Awaited<ReturnType<typeof listIntroQueue>>[number], price: string) {
  if (row.paid)
    return { paid: true, text: row.signup.payAtDesk ? `Paid ${price} at the desk` : `Paid ${price} online` };
  if (row.signup.payAtDesk)
    return { paid: false, text: `${price} to pay at the desk before the first session is booked` };
  if (row.paymentStatus === "expired" || row.paymentStatus === "failed")
    return { paid: false, text: "Online payment did not go through; the client can try again" };
  return { paid: false, text: "Paying online (not finished yet)" };
}

/**
 * The queue, oldest first, with each client's preferences and payment. For the sign-up and date
 * the page asks about (`look`), each instructor's free starts that day, so a real time is picked.
 */
export async function introQueue(
  tenant: Tenant,
  actor: User,
  look: { signupId?: string | null; date?: string | null },
  now = new Date(),
) {
  if (!mayEver(actor.role, "team.manage")) throw new Forbidden(MANAGERS_ONLY);
  const db = database();
  const locations = (await listActiveLocations(db, tenant)).filter(
    (l) => canAccessLocation(actor, l.id) && mayMatchAt(actor, l.id),
  );
  const rows = locations.length
    ? await listIntroQueue(
        db,
        tenant,
        locations.map((l) => l.id),
      )
    : [];
  const instructorsAt = new Map<string, { id: string; name: string }[]>();
  for (const location of locations) {
    const people = await listBookableInstructors(db, tenant, location.id);
    instructorsAt.set(
      location.id,
      people.map((p) => ({ id: p.id, name: p.fullName })),
    );
  }
  const signups = [];
  for (const row of rows) {
    const { signup } = row;
    const price = formatMoney(row.priceMinor, tenant.studio.currency);
    const today = DateTime.fromJSDate(now, { zone: row.timezone }).toISODate() as string;
    const looked = look.signupId === signup.id && look.date ? look.date : null;
    signups.push({
      id: signup.id,
      clientId: signup.clientId,
      clientName: row.clientName,
      clientEmail: row.clientEmail,
      clientPhone: row.clientPhone,
      signedUp: DateTime.fromJSDate(signup.createdAt, { zone: row.timezone })
        .setLocale("en-GB")
        .toFormat("d LLL yyyy HH:mm"),
      offer: `${row.packageName} (${row.serviceName})`,
      locationName: row.locationName,
      days: signup.preferredDays.map((d) => WEEKDAYS[d - 1]?.label ?? "").join(", "),
      dayParts: signup.preferredDayParts.map((p) => DAY_PART_LABELS[p as DayPart] ?? p).join(", "),
      notes: signup.notes,
      payment: paymentText(row, price),
      instructors: instructorsAt.get(signup.locationId) ?? [],
      date: looked ?? today,
      freeTimes: looked ? await freeTimes(tenant, signup.serviceId, signup.locationId, looked, now) : null,
      idempotencyKey: crypto.randomUUID(),
    });
  }
  return { signups };
}

/** Each instructor's free starts on a local date, for a session at a location (staff rules). */
async function freeTimes(tenant: Tenant, serviceId: string, locationId: string, date: string, now: Date) {
  try {
    const day = await availableSlots(tenant, { serviceId, locationId, date, forStaff: true }, now);
    return day.instructors.map((person) => ({
      name: person.fullName,
      times: person.slots.map((slot) =>
        DateTime.fromJSDate(slot.startsAt, { zone: day.location.timezone }).toFormat("HH:mm"),
      ),
    }));
  } catch (error) {
    if (error instanceof NotFound) return [];
    throw error;
  }
}

/**
 * Books the client's first session with the chosen instructor at the chosen time, checked by the
 * engine like any booking staff make (free, within hours), and marks the sign-up matched in the
 * same transaction: the engine's `before` locks the sign-up and re-checks it is paid and still
 * to match (two people matching at once: one booking), `after` records the booking. A refusal
 * changes nothing. The engine's booking notice confirms the session to the client.
 */
export async function matchIntro(tenant: Tenant, actor: User, input: IntroMatch, now = new Date()) {
  const signup = await requireSignup(tenant, actor, input.signupId);
  if (signup.status === "matched" || signup.status === "cancelled") throw new Refused(409, "ALREADY_MATCHED", GONE);
  const location = await findLocationById(database(), tenant, signup.locationId);
  if (!location) throw new NotFound("This sign-up's location no longer exists.");
  const start = DateTime.fromISO(`${input.date}T${input.time}`, { zone: location.timezone });
  if (!start.isValid || start.toFormat("HH:mm") !== input.time)
    throw new Refused(422, "INVALID_TIME", "That time does not exist on that day here. Please pick another.");
  if (start.toJSDate() <= now) throw new Refused(422, "IN_THE_PAST", "Pick a time in the future.");
  const outcome = await bookSession(
    tenant,
    actor,
    {
      serviceId: signup.serviceId,
      locationId: signup.locationId,
      startsAt: start.toJSDate(),
      instructorId: input.instructorId,
      clientId: signup.clientId,
      notes: signup.notes ? `Intro session. ${signup.notes}` : "Intro session",
    },
    { idempotencyKey: input.idempotencyKey, now },
    {
      before: async (tx) => {
        const locked = await lockIntroSignup(tx, tenant, signup.id);
        if (!locked || (locked.status !== "to_match" && locked.status !== "awaiting_payment"))
          throw new Refused(409, "ALREADY_MATCHED", GONE);
        if (!(await introPaid(tx, tenant, locked)))
          throw new Refused(
            409,
            "NOT_PAID",
            locked.payAtDesk
              ? "This client has not paid yet. Take the payment at the desk first (Clients › Take a payment)."
              : "This client's online payment has not gone through yet.",
          );
      },
      after: async (tx, booking) => {
        await updateIntroSignup(tx, tenant, signup.id, {
          status: "matched",
          bookingId: booking.id,
          matchedById: actor.id,
          matchedAt: now,
        });
      },
    },
  );
  return outcome.booking;
}

/** Staff cancel a sign-up still waiting, with the reason (shown to the client on the intro page). */
export async function cancelIntro(tenant: Tenant, actor: User, signupId: string, reason: string) {
  await requireSignup(tenant, actor, signupId);
  await database().transaction(async (tx) => {
    const locked = await lockIntroSignup(tx, tenant, signupId);
    if (!locked || (locked.status !== "to_match" && locked.status !== "awaiting_payment"))
      throw new Refused(409, "ALREADY_MATCHED", GONE);
    await updateIntroSignup(tx, tenant, signupId, { status: "cancelled", cancelReason: reason });
  });
}
