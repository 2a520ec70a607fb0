import { z } from "zod";

/**
 * Fields people type when they create or recover an account, shared by the pages and the JSON
 * API so both accept exactly the same values.
 */
const FullNameField = z
  .string({ required_error: "Enter your full name" })
  .trim()
  .min(1, "Enter your full name")
  .max(120, "Keep your name under 120 characters");

export const EmailField = z
  .string({ required_error: "Enter your email" })
  .trim()
  .max(254, "That email is too long")
  .email("Enter an email address like name@example.com");

const PhoneField = z
  .string()
  .trim()
  .max(32, "Keep the phone number under 32 characters")
  .regex(/^\+?[0-9][0-9 ()-]{5,}$/, "Enter a phone number like 07700 900123 or +44 7700 900123");

export const NewPasswordField = z
  .string({ required_error: "Choose a password" })
  .min(10, "Use at least 10 characters")
  .max(200, "Use at most 200 characters");

export const ClientSignUpFields = {
  fullName: FullNameField,
  email: EmailField,
  phone: PhoneField.optional(),
  password: NewPasswordField,
  marketingConsent: z.boolean().optional(),
  /** Their home location; left out, the studio's first (or the page's) location. */
  locationId: z.string().uuid("Choose a location from the list").optional(),
};
