import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { listRecentOutboxMessages } from "~/models/outbox.server";
import { updateStudioSettings } from "~/models/studio-settings.server";
import { findActiveUserById } from "~/models/user.server";
import { bookClass, bookSession } from "~/services/booking/engine.server";
import { bookingStudio } from "~/services/booking/fixtures.test-helper";
import { createClient } from "~/services/people/client.server";
import { Refused } from "~/services/shared/errors";
import { studioUrl, type Tenant } from "~/services/tenancy/tenant.server";
import { joinWaitlist } from "~/services/waitlist/line.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { createTestStudio } from "../../../test/factories";
import { signUpClient } from "./client-signup.server";
import {
  confirmEmail,
  isVerificationLinkLive,
  requestVerificationLink,
  VERIFY_TEMPLATE,
} from "./email-verification.server";
import { requestPasswordReset, resetPassword } from "./password-reset.server";
import { hashSecretToken } from "./secret-token.server";

const verifyEmails = async (tenant: Tenant, email: string) =>
  (await listRecentOutboxMessages(database(), tenant, 50)).filter(
    (m) => m.recipient === email && m.template === VERIFY_TEMPLATE,
  );

/** The token of the newest link to `email`, read from the email as a person would. */
async function tokenFromEmail(tenant: Tenant, email: string, template = VERIFY_TEMPLATE) {
  const messages = await listRecentOutboxMessages(database(), tenant, 50);
  const message = messages.find((m) => m.recipient === email && m.template === template);
  const link = message?.body.match(/https?:\/\/\S+/)?.[0];
  if (!link) throw new Error(`no ${template} email to ${email}`);
  return new URL(link).searchParams.get("token") as string;
}

const verificationRows = (tenant: Tenant) =>
  database().select().from(tenant.t.authTokens).where(eq(tenant.t.authTokens.purpose, "email_verification"));

async function signUp(tenant: Tenant, email: string) {
  const outcome = await signUpClient(tenant, { fullName: "New Client", email, password: "long enough pw" });
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.user;
}

const reread = async (tenant: Tenant, user: User) => (await findActiveUserById(database(), tenant, user.id)) as User;

describe("the link sent at sign-up", () => {
  test("a new client starts unverified and is emailed one link, stored hashed, good for three days", async () => {
    const { tenant } = await createTestStudio();
    const before = Date.now();
    const user = await signUp(tenant, "new@example.com");
    expect(user.emailVerifiedAt).toBeNull();
    const emails = await verifyEmails(tenant, "new@example.com");
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ channel: "email", subject: "Confirm your email address" });
    expect(emails[0]?.body).toContain(studioUrl(tenant.studio.slug, "/verify-email?token="));
    expect(emails[0]?.html).toContain("Confirm my email address</a>");
    const token = await tokenFromEmail(tenant, "new@example.com");
    const [row] = await verificationRows(tenant);
    expect(row).toMatchObject({ userId: user.id, tokenHash: hashSecretToken(token), usedAt: null });
    const lifetime = row!.expiresAt.getTime() - before;
    expect(lifetime).toBeGreaterThanOrEqual(3 * 24 * 60 * 60_000 - 1000);
    expect(lifetime).toBeLessThanOrEqual(3 * 24 * 60 * 60_000 + 60_000);
  });

  test("a refused sign-up (email taken) sends nothing", async () => {
    const { tenant } = await createTestStudio({ ownerEmail: "owner@example.com" });
    expect(
      (await signUpClient(tenant, { fullName: "X", email: "owner@example.com", password: "long enough pw" })).ok,
    ).toBe(false);
    expect(await verifyEmails(tenant, "owner@example.com")).toEqual([]);
  });
});

describe("confirming", () => {
  test("verifies the address once; the link cannot be used again", async () => {
    const { tenant } = await createTestStudio();
    const user = await signUp(tenant, "once@example.com");
    const token = await tokenFromEmail(tenant, "once@example.com");
    expect(await isVerificationLinkLive(tenant, token)).toBe(true);
    const first = await confirmEmail(tenant, token);
    expect(first).toMatchObject({ ok: true, user: { id: user.id } });
    const verifiedAt = (await reread(tenant, user)).emailVerifiedAt;
    expect(verifiedAt).toBeInstanceOf(Date);
    expect(await isVerificationLinkLive(tenant, token)).toBe(false);
    expect(await confirmEmail(tenant, token)).toEqual({ ok: false, reason: "expired" });
    expect(await confirmEmail(tenant, "not-a-token")).toEqual({ ok: false, reason: "expired" });
    expect((await reread(tenant, user)).emailVerifiedAt).toEqual(verifiedAt);
  });

  test("expires at exactly three days; confirming one link spends the others", async () => {
    const { tenant } = await createTestStudio();
    const sent = new Date("2026-11-25T10:00:00Z");
    const user = await signUp(tenant, "clock@example.com");
    await requestVerificationLink(tenant, user, sent);
    const token = await tokenFromEmail(tenant, "clock@example.com");
    expect(await isVerificationLinkLive(tenant, token, new Date("2026-11-28T09:59:59Z"))).toBe(true);
    expect(await confirmEmail(tenant, token, new Date("2026-11-28T10:00:00Z"))).toEqual({
      ok: false,
      reason: "expired",
    });
    expect((await reread(tenant, user)).emailVerifiedAt).toBeNull();

    expect((await confirmEmail(tenant, token, new Date("2026-11-26T10:00:00Z"))).ok).toBe(true);
    const rows = await verificationRows(tenant);
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.usedAt !== null)).toBe(true);
  });
});

describe("asking for a new link", () => {
  test("an unverified client gets one, at most three in 15 minutes; verified clients and staff none", async () => {
    const { tenant, owner } = await createTestStudio({ ownerEmail: "boss@example.com" });
    const user = await signUp(tenant, "again@example.com");
    for (let i = 0; i < 4; i += 1) expect(await requestVerificationLink(tenant, user)).toBe("sent");
    // The sign-up's link and two more: the fourth and fifth ask quietly send nothing.
    expect(await verifyEmails(tenant, "again@example.com")).toHaveLength(3);

    expect(await requestVerificationLink(tenant, owner)).toBe("not-a-client");
    expect(await verifyEmails(tenant, "boss@example.com")).toEqual([]);

    await confirmEmail(tenant, await tokenFromEmail(tenant, "again@example.com"));
    expect(await requestVerificationLink(tenant, await reread(tenant, user))).toBe("already-verified");
  });

  test("a client added by the desk is verified when they set their password from the emailed link", async () => {
    const { tenant, owner } = await createTestStudio();
    const [location] = await database().select().from(tenant.t.locations);
    const added = await createClient(tenant, owner, {
      fullName: "Desk Client",
      email: "desk@example.com",
      phone: null,
      locationId: location!.id,
    });
    if (!added.ok) throw new Error(added.reason);
    const client = (await findActiveUserById(database(), tenant, added.clientId)) as User;
    expect(client.emailVerifiedAt).toBeNull();
    await requestPasswordReset(tenant, "desk@example.com");
    const token = await tokenFromEmail(tenant, "desk@example.com", "password-reset");
    expect((await resetPassword(tenant, token, "a brand new password")).ok).toBe(true);
    expect((await reread(tenant, client)).emailVerifiedAt).toBeInstanceOf(Date);
  });
});

describe("booking while unverified", () => {
  const refusedFor = async (work: Promise<unknown>) => {
    const error = await work.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Refused);
    expect(error).toMatchObject({ status: 403, code: "EMAIL_NOT_VERIFIED" });
  };

  test("allowed while the studio lets unverified clients book (the default)", async () => {
    const s = await bookingStudio();
    const client = await s.client(5);
    expect(client.emailVerifiedAt).toBeNull();
    const { booking } = await bookClass(s.tenant, client, { occurrenceId: s.yogaClass.id });
    expect(booking.clientId).toBe(client.id);
  });

  test("with the rule on: sessions, classes and waitlists refused until confirmed; staff may book for them", async () => {
    const s = await bookingStudio({ classCapacity: 1 });
    await updateStudioSettings(database(), s.tenant, { unverifiedClientsMayBook: false });
    const client = await s.client(5);
    const session = { serviceId: s.session.id, locationId: s.main.id, startsAt: s.at("10:00") };
    await refusedFor(bookSession(s.tenant, client, session));
    await refusedFor(bookClass(s.tenant, client, { occurrenceId: s.yogaClass.id }));

    // The desk books for them: not held up.
    const other = await s.client(5);
    await bookClass(s.tenant, s.owner, { occurrenceId: s.yogaClass.id, clientId: other.id });
    await refusedFor(joinWaitlist(s.tenant, client, { occurrenceId: s.yogaClass.id }));
    const added = await joinWaitlist(s.tenant, s.owner, { occurrenceId: s.yogaClass.id, clientId: client.id });
    expect(added.position).toBe(1);

    // Once confirmed, they book themselves.
    await requestVerificationLink(s.tenant, client);
    await confirmEmail(s.tenant, await tokenFromEmail(s.tenant, client.email));
    const verified = await reread(s.tenant, client);
    const { booking } = await bookSession(s.tenant, verified, session);
    expect(booking).toMatchObject({ clientId: client.id, bookingMethod: "self_booked" });
  });
});
