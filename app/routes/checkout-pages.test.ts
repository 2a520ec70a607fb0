import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { findOccurrence } from "~/models/occurrence.server";
import { insertPackage } from "~/models/package.server";
import { findPayment, listPaymentsOfClient } from "~/models/payment.server";
import { bookingStudio } from "~/services/booking/fixtures.test-helper";
import { signIn } from "~/services/identity/auth.server";
import { type FakeStripe, withFakeStripe } from "~/services/payments/fake-stripe.test-helper";
import { settlePayment } from "~/services/payments/settle.server";
import { database } from "~db/client";
import { organizations } from "~db/schema/control";
import type { User } from "~db/schema/tenant";
import { action as confirmAction, loader as confirmLoader } from "./book.confirm";
import { action as packagesAction, loader as packagesLoader } from "./packages._index";
import { action as paymentAction, loader as paymentLoader, meta as paymentMeta } from "./payments.$id";
import { action as classAction, loader as classLoader } from "./schedule.$occurrenceId";

/** The payment forms posted as a browser without JavaScript sends them, and the pages they lead to. */
let stripe: FakeStripe;
withFakeStripe((fake) => {
  stripe = fake;
});

type Studio = Awaited<ReturnType<typeof bookingStudio>>;

async function call(
  s: Studio,
  handler: (args: LoaderFunctionArgs & ActionFunctionArgs) => Promise<unknown>,
  as: User,
  path: string,
  options: { params?: Record<string, string>; form?: Record<string, string> } = {},
) {
  const host = `${s.tenant.studio.slug}.localhost`;
  const cookie = ((await signIn(s.tenant, as)).headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const request = new Request(`http://${host}${path}`, {
    method: options.form ? "POST" : "GET",
    headers: { host, cookie, ...(options.form ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
    ...(options.form ? { body: new URLSearchParams(options.form) } : {}),
  });
  try {
    const result = await handler({
      request,
      params: options.params ?? {},
      context: { requestId: "t", clientIp: "127.0.0.1" },
    });
    if (result instanceof Response) return { status: result.status, location: result.headers.get("location") };
    if (result && typeof result === "object" && "init" in result && "data" in result) {
      const { init, data } = result as { init?: { status?: number }; data: Record<string, unknown> };
      return { status: init?.status ?? 200, body: data };
    }
    return { status: 200, body: result as Record<string, unknown> };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status };
    throw thrown;
  }
}

async function connect(s: Studio) {
  const account = stripe.connectedAccount();
  await database()
    .update(organizations)
    .set({ stripeAccountId: account.id, stripeChargesEnabled: true })
    .where(eq(organizations.id, s.tenant.studio.id));
  return account;
}

async function fivePack(s: Studio) {
  return insertPackage(database(), s.tenant, {
    name: "Five classes",
    credits: 5,
    priceMinor: 5500,
    validDays: 60,
    locationIds: [],
    serviceIds: [],
  });
}

describe("/packages", () => {
  test("not connected to Stripe: the page says so instead of offering Buy, and a forged Buy is refused with it", async () => {
    const s = await bookingStudio();
    const pack = await fivePack(s);
    const client = await s.client(0);
    const page = await call(s, packagesLoader, client, "/packages");
    expect(page.body?.buying).toEqual({ ready: false, reason: expect.stringContaining("front desk") });
    const bought = await call(s, packagesAction, client, "/packages", {
      form: { intent: "buy", packageId: pack.id, idempotencyKey: crypto.randomUUID() },
    });
    expect(bought).toMatchObject({
      status: 409,
      body: { refusal: { code: "ONLINE_PAYMENT_NOT_READY", message: expect.stringContaining("front desk") } },
    });
  });

  test("Buy goes to Checkout by a plain 303; sent twice, the same page", async () => {
    const s = await bookingStudio();
    await connect(s);
    const pack = await fivePack(s);
    const client = await s.client(0);
    const page = await call(s, packagesLoader, client, "/packages");
    expect(page.body?.buying).toEqual({ ready: true, keepCard: null });
    const [shown] = (page.body?.onSale ?? []) as { id: string; idempotencyKey: string; forSale: boolean }[];
    expect(shown).toMatchObject({ id: pack.id, forSale: true });
    const form = { intent: "buy", packageId: pack.id, idempotencyKey: shown?.idempotencyKey ?? "" };
    const first = await call(s, packagesAction, client, "/packages", { form });
    expect(first.status).toBe(303);
    expect(first.location).toMatch(`${stripe.url}/checkout/`);
    expect(await call(s, packagesAction, client, "/packages", { form })).toEqual(first);
    expect(await listPaymentsOfClient(database(), s.tenant, client.id)).toHaveLength(1);
  });
});

describe("paying for a class place, and the payment's page", () => {
  test("pay, see it processing, cancel it (the place is freed), and who may see it", async () => {
    const s = await bookingStudio({ classCapacity: 1 });
    const account = await connect(s);
    const { services } = s.tenant.t;
    await database().update(services).set({ priceMinor: 1200 }).where(eq(services.id, s.yoga.id));
    const [amy, ben] = [await s.client(0), await s.client(0)];
    const path = `/schedule/${s.yogaClass.id}`;
    const params = { occurrenceId: s.yogaClass.id };

    const offer = await call(s, classLoader, amy, path, { params });
    expect(offer.body?.pay).toEqual({ ready: true, price: "£12.00", keepCard: null });
    const paid = await call(s, classAction, amy, path, {
      params,
      form: { intent: "pay", spots: "1", idempotencyKey: crypto.randomUUID() },
    });
    expect(paid.status).toBe(303);
    expect(paid.location).toMatch(`${stripe.url}/checkout/`);
    const full = await call(s, classAction, ben, path, {
      params,
      form: { intent: "pay", spots: "1", idempotencyKey: crypto.randomUUID() },
    });
    expect(full).toMatchObject({ status: 409, body: { refusal: { code: "CLASS_FULL" } } });

    const [payment] = await listPaymentsOfClient(database(), s.tenant, amy.id);
    const id = payment?.id as string;
    const held = await call(s, classLoader, amy, path, { params });
    expect(held.body).toMatchObject({ panel: { awaitingPayment: true }, heldPaymentId: id });
    const view = await call(s, paymentLoader, amy, `/payments/${id}`, { params: { id } });
    expect(view.body).toMatchObject({ status: "open", refresh: true, checkoutUrl: paid.location, mayCancel: true });
    // Back from Checkout's success page: paid, waiting for Stripe's word, with no way to pay again or cancel.
    const back = await call(s, paymentLoader, amy, `/payments/${id}?from=checkout`, { params: { id } });
    expect(back.body).toMatchObject({ status: "open", refresh: true, checkoutUrl: null, mayCancel: false });
    const tags = paymentMeta({ data: view.body } as unknown as Parameters<typeof paymentMeta>[0]);
    expect(tags).toContainEqual({ httpEquiv: "refresh", content: "3" });

    // Another client, and a receptionist elsewhere, learn nothing; the owner sees it.
    expect((await call(s, paymentLoader, ben, `/payments/${id}`, { params: { id } })).status).toBe(404);
    const elsewhere = await s.person("receptionist", [s.second.id]);
    expect((await call(s, paymentLoader, elsewhere, `/payments/${id}`, { params: { id } })).status).toBe(404);
    const here = await s.person("receptionist", [s.main.id]);
    expect((await call(s, paymentLoader, here, `/payments/${id}`, { params: { id } })).status).toBe(200);
    expect((await call(s, paymentLoader, s.owner, `/payments/${id}`, { params: { id } })).status).toBe(200);

    const cancelled = await call(s, paymentAction, amy, `/payments/${id}`, {
      params: { id },
      form: { intent: "cancel" },
    });
    expect(cancelled).toEqual({ status: 303, location: `/payments/${id}` });
    const sessionId =
      payment?.stripeCheckoutSessionId ?? (await findPayment(database(), s.tenant, id))?.stripeCheckoutSessionId;
    const expire = stripe.requests.find((r) => r.path === `/v1/checkout/sessions/${sessionId}/expire`);
    expect(expire?.headers["stripe-account"]).toBe(account.id);
    expect((await findPayment(database(), s.tenant, id))?.status).toBe("expired");
    expect((await findOccurrence(database(), s.tenant, s.yogaClass.id))?.bookedSpots).toBe(0);
    const ended = await call(s, paymentLoader, amy, `/payments/${id}`, { params: { id } });
    expect(ended.body).toMatchObject({ status: "expired", refresh: false });
  });

  test("a session: the confirm page offers to pay, and paying goes to Checkout with the time held", async () => {
    const s = await bookingStudio();
    await connect(s);
    const { services } = s.tenant.t;
    await database().update(services).set({ priceMinor: 4000 }).where(eq(services.id, s.session.id));
    const amy = await s.client(0);
    const slot = { serviceId: s.session.id, locationId: s.main.id, startsAt: s.at("10:00").toISOString() };
    const page = await call(s, confirmLoader, amy, `/book/confirm?${new URLSearchParams(slot)}`);
    expect(page.body).toMatchObject({ available: true, credits: 0, pay: { ready: true, price: "£40.00" } });
    const paid = await call(s, confirmAction, amy, "/book/confirm", {
      form: { ...slot, intent: "pay", idempotencyKey: crypto.randomUUID() },
    });
    expect(paid.status).toBe(303);
    expect(paid.location).toMatch(`${stripe.url}/checkout/`);
    const [payment] = await listPaymentsOfClient(database(), s.tenant, amy.id);
    expect(payment).toMatchObject({ kind: "booking", amountMinor: 4000, status: "open" });
  });

  test("paid: the result and the receipt, on the location's clock", async () => {
    const s = await bookingStudio();
    await connect(s);
    const pack = await fivePack(s);
    const client = await s.client(0);
    const bought = await call(s, packagesAction, client, "/packages", {
      form: { intent: "buy", packageId: pack.id, idempotencyKey: crypto.randomUUID() },
    });
    expect(bought.status).toBe(303);
    const [payment] = await listPaymentsOfClient(database(), s.tenant, client.id);
    const id = payment?.id as string;
    await database().transaction((tx) => settlePayment(tx, s.tenant, id, { at: new Date() }));
    const view = await call(s, paymentLoader, client, `/payments/${id}`, { params: { id } });
    expect(view.body).toMatchObject({
      status: "succeeded",
      refresh: false,
      result: { kind: "credits", text: expect.stringMatching(/^5 credits added: Five classes, valid until /) },
      receipt: {
        studio: s.tenant.studio.name,
        description: "Five classes",
        amount: "£55.00",
        method: "Card, online",
      },
      flags: null,
      mayRefund: false,
    });
    const staff = await call(s, paymentLoader, s.owner, `/payments/${id}`, { params: { id } });
    expect(staff.body).toMatchObject({ mayRefund: true, flags: { needsAttention: null, disputed: null } });
  });
});
