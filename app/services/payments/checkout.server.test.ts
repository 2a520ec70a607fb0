import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { insertPayment } from "~/models/payment.server";
import { setPlatformFeeBasisPoints } from "~/models/platform-fee.server";
import { bookingStudio } from "~/services/booking/fixtures.test-helper";
import { database } from "~db/client";
import { organizations } from "~db/schema/control";
import { feeFor, onlinePayments, openCheckout } from "./checkout.server";
import { type FakeStripe, withFakeStripe } from "./fake-stripe.test-helper";

let stripe: FakeStripe;
withFakeStripe((fake) => {
  stripe = fake;
});

describe("openCheckout", () => {
  test("a direct charge on the studio's account, with the platform fee, keyed by the payment", async () => {
    const s = await bookingStudio();
    const account = stripe.connectedAccount();
    await database()
      .update(organizations)
      .set({ stripeAccountId: account.id, stripeChargesEnabled: true })
      .where(eq(organizations.id, s.tenant.studio.id));
    const online = await onlinePayments(s.tenant);
    if (!online.ready) throw new Error(online.reason);
    const client = await s.client(0);
    const payment = await insertPayment(database(), s.tenant, {
      clientId: client.id,
      kind: "other",
      method: "online_card",
      status: "open",
      amountMinor: 3900,
      currency: "GBP",
      applicationFeeMinor: feeFor(online, 3900),
      description: "Ten-class pack",
      takenById: client.id,
    });
    const url = await openCheckout(s.tenant, online, payment, { cancel: "/packages" });
    const [request] = stripe.requests.filter((r) => r.path === "/v1/checkout/sessions");
    expect(url).toBe(`${stripe.url}/checkout/${[...stripe.sessions.keys()].at(-1)}`);
    expect(request?.headers["stripe-account"]).toBe(account.id);
    expect(request?.headers["idempotency-key"]).toBe(`checkout-${payment.id}`);
    expect(request?.form).toMatchObject({
      mode: "payment",
      "line_items[0][price_data][unit_amount]": "3900",
      "line_items[0][price_data][currency]": "gbp",
      "payment_intent_data[application_fee_amount]": "113",
      "metadata[studio_id]": s.tenant.studio.id,
      "metadata[payment_id]": payment.id,
      "payment_intent_data[metadata][payment_id]": payment.id,
      client_reference_id: payment.id,
    });
  });

  test("the fee follows the studio's subscription tier", async () => {
    const s = await bookingStudio();
    const account = stripe.connectedAccount();
    await database()
      .update(organizations)
      .set({ stripeAccountId: account.id, stripeChargesEnabled: true, subscriptionTier: "multi_location" })
      .where(eq(organizations.id, s.tenant.studio.id));
    await setPlatformFeeBasisPoints(database(), "multi_location", 250);
    try {
      const online = await onlinePayments(s.tenant);
      if (!online.ready) throw new Error(online.reason);
      expect(feeFor(online, 3900)).toBe(98);
    } finally {
      await setPlatformFeeBasisPoints(database(), "multi_location", 290);
    }
  });

  test("a studio that has not connected Stripe is told so", async () => {
    const s = await bookingStudio();
    expect(await onlinePayments(s.tenant)).toMatchObject({ ready: false });
  });
});
