import { describe, expect, test } from "vitest";
import { listRecentOutboxMessages } from "~/models/outbox.server";
import { findUserByEmail } from "~/models/user.server";
import { studioUrl } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import { createTestStudio } from "../../../test/factories";
import { type ClientSignUp, signUpClient } from "./client-signup.server";
import { verifyPassword } from "./password.server";

const visitor = (email: string): ClientSignUp => ({
  fullName: "Maya Fernandes",
  email,
  password: "ten chars or more",
});

describe("client sign-up", () => {
  test("creates an active client with standard booking rights and a hashed password, and welcomes them", async () => {
    const { tenant } = await createTestStudio({ name: "Lotus Yoga" });
    const outcome = await signUpClient(tenant, { ...visitor("maya@example.com"), phone: "+44 7700 900123" });
    expect(outcome.ok).toBe(true);
    const user = await findUserByEmail(database(), tenant, "maya@example.com");
    expect(user).toMatchObject({
      role: "client",
      status: "active",
      bookingPermissions: "standard",
      phone: "+447700900123",
      marketingConsent: false,
    });
    expect(user!.passwordHash).not.toContain("ten chars");
    expect(await verifyPassword("ten chars or more", user!.passwordHash)).toBe(true);
    const welcome = (await listRecentOutboxMessages(database(), tenant, 5)).find(
      (m) => m.template === "client-welcome",
    );
    expect(welcome).toMatchObject({ recipient: "maya@example.com", subject: "Welcome to Lotus Yoga" });
    const signInUrl = studioUrl(tenant.studio.slug, "/login");
    expect(welcome!.body).toContain(signInUrl);
    expect(welcome!.html).toContain(`<h1 style="margin:0 0 24px;`);
    expect(welcome!.html).toContain(`href="${signInUrl}"`);
    expect(welcome!.html).toContain("Sent by Lotus Yoga through Wondrous");
  });

  test("the welcome email's HTML escapes the names it shows", async () => {
    const { tenant } = await createTestStudio({ name: "Yoga & <i>Co</i>" });
    await signUpClient(tenant, { ...visitor("markup@example.com"), fullName: "<script>alert(1)</script>" });
    const welcome = (await listRecentOutboxMessages(database(), tenant, 5)).find(
      (m) => m.template === "client-welcome",
    );
    expect(welcome!.html).not.toMatch(/<script|<i>/);
    expect(welcome!.html).toContain("Hello &lt;script&gt;alert(1)&lt;/script&gt;,");
    expect(welcome!.html).toContain("Yoga &amp; &lt;i&gt;Co&lt;/i&gt;");
  });

  test("records marketing consent only when given", async () => {
    const { tenant } = await createTestStudio();
    await signUpClient(tenant, { ...visitor("yes@example.com"), marketingConsent: true });
    expect((await findUserByEmail(database(), tenant, "yes@example.com"))?.marketingConsent).toBe(true);
  });

  test("an email already registered here, in any case, is refused and nothing is sent", async () => {
    const { tenant } = await createTestStudio({ ownerEmail: "taken@example.com" });
    expect(await signUpClient(tenant, visitor("Taken@Example.com"))).toEqual({ ok: false, reason: "email-taken" });
    expect(await listRecentOutboxMessages(database(), tenant, 5)).toEqual([]);
  });

  test("two sign-ups racing with one email: one account, the other gets the message", async () => {
    const { tenant } = await createTestStudio();
    const outcomes = await Promise.all([
      signUpClient(tenant, visitor("race@example.com")),
      signUpClient(tenant, visitor("RACE@example.com")),
    ]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes).toContainEqual({ ok: false, reason: "email-taken" });
    // One account: its welcome and its link to confirm the address.
    expect((await listRecentOutboxMessages(database(), tenant, 5)).map((m) => m.template).sort()).toEqual([
      "client-welcome",
      "verify-email",
    ]);
  });

  test("the same email may hold separate accounts at two studios", async () => {
    const a = await createTestStudio();
    const b = await createTestStudio();
    const atA = await signUpClient(a.tenant, visitor("both@example.com"));
    const atB = await signUpClient(b.tenant, visitor("both@example.com"));
    expect(atA.ok && atB.ok && atA.user.id !== atB.user.id).toBe(true);
  });
});
