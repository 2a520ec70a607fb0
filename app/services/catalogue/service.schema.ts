import { z } from "zod";
import { BOOKING_MODES, SERVICE_TYPES, WAITLIST_MODES } from "~db/schema/tenant";

/** Typed pounds ("45", "45.50") to pence, without floating point. */
const PriceSchema = z
  .string({ required_error: "Enter a price (0 for free)" })
  .trim()
  .regex(/^\d{1,5}(\.\d{1,2})?$/, "Enter an amount like 45 or 45.50")
  .transform((text) => {
    const [pounds, pence = ""] = text.split(".") as [string, string?];
    return Number(pounds) * 100 + Number(pence.padEnd(2, "0"));
  });

const flag = z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean());

/**
 * One service, as the form and the API both send it. The booking mode presets the three
 * flags; "hybrid" lets the studio set them one by one.
 */
export const ServiceSchema = z
  .object({
    name: z
      .string({ required_error: "Enter a name" })
      .trim()
      .min(1, "Enter a name")
      .max(80, "Keep it under 80 characters"),
    description: z.string().trim().max(2000, "Keep it under 2,000 characters").default(""),
    type: z.enum(SERVICE_TYPES, { required_error: "Choose session or class" }),
    durationMinutes: z.coerce
      .number({ required_error: "Enter a length in minutes", invalid_type_error: "Enter a number of minutes" })
      .int("Whole minutes only")
      .min(5, "At least 5 minutes")
      .max(480, "At most 8 hours"),
    capacity: z.coerce.number().int("Whole people only").min(1, "At least 1").max(500, "At most 500").optional(),
    price: PriceSchema,
    locationIds: z
      .array(z.string().uuid("Choose locations from the list"), { required_error: "Choose at least one location" })
      .min(1, "Choose at least one location"),
    bookingMode: z.enum(BOOKING_MODES, { required_error: "Choose who books" }),
    selfBookingEnabled: flag.default(false),
    instructorBookingEnabled: flag.default(false),
    adminBookingEnabled: flag.default(false),
    cancellationWindowHours: z.coerce
      .number({ invalid_type_error: "Enter a number of hours" })
      .int("Whole hours only")
      .min(0, "0 or more hours")
      .max(336, "At most two weeks")
      .default(24),
    requiresCredit: flag.default(false),
    // Classes: what a freed place does. Left out (the API, an older form): unchanged.
    waitlistMode: z.enum(WAITLIST_MODES).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.type === "class" && !value.capacity) {
      ctx.addIssue({ code: "custom", path: ["capacity"], message: "Classes need a capacity" });
    }
  })
  .transform((value) => {
    const preset = BOOKING_MODE_FLAGS[value.bookingMode];
    const { price, ...rest } = value;
    return {
      ...rest,
      priceMinor: price,
      capacity: value.type === "class" ? (value.capacity ?? null) : null,
      ...(preset ?? {
        selfBookingEnabled: value.selfBookingEnabled,
        instructorBookingEnabled: value.instructorBookingEnabled,
        adminBookingEnabled: value.adminBookingEnabled,
      }),
    };
  });

export type ServiceInput = z.output<typeof ServiceSchema>;

/** The API sends JSON: price in minor units as a number, booleans as booleans. */
export const ServiceApiSchema = z
  .object({
    name: z.string().trim().min(1, "Enter a name").max(80, "Keep it under 80 characters"),
    description: z.string().trim().max(2000).default(""),
    type: z.enum(SERVICE_TYPES),
    duration_minutes: z.number().int().min(5).max(480),
    capacity: z.number().int().min(1).max(500).nullable().optional(),
    price_minor: z.number().int().min(0).max(10_000_000),
    available_at_locations: z.array(z.string().uuid()).min(1, "Choose at least one location"),
    booking_mode: z.enum(BOOKING_MODES),
    self_booking_enabled: z.boolean().default(false),
    instructor_booking_enabled: z.boolean().default(false),
    admin_booking_enabled: z.boolean().default(false),
    cancellation_window_hours: z.number().int().min(0).max(336).default(24),
    requires_credit: z.boolean().default(true),
  })
  .superRefine((value, ctx) => {
    if (value.type === "class" && !value.capacity) {
      ctx.addIssue({ code: "custom", path: ["capacity"], message: "Classes need a capacity" });
    }
  })
  .transform(
    (value): ServiceInput => ({
      name: value.name,
      description: value.description,
      type: value.type,
      durationMinutes: value.duration_minutes,
      capacity: value.type === "class" ? (value.capacity ?? null) : null,
      priceMinor: value.price_minor,
      locationIds: value.available_at_locations,
      bookingMode: value.booking_mode,
      cancellationWindowHours: value.cancellation_window_hours,
      requiresCredit: value.requires_credit,
      ...(BOOKING_MODE_FLAGS[value.booking_mode] ?? {
        selfBookingEnabled: value.self_booking_enabled,
        instructorBookingEnabled: value.instructor_booking_enabled,
        adminBookingEnabled: value.admin_booking_enabled,
      }),
    }),
  );

const BOOKING_MODE_FLAGS: Record<
  (typeof BOOKING_MODES)[number],
  { selfBookingEnabled: boolean; instructorBookingEnabled: boolean; adminBookingEnabled: boolean } | null
> = {
  self_booking: { selfBookingEnabled: true, instructorBookingEnabled: true, adminBookingEnabled: true },
  instructor_led: { selfBookingEnabled: false, instructorBookingEnabled: true, adminBookingEnabled: true },
  admin_only: { selfBookingEnabled: false, instructorBookingEnabled: false, adminBookingEnabled: true },
  hybrid: null,
};

export const WAITLIST_MODE_LABELS: Record<(typeof WAITLIST_MODES)[number], string> = {
  offer: "Offer it to the next in line",
  auto_book: "Book the next in line automatically if they have a credit",
};

export const BOOKING_MODE_LABELS: Record<(typeof BOOKING_MODES)[number], string> = {
  self_booking: "Clients book themselves",
  instructor_led: "The instructor books (clients request)",
  admin_only: "Only the studio books",
  hybrid: "Mixed: choose below",
};

/** `GET /api/services` filters; anyone may browse. */
export const ServiceBrowseQuerySchema = z.object({
  type: z.enum(SERVICE_TYPES).optional(),
  locationId: z.string().uuid("locationId must be a location id").optional(),
});
