import { insertOutboxMessage } from "~/models/outbox.server";
import { findUserByEmail, insertUser } from "~/models/user.server";
import { isUniqueViolation } from "~/services/shared/pg-errors";
import { studioUrl, type Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { hashPassword } from "./password.server";

export type ClientSignUp = {
  fullName: string;
  email: string;
  phone?: string;
  password: string;
  marketingConsent?: boolean;
};

export type ClientSignUpOutcome = { ok: true; user: User } | { ok: false; reason: "email-taken" };

/**
 * A visitor creates their own client account at this studio. Accounts belong to one studio's
 * schema, so the same email may already hold an account at another studio; here it must be new.
 */
export async function signUpClient(tenant: Tenant, input: ClientSignUp): Promise<ClientSignUpOutcome> {
  if (await findUserByEmail(database(), tenant, input.email)) return { ok: false, reason: "email-taken" };
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await database().transaction(async (tx) => {
      const user = await insertUser(tx, tenant, {
        email: input.email,
        fullName: input.fullName,
        phone: input.phone ?? null,
        role: "client",
        status: "active",
        bookingPermissions: "standard",
        passwordHash,
        marketingConsent: input.marketingConsent ?? false,
      });
      await insertOutboxMessage(tx, tenant, welcomeEmail(tenant, user));
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
  return {
    channel: "email" as const,
    recipient: user.email,
    subject: `Welcome to ${studio}`,
    template: "client-welcome",
    body: [
      `Hello ${user.fullName},`,
      "",
      `Your account at ${studio} is ready. Sign in any time at:`,
      studioUrl(tenant.studio.slug, "/login"),
      "",
      "If you did not create this account, please let the studio know.",
    ].join("\n"),
  };
}
