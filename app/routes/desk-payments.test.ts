import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { insertPackage } from "~/models/package.server";
import { listPaymentsOfClient } from "~/models/payment.server";
import { clientCredits } from "~/services/credits/ledger.server";
import { signIn } from "~/services/identity/auth.server";
import { type FakeStripe, fakeStripe } from "~/services/payments/fake-stripe.test-helper";
import { createClientsStudio } from "~/services/people/client-fixtures.test-helper";
import { database } from "~db/client";
import { organizations } from "~db/schema/control";
import type { Package, User } from "~db/schema/tenant";
import { action, loader } from "./clients.$id_.payments.new";

/** The desk payment form posted straight to its action, as a browser without JavaScript sends it. */
type Studio = Awaited<ReturnType<typeof createClientsStudio>>;

let stripe: FakeStripe;
const saved = { ...process.env };
function withKeys(on: boolean) {
  if (on) {
    process.env.STRIPE_SECRET_KEY = "sk_test_desk";
    process.env.STRIPE_API_BASE = stripe.url;
  } else {
    delete process.env.STRIPE_SECRET_KEY;
    delete process.env.STRIPE_API_BASE;
  }
}
beforeAll(async () => {
  stripe = await fakeStripe();
});
afterAll(async () => {
  for (const key of ["STRIPE_SECRET_KEY", "STRIPE_API_BASE"] as const)
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  await stripe.close();
});

async function studioWithPack() {
  const s = await createClientsStudio();
  const pack = await insertPackage(database(), s.tenant, {
    name: "Five classes",
    credits: 5,
    priceMinor: 4500,
    validDays: 60,
  });
  return { s, pack };
}

async function requestAs(s: Studio, as: User, clientId: string, body?: Record<string, string>) {
  const host = `${s.tenant.studio.slug}.localhost`;
  const cookie = ((await signIn(s.tenant, as)).headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return new Request(`http://${host}/clients/${clientId}/payments/new`, {
    method: body ? "POST" : "GET",
    headers: { host, cookie, ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
    body: body ? new URLSearchParams(body) : undefined,
  });
}

const context = { requestId: "t", clientIp: "127.0.0.1" };

async function post(s: Studio, as: User, clientId: string, fields: Record<string, string>) {
  const request = await requestAs(s, as, clientId, fields);
  try {
    const result = await action({ request, params: { id: clientId }, context } as ActionFunctionArgs);
    if (result instanceof Response) return { status: result.status, location: result.headers.get("location") };
    const { init, data } = result as unknown as {
      init?: { status?: number };
      data: { result?: { error?: Record<string, string[]> } };
    };
    return { status: init?.status ?? 200, errors: data.result?.error };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status };
    throw thrown;
  }
}

async function open(s: Studio, as: User, clientId: string) {
  const request = await requestAs(s, as, clientId);
  try {
    return { status: 200, page: await loader({ request, params: { id: clientId }, context } as LoaderFunctionArgs) };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, page: undefined };
    throw thrown;
  }
}

function cashFor(s: Studio, pack: Package, extra: Record<string, string> = {}) {
  return {
    idempotencyKey: crypto.randomUUID(),
    what: pack.id,
    method: "cash",
    reason: "Paid in cash at the desk",
    locationId: s.camden.id,
    ...extra,
  };
}

describe("taking a payment at the front desk", () => {
  test("a package sold for cash succeeds at once and grants its credits once, however often the form is sent", async () => {
    withKeys(false);
    const { s, pack } = await studioWithPack();
    const { amara } = s.clients;
    const fields = cashFor(s, pack);
    // A double click sends two at once; a reload after a lost answer sends a third later.
    const [first, again] = await Promise.all([
      post(s, s.staff.receptionist, amara.id, fields),
      post(s, s.staff.receptionist, amara.id, fields),
    ]);
    const later = await post(s, s.staff.receptionist, amara.id, fields);

    const payments = await listPaymentsOfClient(database(), s.tenant, amara.id);
    expect(payments).toHaveLength(1);
    const [payment] = payments;
    expect(first).toEqual({ status: 303, location: `/payments/${payment!.id}?from=desk` });
    expect(again).toEqual(first);
    expect(later).toEqual(first);
    expect(payment).toMatchObject({
      kind: "package",
      method: "cash",
      status: "succeeded",
      amountMinor: 4500,
      currency: s.tenant.studio.currency,
      applicationFeeMinor: 0,
      description: "Five classes",
      packageId: pack.id,
      locationId: s.camden.id,
      reason: "Paid in cash at the desk",
      takenById: s.staff.receptionist.id,
    });
    expect(payment!.paidAt).toBeInstanceOf(Date);
    const credits = await clientCredits(s.tenant, s.staff.owner, amara.id);
    expect(credits.balance).toBe(5);
    expect(credits.grants).toHaveLength(1);
    expect(credits.grants[0]).toMatchObject({ id: payment!.creditGrantId, name: "Five classes", remaining: 5 });
  });

  test("cash and terminal need a reason, shown next to the field, and nothing is written without one", async () => {
    withKeys(false);
    const { s, pack } = await studioWithPack();
    const { amara } = s.clients;
    for (const method of ["cash", "terminal"]) {
      const refused = await post(s, s.staff.receptionist, amara.id, cashFor(s, pack, { method, reason: "  " }));
      expect(refused).toEqual({
        status: 400,
        errors: { reason: ["Enter a reason, e.g. Paid in cash at the desk"] },
      });
    }
    expect(await listPaymentsOfClient(database(), s.tenant, amara.id)).toEqual([]);
    expect((await clientCredits(s.tenant, s.staff.owner, amara.id)).balance).toBe(0);
  });

  test("something else on the card terminal: the typed amount in pence, no credits", async () => {
    withKeys(false);
    const { s } = await studioWithPack();
    const { amara } = s.clients;
    const taken = await post(s, s.staff.owner, amara.id, {
      idempotencyKey: crypto.randomUUID(),
      what: "other",
      description: "Mat hire",
      amount: "£12.50",
      method: "terminal",
      reason: "Card machine, receipt 0042",
      locationId: s.shoreditch.id,
    });
    const [payment] = await listPaymentsOfClient(database(), s.tenant, amara.id);
    expect(taken).toEqual({ status: 303, location: `/payments/${payment!.id}?from=desk` });
    expect(payment).toMatchObject({
      kind: "other",
      method: "terminal",
      status: "succeeded",
      amountMinor: 1250,
      description: "Mat hire",
      packageId: null,
      creditGrantId: null,
      locationId: s.shoreditch.id,
      takenById: s.staff.owner.id,
    });
    expect((await clientCredits(s.tenant, s.staff.owner, amara.id)).balance).toBe(0);
  });

  test("something else needs a description and an amount above 0; junk is refused next to the field", async () => {
    withKeys(false);
    const { s } = await studioWithPack();
    const { amara } = s.clients;
    const other = (amount: string, description = "Mat hire") =>
      post(s, s.staff.receptionist, amara.id, {
        idempotencyKey: crypto.randomUUID(),
        what: "other",
        description,
        amount,
        method: "cash",
        reason: "Paid in cash",
        locationId: s.camden.id,
      });
    expect(await other("0")).toEqual({ status: 400, errors: { amount: ["Enter an amount above 0"] } });
    expect(await other("0.00")).toEqual({ status: 400, errors: { amount: ["Enter an amount above 0"] } });
    expect(await other("twelve")).toEqual({ status: 400, errors: { amount: ["Enter an amount like 12.50"] } });
    expect(await other("-5")).toEqual({ status: 400, errors: { amount: ["Enter an amount like 12.50"] } });
    expect(await other("1.234")).toEqual({ status: 400, errors: { amount: ["Enter an amount like 12.50"] } });
    expect(await other("20000")).toEqual({ status: 400, errors: { amount: ["At most 10,000.00 in one payment"] } });
    expect(await other("", "")).toEqual({
      status: 400,
      errors: { description: ["Enter what the payment is for"], amount: ["Enter an amount"] },
    });
    expect(await listPaymentsOfClient(database(), s.tenant, amara.id)).toEqual([]);
  });

  test("instructors, finance managers, clients and staff of another location are refused, and nothing is written", async () => {
    withKeys(false);
    const { s, pack } = await studioWithPack();
    const { amara, chloe } = s.clients;
    for (const who of [s.staff.instructor, s.staff.trainer, s.staff.finance, amara]) {
      expect((await open(s, who, amara.id)).status).toBe(403);
      expect(await post(s, who, amara.id, cashFor(s, pack))).toEqual({ status: 403 });
    }
    // Rosa works at Camden; Chloé is a Shoreditch client.
    expect((await open(s, s.staff.receptionist, chloe.id)).status).toBe(403);
    expect(await post(s, s.staff.receptionist, chloe.id, cashFor(s, pack))).toEqual({ status: 403 });
    // Marcus manages Shoreditch: a forged Camden location is refused next to the field.
    expect(await post(s, s.staff.manager, chloe.id, cashFor(s, pack))).toEqual({
      status: 403,
      errors: { locationId: ["Choose one of your locations."] },
    });
    for (const client of [amara, chloe])
      expect(await listPaymentsOfClient(database(), s.tenant, client.id)).toEqual([]);
    expect((await open(s, s.staff.manager, chloe.id)).page).toMatchObject({
      locations: [{ id: s.shoreditch.id, name: "Shoreditch" }],
      defaultLocationId: s.shoreditch.id,
    });
  });

  test("card at the desk opens one Checkout on the studio's account; no credits until Stripe confirms", async () => {
    withKeys(true);
    const { s, pack } = await studioWithPack();
    const { amara } = s.clients;
    const account = stripe.connectedAccount();
    await database()
      .update(organizations)
      .set({ stripeAccountId: account.id, stripeChargesEnabled: true })
      .where(eq(organizations.id, s.tenant.studio.id));
    expect((await open(s, s.staff.receptionist, amara.id)).page?.card).toEqual({ ready: true });

    const before = stripe.requests.length;
    const fields = cashFor(s, pack, { method: "desk_card", reason: "" });
    const sent = await post(s, s.staff.receptionist, amara.id, fields);
    const resent = await post(s, s.staff.receptionist, amara.id, fields);
    const sessions = stripe.requests.slice(before).filter((r) => r.path === "/v1/checkout/sessions");
    const [payment] = await listPaymentsOfClient(database(), s.tenant, amara.id);

    expect(sessions).toHaveLength(1);
    expect(sent).toEqual({ status: 303, location: payment!.stripeCheckoutUrl });
    expect(sent.location).toMatch(`${stripe.url}/checkout/`);
    expect(resent).toEqual(sent);
    const [request] = sessions;
    expect(request!.method).toBe("POST");
    expect(request!.headers["stripe-account"]).toBe(account.id);
    expect(request!.headers["idempotency-key"]).toBe(`checkout-${payment!.id}`);
    expect(request!.form).toMatchObject({
      mode: "payment",
      "line_items[0][price_data][unit_amount]": "4500",
      "line_items[0][price_data][currency]": s.tenant.studio.currency.toLowerCase(),
      "line_items[0][price_data][product_data][name]": "Five classes",
      "payment_intent_data[application_fee_amount]": "131",
      "metadata[studio_id]": s.tenant.studio.id,
      "metadata[payment_id]": payment!.id,
      "metadata[client_id]": amara.id,
      "metadata[kind]": "package",
      "metadata[package_id]": pack.id,
      "payment_intent_data[metadata][payment_id]": payment!.id,
      "payment_intent_data[metadata][package_id]": pack.id,
    });
    expect(request!.form.cancel_url).toMatch(new RegExp(`/clients/${amara.id}/payments/new$`));
    expect(payment).toMatchObject({
      kind: "package",
      method: "desk_card",
      status: "open",
      amountMinor: 4500,
      applicationFeeMinor: 131,
      reason: null,
      takenById: s.staff.receptionist.id,
      creditGrantId: null,
    });
    expect(payment!.expiresAt).toBeInstanceOf(Date);
    expect((await clientCredits(s.tenant, s.staff.owner, amara.id)).balance).toBe(0);
  });

  test("without Stripe keys the card is refused with the plain reason, and cash still works", async () => {
    withKeys(false);
    const { s, pack } = await studioWithPack();
    const { amara } = s.clients;
    const reason =
      "Online payment is not set up, so card payments through Wondrous are off. Take cash or use the card terminal.";
    expect((await open(s, s.staff.receptionist, amara.id)).page?.card).toEqual({ ready: false, reason });
    const before = stripe.requests.length;
    const card = await post(s, s.staff.receptionist, amara.id, cashFor(s, pack, { method: "desk_card" }));
    expect(card).toEqual({ status: 503, errors: { method: [reason] } });
    expect(await listPaymentsOfClient(database(), s.tenant, amara.id)).toEqual([]);
    expect(stripe.requests.length).toBe(before);

    const cash = await post(s, s.staff.receptionist, amara.id, cashFor(s, pack));
    expect(cash.status).toBe(303);
    expect((await clientCredits(s.tenant, s.staff.owner, amara.id)).balance).toBe(5);
  });

  test("with keys but the studio not connected, the desk is told who connects it", async () => {
    withKeys(true);
    const { s, pack } = await studioWithPack();
    const { amara } = s.clients;
    const card = await post(s, s.staff.receptionist, amara.id, cashFor(s, pack, { method: "desk_card" }));
    expect(card).toEqual({
      status: 503,
      errors: {
        method: [
          "Online payment is not set up for this studio yet: the owner connects Stripe in Settings › Payments. Take cash or use the card terminal.",
        ],
      },
    });
    expect(await listPaymentsOfClient(database(), s.tenant, amara.id)).toEqual([]);
  });
});
