import { recordStudioStripeState, setStudioStripeAccount } from "~/models/organization.server";
import { insertPackage } from "~/models/package.server";
import { findPayment, insertPayment } from "~/models/payment.server";
import { bookingStudio } from "~/services/booking/fixtures.test-helper";
import { database } from "~db/client";
import type { Payment, User } from "~db/schema/tenant";
import { onlinePayments, openCheckout } from "./checkout.server";
import type { FakeStripe } from "./fake-stripe.test-helper";
import { settlePayment } from "./settle.server";

/**
 * A studio connected to the fake Stripe, with its team at the main location (a receptionist at
 * the second one too) and a client who paid £50.00 for "Five classes" (5 credits): online
 * through Checkout, or at the desk in cash.
 */
export async function refundStudio(stripe: FakeStripe) {
  const s = await bookingStudio();
  const account = stripe.connectedAccount();
  await setStudioStripeAccount(database(), s.tenant.studio.id, account.id);
  await setChargesEnabled(account.id, true);
  const staff = {
    receptionist: (await s.person("receptionist", [s.main.id])) as User,
    elsewhere: (await s.person("receptionist", [s.second.id])) as User,
    manager: (await s.person("location_manager", [s.main.id])) as User,
    finance: (await s.person("finance_manager", [s.main.id, s.second.id])) as User,
    owner: s.owner,
  };
  const client = await s.client(0);
  const pack = await insertPackage(database(), s.tenant, {
    name: "Five classes",
    credits: 5,
    priceMinor: 5000,
    validDays: 60,
    locationIds: [],
    serviceIds: [],
  });

  /** A paid package payment; `online` goes through the fake's Checkout and has a PaymentIntent. */
  async function paid(method: Payment["method"] = "online_card"): Promise<Payment> {
    const payment = await insertPayment(database(), s.tenant, {
      clientId: client.id,
      kind: "package",
      method,
      status: "open",
      amountMinor: 5000,
      currency: "GBP",
      applicationFeeMinor: method === "online_card" ? 145 : 0,
      description: pack.name,
      packageId: pack.id,
      locationId: s.main.id,
      takenById: method === "online_card" ? client.id : staff.owner.id,
    });
    let paymentIntentId: string | undefined;
    if (method === "online_card") {
      const online = await onlinePayments(s.tenant);
      if (!online.ready) throw new Error(online.reason);
      const url = await openCheckout(s.tenant, online, payment, { cancel: "/packages" });
      const session = await stripe.pay(url.split("/").at(-1) as string);
      paymentIntentId = session.payment_intent ?? undefined;
    }
    await database().transaction((tx) => settlePayment(tx, s.tenant, payment.id, { at: new Date(), paymentIntentId }));
    return (await findPayment(database(), s.tenant, payment.id)) as Payment;
  }

  return { ...s, account, staff, client, pack, paid };
}

/** Stripe says the account may (or may no longer) take charges. */
export function setChargesEnabled(accountId: string, chargesEnabled: boolean) {
  return recordStudioStripeState(database(), accountId, {
    chargesEnabled,
    detailsSubmitted: true,
    checkedAt: new Date(),
  });
}
