import { paymentStateOf } from "~/services/payments/payment-state.server";
import type { PaymentStart } from "~/services/payments/purchase.server";
import { noStore } from "./booking-api.server";

/**
 * The answer to starting a payment through the API: the payment and Stripe's Checkout page to
 * send the payer to (null once the payment is no longer open). A repeat with the same
 * `Idempotency-Key` answers the first payment again, 200 and `Idempotent-Replayed: true`.
 */
export function paymentStarted({ payment, redirectTo }: PaymentStart, replayed: boolean) {
  return Response.json(
    {
      payment: {
        id: payment.id,
        status: paymentStateOf(payment),
        amountMinor: payment.amountMinor,
        currency: payment.currency,
      },
      checkoutUrl: payment.status === "open" && !redirectTo.startsWith("/") ? redirectTo : null,
    },
    { status: replayed ? 200 : 201, headers: replayed ? { ...noStore, "Idempotent-Replayed": "true" } : noStore },
  );
}

/** The API's keys live apart from the pages' form keys (a page's key is a uuid of its own). */
export const apiKey = (key: string | undefined) => (key ? `api:${key}` : undefined);
