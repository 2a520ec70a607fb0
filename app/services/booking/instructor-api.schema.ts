import { z } from "zod";
import { Id, IsoDateSchema } from "~/services/schedule/queries.schema";
import { BookingListQuerySchema } from "./api.schema";

/** The instructor API's query strings (the bodies are the availability editor's, see schedule/). */

/** GET /api/instructors: who teaches at one location. */
export const InstructorsQuerySchema = z.object({
  locationId: z.string().uuid("locationId must be a location's id").optional(),
});

/** The longest schedule one answer holds: a month, so it is never a list to page. */
export const SCHEDULE_MAX_DAYS = 31;

/** `?from=YYYY-MM-DD&to=YYYY-MM-DD&locationId=`: local days, `to` included. */
export const InstructorScheduleQuerySchema = z.object({
  from: IsoDateSchema.describe("The first local day, YYYY-MM-DD."),
  to: IsoDateSchema.describe(`The last local day, included; at most ${SCHEDULE_MAX_DAYS} days after \`from\`.`),
  locationId: Id.optional().describe("Only what happens at this location."),
});

/** GET /api/instructors/me/bookings: the bookings list's own filters, less whose they are. */
export const TeachingBookingsQuerySchema = BookingListQuerySchema.pick({
  from: true,
  to: true,
  locationId: true,
  status: true,
});
