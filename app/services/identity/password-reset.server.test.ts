import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { listRecentOutboxMessages } from "~/models/outbox.server";
import { insertSignInFailure } from "~/models/sign-in-failure.server";
import { findActiveUserById, insertUser } from "~/models/user.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { studioUrl } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import { createTestStudio, TEST_PASSWORD, testPasswordHash } from "../../../test/factories";
import { issueApiToken, requireApiActor } from "./api.server";
import { findSignedInUser, signIn } from "./auth.server";
import { verifyPassword } from "./password.server";
import { isPasswordResetTokenLive, requestPasswordReset, resetPassword } from "./password-reset.server";
import { hashSecretToken } from "./secret-token.server";
import { SIGN_IN_LIMITS, signInWithPassword } from "./sign-in.server";

const NEW_PASSWORD = "a brand new password";

/** The token in the newest reset email to `email`, read the way a person would: from the link. */
async function tokenFromEmail(tenant: Tenant, email: string) {
  const messages = await listRecentOutboxMessages(database(), tenant, 50);
  const message = messages.find((m) => m.recipient === email && m.template === "password-reset");
  const link = message?.body.match(/https?:\/\/\S+/)?.[0];
  if (!link) throw new Error(`no reset email to ${email}`);
  expect(link.startsWith(studioUrl(tenant.studio.slug, "/reset-password?token="))).toBe(true);
  // The HTML part carries the same link, as the one button.
  expect(message?.html).toContain(`href="${link}"`);
  expect(message?.html).toContain("Choose a new password</a>");
  return new URL(link).searchParams.get("token") as string;
}

const resetRows = (tenant: Tenant) =>
  database().select().from(tenant.t.authTokens).where(eq(tenant.t.authTokens.purpose, "password_reset"));

describe("asking for a reset link", () => {
  test("stores only the token's hash, valid for 60 minutes, and emails the link", async () => {
    const { tenant, owner } = await createTestStudio({ ownerEmail: "reset@example.com" });
    const asked = new Date();
    await requestPasswordReset(tenant, "Reset@Example.com", asked);
    const token = await tokenFromEmail(tenant, "reset@example.com");
    const [row] = await resetRows(tenant);
    expect(row).toMatchObject({ userId: owner.id, tokenHash: hashSecretToken(token), usedAt: null });
    expect(row!.expiresAt.getTime()).toBe(asked.getTime() + 60 * 60_000);
  });

  test("sends at most three emails per person in 15 minutes", async () => {
    const { tenant } = await createTestStudio({ ownerEmail: "flood@example.com" });
    for (let i = 0; i < 5; i += 1) await requestPasswordReset(tenant, "flood@example.com");
    const emails = (await listRecentOutboxMessages(database(), tenant, 50)).filter(
      (m) => m.template === "password-reset",
    );
    expect(emails).toHaveLength(3);
  });

  test("expires at exactly 60 minutes", async () => {
    const { tenant } = await createTestStudio({ ownerEmail: "clock@example.com" });
    const asked = new Date("2026-11-25T10:00:00Z");
    await requestPasswordReset(tenant, "clock@example.com", asked);
    const token = await tokenFromEmail(tenant, "clock@example.com");
    expect(await isPasswordResetTokenLive(tenant, token, new Date("2026-11-25T10:59:59Z"))).toBe(true);
    expect(await isPasswordResetTokenLive(tenant, token, new Date("2026-11-25T11:00:00Z"))).toBe(false);
    expect(await resetPassword(tenant, token, NEW_PASSWORD, new Date("2026-11-25T11:00:00Z"))).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  test("an unknown or deactivated email writes nothing, and the caller learns nothing", async () => {
    const { tenant } = await createTestStudio();
    await insertUser(database(), tenant, {
      email: "gone@example.com",
      fullName: "Gone",
      role: "client",
      status: "deactivated",
      passwordHash: await testPasswordHash(),
    });
    expect(await requestPasswordReset(tenant, "nobody@example.com")).toBeUndefined();
    expect(await requestPasswordReset(tenant, "gone@example.com")).toBeUndefined();
    expect(await resetRows(tenant)).toEqual([]);
    expect(await listRecentOutboxMessages(database(), tenant, 50)).toEqual([]);
  });
});

describe("resetting the password", () => {
  test("sets the new password and works only once", async () => {
    const { tenant, owner } = await createTestStudio({ ownerEmail: "once@example.com" });
    await requestPasswordReset(tenant, "once@example.com");
    const token = await tokenFromEmail(tenant, "once@example.com");
    const outcome = await resetPassword(tenant, token, NEW_PASSWORD);
    expect(outcome.ok && outcome.user.id).toBe(owner.id);
    const user = await findActiveUserById(database(), tenant, owner.id);
    expect(await verifyPassword(NEW_PASSWORD, user!.passwordHash)).toBe(true);
    expect(await verifyPassword(TEST_PASSWORD, user!.passwordHash)).toBe(false);
    expect(await isPasswordResetTokenLive(tenant, token)).toBe(false);
    expect(await resetPassword(tenant, token, "yet another password")).toEqual({ ok: false, reason: "expired" });
  });

  test("signs the person out everywhere: older sessions and API tokens stop working", async () => {
    const { tenant, owner } = await createTestStudio({ ownerEmail: "everywhere@example.com" });
    const host = `${tenant.studio.slug}.localhost`;
    const cookie = ((await signIn(tenant, owner)).headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const asBrowser = () => new Request(`http://${host}/`, { headers: { host, cookie } });
    const bearer = await issueApiToken(tenant, owner, "phone app");
    const asApp = () =>
      new Request(`http://${host}/api/clients/me`, { headers: { host, authorization: `Bearer ${bearer}` } });
    expect((await findSignedInUser(asBrowser(), tenant))?.id).toBe(owner.id);
    expect((await requireApiActor(asApp())).actor.id).toBe(owner.id);

    // A moment later, so the old session is strictly older than the reset.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await requestPasswordReset(tenant, "everywhere@example.com");
    expect((await resetPassword(tenant, await tokenFromEmail(tenant, "everywhere@example.com"), NEW_PASSWORD)).ok).toBe(
      true,
    );

    expect(await findSignedInUser(asBrowser(), tenant)).toBeNull();
    await expect(requireApiActor(asApp())).rejects.toThrow("Sign in or send a valid bearer token");
    // The session the reset page starts afterwards is valid.
    const fresh = ((await signIn(tenant, owner)).headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect(
      (await findSignedInUser(new Request(`http://${host}/`, { headers: { host, cookie: fresh } }), tenant))?.id,
    ).toBe(owner.id);
  });

  test("invalidates every other outstanding reset link of that person, not other people's", async () => {
    const { tenant } = await createTestStudio({ ownerEmail: "many@example.com" });
    await insertUser(database(), tenant, {
      email: "other@example.com",
      fullName: "Other",
      role: "client",
      passwordHash: await testPasswordHash(),
    });
    await requestPasswordReset(tenant, "many@example.com");
    const first = await tokenFromEmail(tenant, "many@example.com");
    await requestPasswordReset(tenant, "other@example.com");
    await requestPasswordReset(tenant, "many@example.com");
    const second = await tokenFromEmail(tenant, "many@example.com");
    expect(second).not.toBe(first);
    expect((await resetPassword(tenant, second, NEW_PASSWORD)).ok).toBe(true);
    expect(await isPasswordResetTokenLive(tenant, first)).toBe(false);
    expect(await isPasswordResetTokenLive(tenant, await tokenFromEmail(tenant, "other@example.com"))).toBe(true);
  });

  test("an unknown token changes nothing", async () => {
    const { tenant } = await createTestStudio();
    expect(await resetPassword(tenant, "not-a-real-token-at-all-xxxxxxxx", NEW_PASSWORD)).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  test("lifts the sign-in lock on that email and tells the person their password changed", async () => {
    const { tenant } = await createTestStudio({ ownerEmail: "locked@example.com" });
    const ip = "203.0.113.9";
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail; i++) {
      await insertSignInFailure(database(), tenant, { email: "locked@example.com", ip, createdAt: new Date() });
    }
    await requestPasswordReset(tenant, "locked@example.com");
    await resetPassword(tenant, await tokenFromEmail(tenant, "locked@example.com"), NEW_PASSWORD);
    expect((await signInWithPassword(tenant, { email: "locked@example.com", password: NEW_PASSWORD }, ip)).ok).toBe(
      true,
    );
    const [newest] = await listRecentOutboxMessages(database(), tenant, 1);
    expect(newest).toMatchObject({ recipient: "locked@example.com", template: "password-changed" });
    expect(newest!.html).toContain(`href="${studioUrl(tenant.studio.slug, "/forgot-password")}"`);
    expect(newest!.html).toContain(`Sent by ${tenant.studio.name} through Wondrous`);
  });
});
