import { z } from "zod";
import { searchText } from "~/services/shared/schema-helpers";

/** The desk page's address and forms. Ids are checked for shape here, so a mangled one is a 400, not a query. */

const id = z.string().uuid("Choose again: that link is broken");

export const DeskQuerySchema = z.object({
  location: id.optional(),
  q: searchText(100).default(""),
  /** After a check-in redirected back: the booking checked in now, or one already checked in. */
  checked: id.optional(),
  already: id.optional(),
  waitlisted: z.literal("1").optional(),
  /** The results only, for the search as you type (the day is already on the page). */
  part: z.literal("results").optional(),
});

const location = id;

export const DeskFormSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("find"),
    location,
    q: searchText(100).pipe(z.string().min(1, "Type a name or scan a code")),
  }),
  z.object({ intent: z.literal("check-in"), location, bookingId: id }),
  z.object({ intent: z.literal("join-waitlist"), location, occurrenceId: id, clientId: id }),
]);
