import {
  findShownBooking,
  listShownBookings,
  lockBooking,
  lockLiveBookingsForOccurrences,
  updateBooking,
} from "~/models/booking.server";
import { deleteClassNote, upsertClassNote } from "~/models/class-note.server";
import { insertDomainEvents } from "~/models/domain-event.server";
import { findStudioSettings } from "~/models/studio-settings.server";
import { findClassOn } from "~/services/booking/views.server";
import { can } from "~/services/identity/permissions";
import { localTimeOf } from "~/services/schedule/local-time";
import { Forbidden, NotFound, Refused } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database, type Executor } from "~db/client";
import type { Booking, StudioSettings, User } from "~db/schema/tenant";
import { applyNoShowRule, noShowCorrection } from "./no-show.server";

/**
 * Attendance: a booking marked attended (`completed`) or a no-show (`no_show`), one at a time
 * (a 1:1 session) or a whole class in one form, and the class's note for its date. Marking opens
 * at the start: before it nobody can have missed anything, and arriving early is what check-in
 * records. A mark may be corrected either way; a no-show applies the studio's rule once per mark.
 */

export type AttendanceMark = { attended: boolean; note?: string };
export type MarkResult = {
  bookingId: string;
  status: "completed" | "no_show";
  changed: boolean;
  message: string;
  /** What the rule or the correction did beyond the mark itself (a fee, a kept credit), if worth saying. */
  detail: string | null;
};

const NO_SUCH_BOOKING = "There is no such booking.";
const NO_SUCH_CLASS = "Class not found";

/** Instructors for what they teach; the desk and managers at their locations; never clients or finance. */
function assertMayMark(actor: User, subject: { locationId: string; scheduleOwnerId: string }, missing: string) {
  const decision = can(actor, "attendance.mark", subject);
  if (decision.allowed) return;
  // Staff elsewhere are not told it exists; an instructor here is told why not.
  if (decision.reason === "location") throw new NotFound(missing);
  throw new Forbidden(
    decision.reason === "own_schedule_only"
      ? "You can mark attendance only for your own sessions and classes."
      : "Your role cannot mark attendance.",
  );
}

/** The refusal for a booking that cannot be marked now, or null when it can. */
function markRefusal(booking: Booking, zone: string, now: Date): Refused | null {
  switch (booking.status) {
    case "cancelled":
      return new Refused(409, "BOOKING_CANCELLED", "This booking was cancelled.");
    case "pending":
      return new Refused(409, "BOOKING_PENDING", "This booking is waiting for the instructor to confirm it.");
    case "awaiting_payment":
      return new Refused(409, "PAYMENT_PENDING", "This booking is not paid yet, so it cannot be marked.");
    default:
      if (now < booking.startsAt)
        return new Refused(
          409,
          "NOT_STARTED",
          `Attendance can be marked from the start, ${localTimeOf(booking.startsAt, zone)}.`,
        );
      return null;
  }
}

/**
 * Marks one locked booking. Marking it as it already is only rewrites the note (a rule applies
 * once per change to no-show); a change applies the no-show rule or says what its correction keeps.
 */
async function writeMark(
  tx: Executor,
  tenant: Tenant,
  actor: User,
  booking: Booking,
  mark: AttendanceMark,
  settings: Pick<StudioSettings, "noShowRule" | "noShowFeeMinor">,
  clientName: string,
  now: Date,
): Promise<MarkResult> {
  const status = mark.attended ? "completed" : "no_show";
  const note = mark.note === undefined ? {} : { attendanceNote: mark.note.trim() || null };
  const said = mark.attended ? `Marked attended: ${clientName}.` : `Marked as a no-show: ${clientName}.`;
  if (booking.status === status) {
    if (mark.note !== undefined) await updateBooking(tx, tenant, booking.id, note);
    return { bookingId: booking.id, status, changed: false, message: `${said} (no change)`, detail: null };
  }
  let detail: string | null = null;
  let creditForfeited = false;
  if (mark.attended) {
    if (booking.status === "no_show") detail = await noShowCorrection(tx, tenant, booking);
    await insertDomainEvents(tx, tenant, [
      {
        type: "booking.attended",
        bookingId: booking.id,
        occurrenceId: booking.occurrenceId,
        payload: { clientId: booking.clientId, by: actor.id, corrected: booking.status === "no_show" },
      },
    ]);
  } else {
    const outcome = await applyNoShowRule(tx, tenant, actor, booking, settings);
    creditForfeited = outcome.creditKept;
    detail = outcome.message;
  }
  await updateBooking(tx, tenant, booking.id, {
    status,
    attendanceMarkedAt: now,
    attendanceMarkedById: actor.id,
    creditForfeited,
    ...note,
  });
  const message = detail ? `${said} ${detail}` : said;
  return { bookingId: booking.id, status, changed: true, message, detail };
}

/** One booking (a 1:1 session, or one person of a class) marked attended or a no-show, with a note. */
export async function completeSession(
  tenant: Tenant,
  actor: User,
  bookingId: string,
  mark: AttendanceMark,
  now = new Date(),
): Promise<MarkResult> {
  const db = database();
  const shown = await findShownBooking(db, tenant, bookingId);
  if (!shown) throw new NotFound(NO_SUCH_BOOKING);
  const { booking } = shown;
  assertMayMark(actor, { locationId: booking.locationId, scheduleOwnerId: booking.instructorId }, NO_SUCH_BOOKING);
  const early = markRefusal(booking, shown.timezone, now);
  if (early) throw early;
  const settings = await findStudioSettings(db, tenant);
  return db.transaction(async (tx) => {
    const locked = await lockBooking(tx, tenant, booking.id);
    if (!locked) throw new NotFound(NO_SUCH_BOOKING);
    const changed = markRefusal(locked, shown.timezone, now);
    if (changed) throw changed;
    return writeMark(tx, tenant, actor, locked, mark, settings, shown.clientName, now);
  });
}

export type ClassAttendance = { date?: string; attendees: string[]; absent: string[] };
export type ClassAttendanceResult = {
  occurrenceId: string;
  attended: number;
  noShow: number;
  unchanged: number;
  /** What was worth saying about particular people (a fee, a kept credit, a correction). */
  messages: string[];
};

/**
 * A whole class's attendance in one form and one transaction: every id must be a client booked
 * into it (else 400 naming them), people already checked in or marked are marked as the form
 * says, and anyone left out of both lists is left as they are.
 */
export async function markClassAttendance(
  tenant: Tenant,
  actor: User,
  classId: string,
  form: ClassAttendance,
  now = new Date(),
): Promise<ClassAttendanceResult> {
  const db = database();
  const row = await findClassOn(tenant, classId, form.date);
  const { occurrence } = row;
  assertMayMark(actor, { locationId: occurrence.locationId, scheduleOwnerId: occurrence.instructorId }, NO_SUCH_CLASS);
  const attendees = new Set(form.attendees);
  const absent = new Set(form.absent);
  const both = [...attendees].filter((id) => absent.has(id));
  if (both.length > 0)
    throw new Refused(400, "MARKED_TWICE", `Mark each person once, attended or absent: ${both.join(", ")}.`);
  if (occurrence.status === "cancelled") throw new Refused(409, "CLASS_CANCELLED", "This class was cancelled.");
  if (now < occurrence.startsAt)
    throw new Refused(
      409,
      "NOT_STARTED",
      `Attendance can be marked from the start, ${localTimeOf(occurrence.startsAt, row.locationTimezone)}.`,
    );
  const [settings, shown] = await Promise.all([
    findStudioSettings(db, tenant),
    listShownBookings(db, tenant, { occurrenceId: occurrence.id, limit: 1000 }),
  ]);
  const names = new Map(shown.map((s) => [s.booking.clientId, s.clientName]));
  return db.transaction(async (tx) => {
    const live = await lockLiveBookingsForOccurrences(tx, tenant, [occurrence.id]);
    const byClient = new Map(live.map((b) => [b.clientId, b]));
    const strangers = [...attendees, ...absent].filter((id) => !byClient.has(id));
    if (strangers.length > 0)
      throw new Refused(400, "NOT_IN_CLASS", `Not booked into this class: ${strangers.join(", ")}.`);
    const marks = [
      ...[...attendees].map((id) => ({ booking: byClient.get(id) as Booking, attended: true })),
      ...[...absent].map((id) => ({ booking: byClient.get(id) as Booking, attended: false })),
    ];
    const unmarkable = marks.filter((m) => markRefusal(m.booking, row.locationTimezone, now));
    if (unmarkable.length > 0) {
      const who = unmarkable.map((m) => names.get(m.booking.clientId) ?? m.booking.clientId).join(", ");
      throw new Refused(409, "NOT_MARKABLE", `Not confirmed yet, so not marked: ${who}.`);
    }
    const result: ClassAttendanceResult = {
      occurrenceId: occurrence.id,
      attended: 0,
      noShow: 0,
      unchanged: 0,
      messages: [],
    };
    for (const m of marks) {
      const name = names.get(m.booking.clientId) ?? "";
      const done = await writeMark(tx, tenant, actor, m.booking, { attended: m.attended }, settings, name, now);
      if (!done.changed) result.unchanged += 1;
      else if (done.status === "completed") result.attended += 1;
      else result.noShow += 1;
      if (done.detail) result.messages.push(`${name}: ${done.detail}`);
    }
    return result;
  });
}

/** The class's note for its date, written (or cleared, when empty) by whoever may mark its attendance. */
export async function saveClassNote(
  tenant: Tenant,
  actor: User,
  classId: string,
  input: { date?: string; notes: string },
) {
  const { occurrence } = await findClassOn(tenant, classId, input.date);
  assertMayMark(actor, { locationId: occurrence.locationId, scheduleOwnerId: occurrence.instructorId }, NO_SUCH_CLASS);
  const body = input.notes.trim();
  const db = database();
  if (!body) {
    await deleteClassNote(db, tenant, occurrence.id);
    return { occurrenceId: occurrence.id, notes: "", updatedAt: null };
  }
  const note = await upsertClassNote(db, tenant, { occurrenceId: occurrence.id, body, authorId: actor.id });
  return { occurrenceId: occurrence.id, notes: note.body, updatedAt: note.updatedAt.toISOString() };
}
