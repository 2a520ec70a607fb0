import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { findStudioById } from "~/models/organization.server";
import { type FakeStripe, fakeStripe } from "~/services/payments/fake-stripe.test-helper";
import { createClientsStudio } from "~/services/people/client-fixtures.test-helper";
import { database } from "~db/client";
import { organizations } from "~db/schema/control";
import { callRoute } from "../../test/route-call";
import { action, loader } from "./settings_.payments";

/** /settings/payments: the owner connects the studio's Stripe account through hosted onboarding. */
let stripe: FakeStripe;
const saved = { key: process.env.STRIPE_SECRET_KEY, base: process.env.STRIPE_API_BASE };

function restore(name: "STRIPE_SECRET_KEY" | "STRIPE_API_BASE", value: string | undefined) {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

beforeAll(async () => {
  stripe = await fakeStripe();
});
afterAll(async () => {
  restore("STRIPE_SECRET_KEY", saved.key);
  restore("STRIPE_API_BASE", saved.base);
  await stripe.close();
});

function withKeys() {
  process.env.STRIPE_SECRET_KEY = "sk_test_connect";
  process.env.STRIPE_API_BASE = stripe.url;
}

describe("/settings/payments", () => {
  test("connecting creates one Standard account for the studio and sends the owner to Stripe's onboarding", async () => {
    withKeys();
    const s = await createClientsStudio();
    const before = await callRoute(loader, s.tenant, s.staff.owner, "/settings/payments");
    expect(before.data).toMatchObject({ state: "not_connected" });

    const first = await callRoute(action, s.tenant, s.staff.owner, "/settings/payments", {
      form: { intent: "connect" },
    });
    const again = await callRoute(action, s.tenant, s.staff.owner, "/settings/payments", {
      form: { intent: "connect" },
    });
    const created = stripe.requests.filter(
      (r) => r.path === "/v1/accounts" && r.form["metadata[studio_id]"] === s.tenant.studio.id,
    );
    // The second click finds the studio's account and only asks for a new onboarding link.
    expect(created).toHaveLength(1);
    expect(created[0]?.headers["idempotency-key"]).toBe(`connect-account-${s.tenant.studio.id}`);
    expect(created[0]?.form).toMatchObject({ type: "standard", "business_profile[name]": s.tenant.studio.name });
    const studio = await findStudioById(database(), s.tenant.studio.id);
    const accountId = studio?.stripeAccountId as string;
    expect(accountId).toMatch(/^acct_/);
    expect(stripe.accounts.has(accountId)).toBe(true);

    expect(first).toMatchObject({ status: 302 });
    expect(first.location).toContain(`${stripe.url}/connect/${accountId}`);
    expect(again.location).toContain(`${stripe.url}/connect/${accountId}`);
    const link = stripe.requests.filter((r) => r.path === "/v1/account_links").at(-1);
    expect(link?.form).toMatchObject({ account: accountId, type: "account_onboarding" });
    expect(link?.form.return_url).toMatch(
      new RegExp(`^https?://${s.tenant.studio.slug}\\.[^/]+/settings/payments\\?returned=1$`),
    );
    expect(link?.form.refresh_url).toMatch(/\/settings\/payments\?resume=1$/);

    const pending = await callRoute(loader, s.tenant, s.staff.owner, "/settings/payments?returned=1");
    expect(pending.data).toMatchObject({ state: "details_needed", accountId });

    await stripe.completeOnboarding(accountId);
    const done = await callRoute(loader, s.tenant, s.staff.owner, "/settings/payments?returned=1");
    expect(done.data).toMatchObject({ state: "charges_enabled" });
    expect(await findStudioById(database(), s.tenant.studio.id)).toMatchObject({
      stripeChargesEnabled: true,
      stripeDetailsSubmitted: true,
    });
  });

  test("only the owner: a manager or receptionist is refused and nothing is created", async () => {
    withKeys();
    const s = await createClientsStudio();
    const before = stripe.requests.length;
    for (const who of [s.staff.manager, s.staff.receptionist]) {
      expect((await callRoute(loader, s.tenant, who, "/settings/payments")).status).toBe(403);
      expect((await callRoute(action, s.tenant, who, "/settings/payments", { form: {} })).status).toBe(403);
    }
    expect(stripe.requests.length).toBe(before);
  });

  test("without Stripe keys the page says so and connecting is refused plainly", async () => {
    delete process.env.STRIPE_SECRET_KEY;
    const s = await createClientsStudio();
    expect((await callRoute(loader, s.tenant, s.staff.owner, "/settings/payments")).data).toMatchObject({
      state: "not_set_up",
    });
    const refused = await callRoute(action, s.tenant, s.staff.owner, "/settings/payments", { form: {} });
    expect(refused).toMatchObject({ status: 409, data: { error: expect.stringContaining("not set up") } });
  });

  test("Stripe down: a clear message and no account linked", async () => {
    withKeys();
    const s = await createClientsStudio();
    stripe.failNext(1);
    const refused = await callRoute(action, s.tenant, s.staff.owner, "/settings/payments", { form: {} });
    expect(refused).toMatchObject({
      status: 503,
      data: { error: expect.stringContaining("Stripe could not be reached") },
    });
    const [row] = await database().select().from(organizations).where(eq(organizations.id, s.tenant.studio.id));
    expect(row?.stripeAccountId).toBeNull();
  });
});
