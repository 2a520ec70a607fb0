import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { describe, expect, test } from "vitest";
import { findClientCard } from "~/models/client-card.server";
import { insertPackage } from "~/models/package.server";
import { bookingStudio } from "~/services/booking/fixtures.test-helper";
import { signIn } from "~/services/identity/auth.server";
import { type FakeStripe, withFakeStripe } from "~/services/payments/fake-stripe.test-helper";
import { receiveStripeEvent } from "~/services/payments/webhooks.server";
import { database } from "~db/client";
import { organizations } from "~db/schema/control";
import type { User } from "~db/schema/tenant";
import { action as paymentsAction, loader as paymentsLoader } from "./account_.payments";
import { loader as clientLoader } from "./clients.$id";
import { action as packagesAction, loader as packagesLoader } from "./packages._index";

/** "Keep my card on file for no-show fees" on a package's payment, the card kept by the webhook, and its removal. */
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
}

/** A studio on Stripe selling a £50 package; `rule` is its no-show rule (a £10 fee when charged). */
async function studio(rule: "charge_fee" | "forfeit_credit") {
  const s = await bookingStudio();
  const account = stripe.connectedAccount();
  await database()
    .update(organizations)
    .set({ stripeAccountId: account.id, stripeChargesEnabled: true })
    .where(eq(organizations.id, s.tenant.studio.id));
  await database()
    .update(s.tenant.t.studioSettings)
    .set({ noShowRule: rule, noShowFeeMinor: 1000 })
    .where(eq(s.tenant.t.studioSettings.id, 1));
  const pack = await insertPackage(database(), s.tenant, {
    name: "Five classes",
    credits: 5,
    priceMinor: 5000,
    validDays: 60,
    locationIds: [],
    serviceIds: [],
  });
  const buyer = await s.client(0);
  /** Buys the package (ticking the box or not), pays in Checkout and delivers Stripe's events. */
  async function buy(tick: boolean) {
    const page = await call(s, packagesLoader, buyer, "/packages");
    const [shown] = (page.body?.onSale ?? []) as { idempotencyKey: string }[];
    const form = {
      intent: "buy",
      packageId: pack.id,
      idempotencyKey: shown?.idempotencyKey ?? "",
      ...(tick ? { keepCard: "on" } : {}),
    };
    const sent = await call(s, packagesAction, buyer, "/packages", { form });
    expect(sent.status).toBe(303);
    const sessionId = String(sent.location).split("/checkout/")[1] as string;
    const before = stripe.events.length;
    await stripe.pay(sessionId);
    for (const event of stripe.events.slice(before)) await receiveStripeEvent(event as Stripe.Event);
    return { page, session: stripe.sessions.get(sessionId) };
  }
  return { ...s, account, buyer, buy };
}

describe("keeping a card on file", () => {
  test("ticked under the charge_fee rule: Checkout as the client's Customer, the card kept once paid, shown to client and staff, removed on Stripe first", async () => {
    const s = await studio("charge_fee");
    const before = stripe.requests.length;
    const { page, session } = await s.buy(true);
    expect(page.body?.buying).toEqual({ ready: true, keepCard: { fee: "£10.00" } });
    const sent = stripe.requests.slice(before);
    const customer = sent.find((r) => r.path === "/v1/customers");
    expect(customer?.headers["stripe-account"]).toBe(s.account.id);
    expect(customer?.headers["idempotency-key"]).toBe(`customer-${s.buyer.id}`);
    expect(customer?.form).toMatchObject({
      email: s.buyer.email,
      "metadata[client_id]": s.buyer.id,
      "metadata[studio_id]": s.tenant.studio.id,
    });
    const checkout = sent.find((r) => r.path === "/v1/checkout/sessions");
    expect(checkout?.form).toMatchObject({
      customer: session?.customer,
      "payment_intent_data[setup_future_usage]": "off_session",
      "metadata[keep_card]": "yes",
    });
    expect(checkout?.form.customer_email).toBeUndefined();
    expect(await findClientCard(database(), s.tenant, s.buyer.id)).toMatchObject({
      stripeCustomerId: session?.customer,
      brand: "visa",
      last4: "4242",
      expMonth: 4,
      expYear: 2028,
    });

    const mine = await call(s, paymentsLoader, s.buyer, "/account/payments");
    expect(mine.body?.card).toBe("Visa ending 4242, expires 04/28");
    const staff = await call(s, clientLoader, s.owner, `/clients/${s.buyer.id}`, { params: { id: s.buyer.id } });
    expect(staff.body?.payments).toMatchObject({ card: "Visa …4242" });

    stripe.failNext(1);
    const down = await call(s, paymentsAction, s.buyer, "/account/payments", { form: { intent: "remove-card" } });
    expect(down).toMatchObject({ status: 503, body: { error: expect.stringContaining("could not be removed") } });
    expect(await findClientCard(database(), s.tenant, s.buyer.id)).toBeDefined();

    const removed = await call(s, paymentsAction, s.buyer, "/account/payments", { form: { intent: "remove-card" } });
    expect(removed).toEqual({ status: 303, location: "/account/payments?card=removed" });
    const detach = stripe.requests.filter((r) => r.path.endsWith("/detach")).at(-1);
    expect(detach?.headers["stripe-account"]).toBe(s.account.id);
    const method = [...stripe.paymentMethods.values()].find((m) => m.id === detach?.path.split("/")[3]);
    expect(method?.customer).toBeNull();
    expect(await findClientCard(database(), s.tenant, s.buyer.id)).toBeUndefined();
    expect((await call(s, paymentsLoader, s.buyer, "/account/payments?card=removed")).body).toMatchObject({
      card: null,
      removed: true,
    });
  });

  test("not ticked, or ticked where no fee is charged: no Customer, nothing kept", async () => {
    const charging = await studio("charge_fee");
    const before = stripe.requests.length;
    await charging.buy(false);
    const forfeit = await studio("forfeit_credit");
    const { page } = await forfeit.buy(true);
    expect(page.body?.buying).toEqual({ ready: true, keepCard: null });
    const sent = stripe.requests.slice(before);
    expect(sent.filter((r) => r.path === "/v1/customers")).toEqual([]);
    for (const checkout of sent.filter((r) => r.path === "/v1/checkout/sessions")) {
      expect(checkout.form["payment_intent_data[setup_future_usage]"]).toBeUndefined();
      expect(checkout.form.customer_email).toBeDefined();
    }
    expect(await findClientCard(database(), charging.tenant, charging.buyer.id)).toBeUndefined();
    expect(await findClientCard(database(), forfeit.tenant, forfeit.buyer.id)).toBeUndefined();
  });
});
