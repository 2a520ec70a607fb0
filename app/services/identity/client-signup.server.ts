import { listActiveLocations } from "~/models/location.server";
import { insertOutboxMessage } from "~/models/outbox.server";
import { findUserByEmail, insertUser } from "~/models/user.server";
import { emailLayout } from "~/services/shared/email-layout";
import { isUniqueViolation } from "~/services/shared/pg-errors";
import { studioUrl, type Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { emailVerificationLinkIn } from "./email-verification.server";
import { hashPassword } from "./password.server";
import { storedPhones } from "./phone-input.server";

export type ClientSignUp = {
  fullName: string;
  email: string;
  phone?: string;
  password: string;
  marketingConsent?: boolean;
  /** The home location they chose; must be an open location of this studio. */
  locationId?: string;
};

export type ClientSignUpOutcome = { ok: true; user: User } | { ok: false; reason: "email-taken" | "unknown-location" };

/**
 * Where a new client belongs: their choice, else the location of the page they came from, else
 * the studio's first open location (its only one, usually). Staff at that location then see them.
 */
async function homeLocation(tenant: Tenant, chosen: string | undefined, cameFrom: string | null) {
  const open = await listActiveLocations(database(), tenant);
  if (chosen !== undefined) return open.find((l) => l.id === chosen) ?? null;
  return open.find((l) => l.id === cameFrom) ?? open[0] ?? null;
}

/** The open locations a visitor may choose from, and which one the form starts on. */
export async function signUpLocations(tenant: Tenant, cameFrom: string | null) {
  const open = await listActiveLocations(database(), tenant);
  const options = open.map(({ id, name }) => ({ id, name }));
  return { options, defaultId: (options.find((l) => l.id === cameFrom) ?? options[0])?.id ?? null };
}

/**
 * A visitor creates their own client account at this studio. Accounts belong to one studio's
 * schema, so the same email may already hold an account at another studio; here it must be new.
 * A link to confirm the address goes out with the account (see email-verification.server.ts).
 */
export async function signUpClient(
  tenant: Tenant,
  input: ClientSignUp,
  cameFrom: string | null = null,
): Promise<ClientSignUpOutcome> {
  const home = await homeLocation(tenant, input.locationId, cameFrom);
  if (!home) return { ok: false, reason: "unknown-location" };
  const { phone } = await storedPhones(tenant, { phone: input.phone ?? null });
  if (await findUserByEmail(database(), tenant, input.email)) return { ok: false, reason: "email-taken" };
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await database().transaction(async (tx) => {
      const user = await insertUser(tx, tenant, {
        email: input.email,
        fullName: input.fullName,
        phone,
        role: "client",
        status: "active",
        bookingPermissions: "standard",
        passwordHash,
        marketingConsent: input.marketingConsent ?? false,
        primaryLocationId: home.id,
        accessibleLocations: [home.id],
      });
      await insertOutboxMessage(tx, tenant, welcomeEmail(tenant, user));
      await emailVerificationLinkIn(tx, tenant, user, new Date());
      return user;
    });
    return { ok: true, user };
  } catch (error) {
    // Two sign-ups racing with one email: the unique index decides, the loser gets the message.
    if (isUniqueViolation(error, "users_email_key")) return { ok: false, reason: "email-taken" };
    throw error;
  }
}

function welcomeEmail(tenant: Tenant, user: User) {
  const studio = tenant.studio.name;
  const { text, html } = emailLayout({
    studioName: studio,
    greeting: `Hello ${user.fullName},`,
    paragraphs: [`Your account at ${studio} is ready. Sign in any time to book and to see your bookings.`],
    action: { label: "Sign in", url: studioUrl(tenant.studio.slug, "/login") },
    after: ["If you did not create this account, please let the studio know."],
  });
  return {
    channel: "email" as const,
    recipient: user.email,
    subject: `Welcome to ${studio}`,
    template: "client-welcome",
    body: text,
    html,
  };
}
