import { parseWithZod } from "@conform-to/zod";
import { data, redirect } from "@remix-run/node";
import type { z } from "zod";
import { NotFound, Refused } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { changeClassCapacity } from "~/services/waitlist/capacity.server";
import { ClientWaitlistSchema, StaffWaitlistSchema } from "~/services/waitlist/forms.schema";
import { joinWaitlist, leaveWaitlist, requireEntryFor } from "~/services/waitlist/line.server";
import { moveWaitlistEntry } from "~/services/waitlist/move.server";
import { acceptOwnOffer, declineOffer } from "~/services/waitlist/offer.server";
import type { User } from "~db/schema/tenant";

/**
 * The class page's waitlist forms: a client's own place in line (join, leave, take or let go an
 * offer) and staff managing the line (add, move, remove, the class's places). Null when the
 * form is not one of these (a booking form). Success is POST-redirect-GET back to the class (or
 * on to the booking, or to Checkout); a refusal comes back for the alert beside the form.
 */
const CLIENT_INTENTS = new Set(["join-waitlist", "leave-waitlist", "take-offer", "decline-offer"]);
const STAFF_INTENTS = new Set(["waitlist-add", "waitlist-move", "waitlist-remove", "capacity"]);

type Ctx = { tenant: Tenant; actor: User; occurrenceId: string };

export async function waitlistAction(tenant: Tenant, actor: User, occurrenceId: string, form: FormData) {
  const intent = String(form.get("intent"));
  if (!CLIENT_INTENTS.has(intent) && !STAFF_INTENTS.has(intent)) return null;
  const submission = parseWithZod(form, {
    schema: CLIENT_INTENTS.has(intent) ? ClientWaitlistSchema : StaffWaitlistSchema,
  });
  if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
  const ctx = { tenant, actor, occurrenceId };
  try {
    return await answer(ctx, submission.value);
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    return data({ intent, refusal: { code: error.code, message: error.message } }, { status: error.status });
  }
}

type Value = z.infer<typeof ClientWaitlistSchema> | z.infer<typeof StaffWaitlistSchema>;

async function answer({ tenant, actor, occurrenceId }: Ctx, v: Value) {
  const back = (notice: string) => redirect(`/schedule/${occurrenceId}?waitlist=${notice}`, 303);
  /** The entry named by the form, if it is in this class's line and the actor may act on it. */
  const entryOf = async (id: string) => {
    const entry = await requireEntryFor(tenant, actor, id);
    if (entry.occurrenceId !== occurrenceId) throw new NotFound("There is no such waitlist place.");
    return entry;
  };
  switch (v.intent) {
    case "join-waitlist":
      await joinWaitlist(tenant, actor, { occurrenceId });
      return back("joined");
    case "leave-waitlist":
      await leaveWaitlist(tenant, actor, (await entryOf(v.entryId)).id);
      return back("left");
    case "decline-offer": {
      const entry = await entryOf(v.entryId);
      if (entry.clientId !== actor.id) throw new NotFound("There is no such waitlist place.");
      await declineOffer(tenant, entry);
      return back("declined");
    }
    case "take-offer": {
      const outcome = await acceptOwnOffer(tenant, actor, (await entryOf(v.entryId)).id, {
        idempotencyKey: v.idempotencyKey,
      });
      return outcome.kind === "booked"
        ? redirect(`/bookings/${outcome.booking.id}?booked=1`, 303)
        : redirect(outcome.redirectTo, 303);
    }
    case "waitlist-add":
      await joinWaitlist(tenant, actor, { occurrenceId, clientId: v.clientId });
      return back("added");
    case "capacity":
      await changeClassCapacity(tenant, actor, occurrenceId, v.capacity);
      return back("capacity");
    case "waitlist-move":
      await moveWaitlistEntry(tenant, actor, (await entryOf(v.entryId)).id, v.position, v.reason);
      return back("moved");
    case "waitlist-remove":
      await leaveWaitlist(tenant, actor, (await entryOf(v.entryId)).id, v.reason);
      return back("removed");
  }
}
