import { parseWithZod } from "@conform-to/zod";
import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import { ClassNoteForm, readClassMarks } from "~/services/desk/attendance.schema";
import { markClassAttendance, saveClassNote } from "~/services/desk/attendance.server";
import { checkIn } from "~/services/desk/check-in.server";
import { Refused } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { User } from "~db/schema/tenant";

/**
 * The class page's roster forms: check one person in, save the class's attendance, write the
 * class note. Null when the form is another of the page's. Check-in and attendance answer with
 * what happened (a fee, a kept credit) beside the roster; saving them again changes nothing.
 * The note goes POST-redirect-GET. A refusal comes back as the alert above the roster.
 */
const INTENTS = new Set(["check-in", "attendance", "class-note"]);
const CheckInForm = z.object({ bookingId: z.string().uuid("Choose whom to check in") });

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export async function rosterAction(tenant: Tenant, actor: User, occurrenceId: string, form: FormData) {
  const intent = String(form.get("intent"));
  if (!INTENTS.has(intent)) return null;
  const said = (ok: boolean, messages: string[], status = 200) => data({ roster: { ok, messages } }, { status });
  try {
    if (intent === "check-in") {
      const submission = parseWithZod(form, { schema: CheckInForm });
      if (submission.status !== "success") return said(false, ["Choose whom to check in."], 400);
      const result = await checkIn(tenant, actor, submission.value.bookingId, { via: "staff" });
      return said(true, [result.message]);
    }
    if (intent === "attendance") {
      const result = await markClassAttendance(tenant, actor, occurrenceId, readClassMarks(form));
      const counts = `${plural(result.attended, "attended", "attended")}, ${plural(result.noShow, "no-show", "no-shows")}`;
      return said(true, [`Attendance saved: ${counts}.`, ...result.messages]);
    }
    const submission = parseWithZod(form, { schema: ClassNoteForm });
    if (submission.status !== "success") return said(false, ["Keep the note under 5000 characters."], 400);
    await saveClassNote(tenant, actor, occurrenceId, { notes: submission.value.notes ?? "" });
    return redirect(`/schedule/${occurrenceId}?note-saved=1#roster`, 303);
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    return said(false, [error.message], error.status);
  }
}
