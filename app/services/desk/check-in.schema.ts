import { z } from "zod";

/**
 * What a check-in sends: the booking page's button, and the API's optional body. The position is
 * untrusted either way; readPosition judges it (a latitude of 91 is no position at all).
 */

/** The booking page's button: the enhancement script's fields are text, empty without JavaScript. */
const typed = z.string().max(40).optional();
export const CheckInFormSchema = z.object({
  intent: z.literal("check-in"),
  latitude: typed,
  longitude: typed,
  accuracy: typed,
});

/** POST /api/bookings/:id/checkin { latitude?, longitude?, accuracy? }: numbers in degrees and metres. */
const coordinate = z.number().nullable().optional();
export const CheckInBodySchema = z.object({ latitude: coordinate, longitude: coordinate, accuracy: coordinate });
