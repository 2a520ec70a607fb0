import { z } from "zod";
import { isoDate, onlyKnownFields } from "~/services/shared/schema-helpers";

/**
 * Attendance and class notes as the API and the pages send them. A body carries only its own
 * fields; ids are uuids; a class's date (for a series id) is YYYY-MM-DD on the location's clock.
 */

export const NOTE_MAX = 2000;
export const CLASS_NOTE_MAX = 5000;
/** More ids than any class holds is a mistake or an attack, not a roster. */
const MAX_IDS = 500;

const date = isoDate({ format: "Send a date as YYYY-MM-DD", unreal: "That date does not exist" });

const note = (max: number) =>
  z.string({ invalid_type_error: "notes must be text" }).trim().max(max, `Keep notes under ${max} characters`);

const clientIds = (field: string) =>
  z
    .array(z.string({ invalid_type_error: `${field} must be client ids` }).uuid(`${field} must be client ids`), {
      invalid_type_error: `${field} must be a list of client ids`,
    })
    .max(MAX_IDS, `Send at most ${MAX_IDS} ids in ${field}`)
    .default([]);

/** POST /api/bookings/:id/complete */
export const CompleteBookingBody = onlyKnownFields(
  z.object({
    attended: z.boolean({
      required_error: "Send attended: true or false",
      invalid_type_error: "attended must be true or false",
    }),
    notes: note(NOTE_MAX).optional(),
  }),
);

/** POST /api/classes/:id/attendance */
export const ClassAttendanceBody = onlyKnownFields(
  z.object({
    date: date.optional(),
    attendees: clientIds("attendees"),
    absent: clientIds("absent"),
  }),
);

/** POST /api/classes/:id/notes */
export const ClassNoteBody = onlyKnownFields(
  z.object({
    date: date.optional(),
    notes: note(CLASS_NOTE_MAX).default(""),
  }),
);

/** The booking page's attendance form: "Attended" or "No-show" with an optional note. */
export const SessionAttendanceForm = z.object({
  intent: z.literal("attendance"),
  mark: z.enum(["attended", "no_show"], {
    required_error: "Choose attended or no-show",
    invalid_type_error: "Choose attended or no-show",
  }),
  attendanceNote: note(NOTE_MAX).optional(),
});

/** The class page's note form; an empty note clears it. */
export const ClassNoteForm = z.object({
  intent: z.literal("class-note"),
  notes: note(CLASS_NOTE_MAX).optional(),
});

/** The radio of one person on the class page's attendance form: `mark-<clientId>`. */
export const MARK_PREFIX = "mark-";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The class page's one attendance form, read by hand: one radio per person, named by their
 * client id, so the field names are not known to a schema in advance. Anything else is ignored.
 */
export function readClassMarks(form: FormData): { attendees: string[]; absent: string[] } {
  const attendees: string[] = [];
  const absent: string[] = [];
  for (const [key, value] of form.entries()) {
    if (!key.startsWith(MARK_PREFIX)) continue;
    const clientId = key.slice(MARK_PREFIX.length);
    if (!UUID.test(clientId) || attendees.length + absent.length >= MAX_IDS) continue;
    if (value === "attended") attendees.push(clientId);
    else if (value === "no_show") absent.push(clientId);
  }
  return { attendees, absent };
}
