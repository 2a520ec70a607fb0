import { z } from "zod";
import { BOOKING_METHODS, BOOKING_STATUSES, SERVICE_TYPES } from "~db/schema/tenant";
import "../operation";

/** Schemas the instructor and request operations share (not an area of its own). */

export const instant = (description: string) => z.string().datetime({ offset: true }).openapi({ description });
export const Named = z.object({ id: z.string().uuid(), name: z.string() });

/** A booking as GET /api/bookings answers it. */
export const BookingViewSchema = z
  .object({
    id: z.string().uuid(),
    kind: z.enum(SERVICE_TYPES),
    status: z.enum(BOOKING_STATUSES),
    method: z.enum(BOOKING_METHODS),
    serviceId: z.string().uuid(),
    serviceName: z.string(),
    occurrenceId: z.string().uuid().nullable().openapi({ description: "The class date, for a class booking." }),
    checkInCode: z.string(),
    startsAt: instant("When it starts."),
    endsAt: instant("When it ends."),
    timezone: z.string().openapi({ description: "The location's clock, an IANA zone." }),
    date: z.string().openapi({ description: "YYYY-MM-DD on the location's clock." }),
    dateLabel: z.string(),
    time: z.string(),
    endTime: z.string(),
    location: Named,
    instructor: Named,
    client: Named,
    spots: z.number().int(),
    notes: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    cancelReason: z.string().nullable(),
    creditForfeited: z.boolean(),
    rescheduledFromId: z.string().uuid().nullable(),
    confirmedBy: Named.nullable(),
    confirmedAt: z.string().nullable(),
    confirmationOverrideReason: z.string().nullable(),
  })
  .openapi("BookingView");
