import { z } from "zod";
import { ClientSignUpFields, EmailField } from "./account-fields";

/** The auth API's bodies: the routes validate with these and the API document shows them. */

/** POST /api/auth/login. */
export const LoginBody = z.object({
  email: EmailField,
  password: z.string({ required_error: "Enter your password" }).min(1, "Enter your password").max(200),
  label: z
    .string()
    .trim()
    .min(1)
    .max(80, "Keep the label under 80 characters")
    .optional()
    .describe("Names the token in the account's list of signed-in apps; `API sign-in` if left out."),
});

/** POST /api/auth/signup. */
export const SignUpBody = z.object(ClientSignUpFields);

/** POST /api/auth/verify: the emailed link's token, or nothing to be sent a new link. */
export const VerifyBody = z.object({
  token: z
    .string()
    .min(1, "The link's token is empty")
    .max(200, "The link's token is too long")
    .optional()
    .describe("The `token` of the emailed link. Leave it out to be sent a new link."),
});
