import { z } from "zod";
import { LoginBody, SignUpBody, VerifyBody } from "~/services/identity/api-auth.schema";
import { ROLES } from "~db/schema/tenant";
import { type ApiOperation, INVALID_JSON, UNAUTHENTICATED, VALIDATION } from "../operation";

/** The account as the API shows it to its owner (identity/api-user.ts). */
const ApiUserSchema = z
  .object({
    id: z.string().uuid(),
    fullName: z.string(),
    role: z.enum(ROLES),
  })
  .openapi("ApiUser");

const SignedInSchema = z
  .object({
    token: z.string().openapi({ description: "The bearer token: shown once, never again. Keep it secret." }),
    user: ApiUserSchema,
  })
  .openapi("SignedIn");

const VerifiedSchema = z
  .object({
    verified: z.boolean().openapi({ description: "Whether the account's email address is confirmed." }),
  })
  .openapi("EmailVerification");

const USER_EXAMPLE = { id: "5b0f6c4e-3a57-4a1e-9a4f-2f1d2c3b4a59", fullName: "Ada Lovelace", role: "client" };
const TOKEN_EXAMPLE = "q3Jt0mZ8yC1bVn7sXe4LrA9kWd2Hf6Gp5Tu0Yi3Oo1M";

export const AUTH_OPERATIONS: ApiOperation[] = [
  {
    method: "post",
    path: "/api/auth/login",
    tag: "Auth",
    summary: "Sign in for a bearer token",
    description: `Exchanges an email and password for a bearer token to send as \`Authorization: Bearer <token>\`. Anyone with an account at this studio may sign in: clients and staff alike.

Password guessing is throttled exactly as on the sign-in page: after a few failures for one email from one address (and many more from one address, or for one email) the answer is \`429 TOO_MANY_ATTEMPTS\` with \`Retry-After\`, for known and unknown emails alike. The person can still sign in with a link emailed from the sign-in page.

Naturally idempotent: repeating it signs in again and gives another token (no \`Idempotency-Key\` needed).`,
    access: "public",
    body: LoginBody,
    responses: {
      200: {
        description: "Signed in. `Cache-Control: no-store`: the token is never cached.",
        schema: SignedInSchema,
        example: { token: TOKEN_EXAMPLE, user: { ...USER_EXAMPLE, role: "receptionist" } },
      },
    },
    errors: [
      INVALID_JSON,
      VALIDATION,
      { status: 401, code: "INVALID_CREDENTIALS", when: "The email and password do not match an active account." },
      {
        status: 429,
        code: "TOO_MANY_ATTEMPTS",
        when: "Too many failed sign-ins for this email or from this address; wait the `Retry-After` seconds.",
      },
    ],
  },
  {
    method: "post",
    path: "/api/auth/logout",
    tag: "Auth",
    summary: "Revoke the bearer token",
    description:
      "Revokes the bearer token the request carries: it never works again. Other tokens of the same account, and its browser sessions, stay signed in.",
    access: "signed-in",
    responses: { 204: { description: "Signed out; the token is revoked." } },
    errors: [{ ...UNAUTHENTICATED, when: "No bearer token, or one that is unknown or already revoked." }],
  },
  {
    method: "post",
    path: "/api/auth/signup",
    tag: "Auth",
    summary: "Create a client account",
    description: `A visitor creates a client account at this studio and gets a bearer token for it at once. Without \`locationId\` their home location is the studio's first open one. Fields such as \`role\` are ignored: a sign-up is always a client.

A welcome email and a link to confirm the email address are sent (see \`POST /api/auth/verify\`). Until it is confirmed, a studio that requires confirmed addresses refuses the client's own bookings with \`403 EMAIL_NOT_VERIFIED\`.

Naturally idempotent: a repeated sign-up with the same email is refused as taken (\`409 EMAIL_TAKEN\`), so no \`Idempotency-Key\` is needed.`,
    access: "public",
    body: SignUpBody,
    responses: {
      201: {
        description: "The account exists; the client is signed in with the token.",
        schema: SignedInSchema,
        example: { token: TOKEN_EXAMPLE, user: USER_EXAMPLE },
      },
    },
    errors: [
      INVALID_JSON,
      VALIDATION,
      { status: 400, code: "UNKNOWN_LOCATION", when: "`locationId` is not one of the studio's open locations." },
      { status: 409, code: "EMAIL_TAKEN", when: "An account with this email already exists at this studio." },
    ],
  },
  {
    method: "post",
    path: "/api/auth/verify",
    tag: "Auth",
    summary: "Confirm an email address, or ask for a new link",
    description: `Two uses, by what the body holds:

- **\`{ "token": "…" }\`**: the \`token\` of the link emailed at sign-up confirms that account's address. No credentials needed: the token is the proof. It works once, within three days; every other link of that person stops working with it. Naturally idempotent: the same token again answers \`410\`, and the address stays confirmed.
- **\`{}\`**, signed in: a client whose address is not confirmed yet is sent a new link (\`202\`; at most three links go out in 15 minutes, past that nothing more is sent). A client already confirmed gets \`200 { "verified": true }\` and no email; staff get \`409 NOT_A_CLIENT\` (only clients confirm their address).

The address also counts as confirmed when the person sets their password through an emailed link (an invitation or a password reset) or signs in with an emailed link.`,
    access: "public",
    body: VerifyBody,
    responses: {
      200: {
        description: "The address is confirmed (now, or already).",
        schema: VerifiedSchema,
        example: { verified: true },
      },
      202: {
        description: "Not confirmed yet: a new link is on its way to the account's email address.",
        schema: VerifiedSchema,
        example: { verified: false },
      },
    },
    errors: [
      INVALID_JSON,
      VALIDATION,
      { ...UNAUTHENTICATED, when: "Without `token`: no valid bearer token or session cookie." },
      { status: 409, code: "NOT_A_CLIENT", when: "Without `token`, signed in as staff: staff need not confirm." },
      {
        status: 410,
        code: "VERIFICATION_LINK_EXPIRED",
        when: "The token is unknown, already used, or older than three days. Ask for a new link.",
      },
    ],
  },
];
