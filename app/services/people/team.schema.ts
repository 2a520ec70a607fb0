import { z } from "zod";
import { ASSIGNABLE_ROLES } from "./team-rules";

const RoleSchema = z.enum(ASSIGNABLE_ROLES, {
  errorMap: () => ({ message: "Choose a role from the list" }),
});

/** Where someone works: the form's tick boxes and the API's `accessible_locations` alike. */
const LocationIdsSchema = z
  .array(z.string().uuid("Choose locations from the list"), {
    required_error: "Choose at least one location",
    invalid_type_error: "Choose at least one location",
  })
  .min(1, "Choose at least one location")
  .max(100, "Choose at most 100 locations")
  .transform((ids) => [...new Set(ids)]);

export const InviteSchema = z.object({
  email: z
    .string({ required_error: "Enter their email" })
    .trim()
    .max(254, "That email is too long")
    .email("Enter an email address like name@example.com"),
  fullName: z
    .string({ required_error: "Enter their full name" })
    .trim()
    .min(1, "Enter their full name")
    .max(80, "Keep the name under 80 characters"),
  role: RoleSchema,
  locations: LocationIdsSchema,
});
export type InviteInput = z.output<typeof InviteSchema>;

/** The staff page's locations form and `POST /api/users/:id/locations`: the complete new list. */
export const StaffLocationsSchema = z.object({ accessible_locations: LocationIdsSchema });

export const StaffRoleSchema = z.object({ role: RoleSchema });
