import { z } from "zod";
import {
  clearable,
  EmailSchema,
  onlyKnownFields,
  PhoneSchema,
  requiredText,
  searchText,
} from "~/services/shared/schema-helpers";
import { BOOKING_PERMISSIONS, MESSAGE_CHANNELS } from "~db/schema/tenant";

/**
 * The rules for a client's details, shared by the staff pages, the client's own pages and the
 * JSON API, so the three cannot drift apart.
 */

const fullName = requiredText("the full name", 100);
const emergencyContactName = z.string().trim().max(100, "Keep the name under 100 characters");
const notes = z.string().trim().max(2000, "Keep notes under 2000 characters");
const messageChannels = z.enum(MESSAGE_CHANNELS, {
  errorMap: () => ({ message: "Choose email, text messages or both" }),
});
const bookingPermissions = z.enum(BOOKING_PERMISSIONS, {
  errorMap: () => ({ message: "Choose standard, VIP or restricted" }),
});
const discountPercent = z
  .number({ invalid_type_error: "Enter a whole number from 0 to 100" })
  .int("Enter a whole number from 0 to 100")
  .min(0, "Enter a whole number from 0 to 100")
  .max(100, "Enter a whole number from 0 to 100");
const instructorIds = z.array(z.string().uuid("Choose instructors from the list")).max(50);
/** A client's home locations: the whole set, at least one (the service says so if none). */
const locationIds = z.array(z.string().uuid("Choose locations from the list")).max(50);

/** Staff edit form. A blank optional field clears it; an unticked box is false. */
export const ClientEditSchema = z.object({
  fullName,
  email: EmailSchema,
  phone: PhoneSchema.optional(),
  emergencyContactName: emergencyContactName.optional(),
  emergencyContactPhone: PhoneSchema.optional(),
  notes: notes.optional(),
  bookingPermissions,
  marketingConsent: z.boolean().optional(),
  // Absent from the receptionist's form (shown read-only there): absent means unchanged.
  discountPercent: discountPercent.optional(),
  instructorIds: instructorIds.optional(),
  locationIds: locationIds.optional(),
});

/** PATCH /api/clients/:id: only the fields sent change; null or "" clears an optional one. */
export const ClientPatchSchema = onlyKnownFields(
  z
    .object({
      fullName,
      email: EmailSchema,
      phone: clearable(PhoneSchema),
      emergencyContactName: clearable(emergencyContactName),
      emergencyContactPhone: clearable(PhoneSchema),
      notes: clearable(notes),
      bookingPermissions,
      marketingConsent: z.boolean(),
      discountPercent,
      instructorIds,
      locationIds,
    })
    .partial(),
);

/** A client added by staff at the front desk; they set a password later through a reset. */
export const NewClientSchema = z.object({
  fullName,
  email: EmailSchema,
  phone: PhoneSchema.optional(),
  locationId: z.string({ required_error: "Choose a location" }).uuid("Choose a location from the list"),
});

/** What a client may change about themself (never booking permission, discount or notes). */
export const OwnProfileSchema = z.object({
  fullName,
  phone: PhoneSchema.optional(),
  emergencyContactName: emergencyContactName.optional(),
  emergencyContactPhone: PhoneSchema.optional(),
});

/** PATCH /api/clients/me: a staff-only field in the body is a 400 naming that field. */
export const OwnProfilePatchSchema = onlyKnownFields(
  z
    .object({
      fullName,
      phone: clearable(PhoneSchema),
      emergencyContactName: clearable(emergencyContactName),
      emergencyContactPhone: clearable(PhoneSchema),
      marketingConsent: z.boolean(),
      messageChannels,
    })
    .partial(),
  "You cannot change this yourself; ask the studio",
);

/**
 * /account: how the client hears about their bookings, and, separately, whether they want news
 * and offers (an unticked box is no).
 */
export const MessagePreferencesSchema = z.object({
  messageChannels,
  marketingConsent: z.boolean().optional(),
});

/** The list's search and page, from the query string. */
export const ClientSearchSchema = z.object({
  q: searchText(100).default(""),
  page: z.coerce
    .number({ invalid_type_error: "Give a page number" })
    .int("Give a page number")
    .min(1, "Pages start at 1")
    .max(100_000, "There are not that many pages")
    .default(1),
});

/** GET /api/clients: the search; `page`/`perPage` are the API's one paging convention beside it. */
export const ClientApiQuerySchema = z.object({ q: searchText(100).default("") });

export const BOOKING_PERMISSION_LABELS = {
  standard: "Standard",
  vip: "VIP",
  restricted: "Restricted",
} as const;
