import { formatMoney } from "~/services/shared/money";
import type { Payment, PaymentMethod } from "~db/schema/tenant";

/** How a payment was made, in words for lists and exports. */
export const METHOD_LABELS: Record<PaymentMethod, string> = {
  online_card: "Card online",
  desk_card: "Card at the desk",
  cash: "Cash",
  terminal: "Card terminal",
};

/** How a payment was made, as a payment's own page and its refund page name it. */
export const METHOD_ON_PAGE: Record<PaymentMethod, string> = {
  online_card: "Card, online",
  desk_card: "Card, at the desk",
  cash: "Cash",
  terminal: "Card terminal",
};

/**
 * Where a payment stands, as lists show it: "Processing" while Checkout is open, "Paid",
 * "Refunded £19.50" once any of it was given back, "Expired" or "Failed".
 */
export function paymentStatusLabel(p: Pick<Payment, "status" | "amountMinor" | "refundedMinor" | "currency">): string {
  switch (p.status) {
    case "open":
      return "Processing";
    case "succeeded":
      return p.refundedMinor > 0 ? `Refunded ${formatMoney(p.refundedMinor, p.currency)}` : "Paid";
    case "failed":
      return "Failed";
    case "expired":
      return "Expired";
  }
}
