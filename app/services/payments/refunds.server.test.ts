import { beforeEach, describe, expect, test } from "vitest";
import { findPayment, listRefundsOfPayment, updatePayment } from "~/models/payment.server";
import { updateStudioSettings } from "~/models/studio-settings.server";
import { clientCredits } from "~/services/credits/ledger.server";
import { database } from "~db/client";
import type { Payment } from "~db/schema/tenant";
import { type FakeStripe, withFakeStripe } from "./fake-stripe.test-helper";
import { refundStudio, setChargesEnabled } from "./refund-fixtures.test-helper";
import { creditsSentence, refundPage, refundPayment } from "./refunds.server";

let stripe: FakeStripe;
withFakeStripe((fake) => {
  stripe = fake;
});
let s: Awaited<ReturnType<typeof refundStudio>>;
beforeEach(async () => {
  s = await refundStudio(stripe);
});

const refundRequests = () => stripe.requests.filter((r) => r.path === "/v1/refunds");
const reason = "Moved away";

/** Everything a refund could touch, to show that a refused one touched nothing. */
async function state(payment: Payment) {
  return {
    refundedMinor: (await findPayment(database(), s.tenant, payment.id))?.refundedMinor,
    refunds: (await listRefundsOfPayment(database(), s.tenant, payment.id)).length,
    credits: (await clientCredits(s.tenant, s.owner, s.client.id)).balance,
    stripeRefunds: refundRequests().length,
  };
}

describe("a card payment refunded through Stripe", () => {
  test("a receptionist within the limit: the exact request on the studio's account, then recorded", async () => {
    const payment = await s.paid();
    const key = crypto.randomUUID();
    const before = refundRequests().length;
    const { refund, payment: after } = await refundPayment(
      s.tenant,
      s.staff.receptionist,
      payment.id,
      { amountMinor: 2500, reason },
      { idempotencyKey: key },
    );
    const requests = refundRequests().slice(before);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      method: "POST",
      path: "/v1/refunds",
      form: {
        payment_intent: payment.stripePaymentIntentId,
        amount: "2500",
        reason: "requested_by_customer",
        "metadata[studio_id]": s.tenant.studio.id,
        "metadata[payment_id]": payment.id,
      },
    });
    expect(requests[0]?.headers["stripe-account"]).toBe(s.account.id);
    expect(requests[0]?.headers["idempotency-key"]).toBe(`refund-${key}`);
    expect(refund).toMatchObject({
      amountMinor: 2500,
      status: "succeeded",
      reason,
      actorId: s.staff.receptionist.id,
      creditsRemoved: 3,
    });
    expect(refund.stripeRefundId).toMatch(/^re_/);
    expect(after.refundedMinor).toBe(2500);
    expect((await clientCredits(s.tenant, s.owner, s.client.id)).balance).toBe(2);
  });

  test("a receptionist above the studio's limit is refused and nothing changes", async () => {
    const payment = await s.paid();
    const before = await state(payment);
    await updateStudioSettings(database(), s.tenant, { receptionistRefundLimitMinor: 1000 });
    await expect(
      refundPayment(s.tenant, s.staff.receptionist, payment.id, { amountMinor: 1001, reason }),
    ).rejects.toMatchObject({ name: "Forbidden", message: "That refund is above your limit; ask a manager." });
    expect(await state(payment)).toEqual(before);
  });

  test("staff of another location, and roles that may not refund, learn nothing and change nothing", async () => {
    const payment = await s.paid();
    const before = await state(payment);
    await expect(
      refundPayment(s.tenant, s.staff.elsewhere, payment.id, { amountMinor: 100, reason }),
    ).rejects.toMatchObject({ name: "NotFound" });
    await expect(refundPage(s.tenant, s.staff.elsewhere, payment.id)).rejects.toMatchObject({ name: "NotFound" });
    for (const actor of [s.staff.finance, s.client])
      await expect(refundPayment(s.tenant, actor, payment.id, { amountMinor: 100, reason })).rejects.toMatchObject({
        name: "Forbidden",
      });
    expect(await state(payment)).toEqual(before);
  });

  test("a manager refunds any amount: part, then the rest; more than is left is refused", async () => {
    const payment = await s.paid();
    await refundPayment(s.tenant, s.staff.manager, payment.id, { amountMinor: 1000, reason });
    await expect(
      refundPayment(s.tenant, s.staff.manager, payment.id, { amountMinor: 4001, reason }),
    ).rejects.toMatchObject({
      code: "REFUND_TOO_LARGE",
      message: "At most £40.00 of this payment can still be refunded.",
    });
    const { payment: after } = await refundPayment(s.tenant, s.staff.owner, payment.id, { amountMinor: 4000, reason });
    expect(after.refundedMinor).toBe(5000);
    await expect(refundPayment(s.tenant, s.staff.owner, payment.id, { amountMinor: 1, reason })).rejects.toMatchObject({
      code: "REFUND_TOO_LARGE",
      message: "This payment has already been refunded in full.",
    });
    expect(refundRequests().filter((r) => r.form["metadata[payment_id]"] === payment.id)).toHaveLength(2);
    expect((await clientCredits(s.tenant, s.owner, s.client.id)).balance).toBe(0);
  });

  test("the same form sent twice makes one refund", async () => {
    const payment = await s.paid();
    const key = crypto.randomUUID();
    const request = { amountMinor: 1500, reason };
    const [first, second] = await Promise.all([
      refundPayment(s.tenant, s.staff.manager, payment.id, request, { idempotencyKey: key }),
      refundPayment(s.tenant, s.staff.manager, payment.id, request, { idempotencyKey: key }),
    ]);
    const third = await refundPayment(s.tenant, s.staff.manager, payment.id, request, { idempotencyKey: key });
    expect(new Set([first.refund.id, second.refund.id, third.refund.id]).size).toBe(1);
    expect(third.replayed).toBe(true);
    expect(await listRefundsOfPayment(database(), s.tenant, payment.id)).toHaveLength(1);
    expect((await findPayment(database(), s.tenant, payment.id))?.refundedMinor).toBe(1500);
    expect(new Set(refundRequests().map((r) => r.headers["idempotency-key"]))).toContain(`refund-${key}`);
  });

  test("Stripe failing or refusing: a clear message, nothing recorded", async () => {
    const payment = await s.paid();
    const before = await state(payment);
    stripe.failNext(1);
    await expect(
      refundPayment(s.tenant, s.staff.manager, payment.id, { amountMinor: 1000, reason }),
    ).rejects.toMatchObject({
      code: "REFUND_NOT_MADE",
      message: "The refund could not be made through Stripe just now. Nothing was refunded; please try again.",
    });
    expect({ ...(await state(payment)), stripeRefunds: before.stripeRefunds }).toEqual(before);
    expect(await listRefundsOfPayment(database(), s.tenant, payment.id)).toHaveLength(0);
    await updatePayment(database(), s.tenant, payment.id, { stripePaymentIntentId: "pi_not_at_stripe" });
    await expect(
      refundPayment(s.tenant, s.staff.manager, payment.id, { amountMinor: 1000, reason }),
    ).rejects.toMatchObject({
      code: "REFUND_NOT_MADE",
      message: expect.stringMatching(/^Stripe did not make the refund\. Stripe said: .+ Nothing was refunded\.$/),
    });
    expect(await listRefundsOfPayment(database(), s.tenant, payment.id)).toHaveLength(0);
  });

  test("a studio that can no longer take charges may still refund", async () => {
    const payment = await s.paid();
    await setChargesEnabled(s.account.id, false);
    const { refund } = await refundPayment(s.tenant, s.staff.owner, payment.id, { amountMinor: 5000, reason });
    expect(refund.status).toBe("succeeded");
  });
});

describe("what a refund does to the credits bought", () => {
  test("with the setting off, the client keeps them", async () => {
    await updateStudioSettings(database(), s.tenant, { refundRemovesCredits: false });
    const payment = await s.paid();
    expect((await refundPage(s.tenant, s.staff.manager, payment.id)).creditsNote).toBe(
      "The client keeps the credits they bought.",
    );
    const { refund } = await refundPayment(s.tenant, s.staff.manager, payment.id, { amountMinor: 5000, reason });
    expect(refund.creditsRemoved).toBe(0);
    expect((await clientCredits(s.tenant, s.owner, s.client.id)).balance).toBe(5);
  });

  test("the page says it before the refund is made", async () => {
    const payment = await s.paid();
    const page = await refundPage(s.tenant, s.staff.receptionist, payment.id);
    expect(page).toMatchObject({
      refundable: true,
      left: "£50.00",
      limit: "£50.00",
      creditsNote: "Refunding £50.00 takes back all 5 unused credits of Five classes.",
      giveBack: "card",
    });
    expect((await refundPage(s.tenant, s.staff.manager, payment.id)).limit).toBeNull();
    const credits = { packageName: "Five classes", packageCredits: 5, remaining: 4 };
    expect(creditsSentence(credits, true, payment, 2500)).toBe(
      "Refunding £25.00 takes back 3 of the 4 unused credits of Five classes.",
    );
    expect(creditsSentence({ ...credits, remaining: 0 }, true, payment, 2500)).toBe(
      "The client has no unused credits of Five classes left to take back.",
    );
    expect(creditsSentence(null, true, payment, 2500)).toBeNull();
  });
});

describe("a cash payment", () => {
  test("is refunded at once without Stripe; the desk gives the money back", async () => {
    const payment = await s.paid("cash");
    const before = refundRequests().length;
    expect((await refundPage(s.tenant, s.staff.receptionist, payment.id)).giveBackNote).toBe(
      "Refunding records it here; then give the client the money back in cash.",
    );
    const { refund } = await refundPayment(s.tenant, s.staff.receptionist, payment.id, { amountMinor: 2000, reason });
    expect(refund).toMatchObject({ status: "succeeded", stripeRefundId: null, amountMinor: 2000 });
    expect(refundRequests().length).toBe(before);
  });
});
