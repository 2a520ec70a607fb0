import { DateTime } from "luxon";
import { emailLayout } from "~/services/shared/email-layout";
import { formatMoney } from "~/services/shared/money";
import type { PaymentMethod } from "~db/schema/tenant";

/**
 * Receipts, written as the studio to the client: who was paid (name and address), what for,
 * how much the client paid (no fee is ever added to it: the platform's fee comes out of the
 * studio's share), how, when on the location's clock, and a link to the receipt page. Plain
 * facts the client can keep for their records; the caller reads them from the database.
 */

export type ReceiptStudio = {
  name: string;
  /** The location's address on one line, or null when the studio has none on record. */
  address: string | null;
  /** absolute URL on the studio's subdomain */
  url: (path: string) => string;
};

/** What was bought, as the receipt spells it out under the payment's description. */
export type ReceiptItem =
  | { kind: "package"; credits: number; validDays: number; expiresAt: Date | null }
  | { kind: "booking"; serviceName: string; startsAt: Date; endsAt: Date; place: string }
  | { kind: "other" };

export type PaymentReceiptFacts = {
  paymentId: string;
  clientName: string;
  description: string;
  item: ReceiptItem;
  amountMinor: number;
  currency: string;
  method: PaymentMethod;
  paidAt: Date;
  /** The location's IANA time zone: every time is written on its clock. */
  zone: string;
};

export type RefundReceiptFacts = PaymentReceiptFacts & {
  refundMinor: number;
  /** Every refund of the payment so far, this one included. */
  refundedMinor: number;
  creditsRemoved: number;
  refundedAt: Date;
};

export type ReceiptEmail = { subject: string; text: string; html: string };

/** "by card online": how the client paid, after "Paid". */
export const PAID_BY: Record<PaymentMethod, string> = {
  online_card: "by card online",
  desk_card: "by card at the desk",
  cash: "in cash",
  terminal: "on the card terminal",
};

const moment = (instant: Date, zone: string) =>
  DateTime.fromJSDate(instant, { zone }).setLocale("en-GB").toFormat("cccc d LLLL yyyy 'at' HH:mm");

const credits = (n: number) => `${n} ${n === 1 ? "credit" : "credits"}`;

function itemLines(item: ReceiptItem, zone: string): string[] {
  switch (item.kind) {
    case "package": {
      const until = item.expiresAt
        ? `, until ${DateTime.fromJSDate(item.expiresAt, { zone }).setLocale("en-GB").toFormat("cccc d LLLL yyyy")}`
        : "";
      return [`${credits(item.credits)}, valid for ${item.validDays} days${until}`];
    }
    case "booking": {
      const clock = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat("HH:mm");
      const day = DateTime.fromJSDate(item.startsAt, { zone }).setLocale("en-GB").toFormat("cccc d LLLL yyyy");
      return [`${item.serviceName}, ${day}, ${clock(item.startsAt)}–${clock(item.endsAt)}`, item.place];
    }
    case "other":
      return [];
  }
}

const receiptPath = (paymentId: string) => `/payments/${encodeURIComponent(paymentId)}`;

function signature(studio: ReceiptStudio) {
  return studio.address ? `${studio.name}\n${studio.address}` : studio.name;
}

export function paymentReceiptEmail(studio: ReceiptStudio, p: PaymentReceiptFacts): ReceiptEmail {
  const total = formatMoney(p.amountMinor, p.currency);
  const body = emailLayout({
    studioName: studio.name,
    greeting: `Hello ${p.clientName},`,
    paragraphs: [
      "Thank you for your payment. This is your receipt.",
      [p.description, ...itemLines(p.item, p.zone)].join("\n"),
      [`Total paid ${total}`, `Paid ${PAID_BY[p.method]} on ${moment(p.paidAt, p.zone)}`].join("\n"),
    ],
    action: { label: "See your receipt", url: studio.url(receiptPath(p.paymentId)) },
    after: [signature(studio)],
  });
  return { subject: `Your receipt from ${studio.name}: ${total}`, ...body };
}

function whereTheMoneyGoes(method: PaymentMethod): string {
  return method === "cash"
    ? "We gave the money back to you in cash."
    : "The money reaches your card in 5 to 10 working days.";
}

export function refundReceiptEmail(studio: ReceiptStudio, r: RefundReceiptFacts): ReceiptEmail {
  const money = (minor: number) => formatMoney(minor, r.currency);
  const amounts = [
    `Refunded ${money(r.refundMinor)} on ${moment(r.refundedAt, r.zone)}`,
    `You paid ${money(r.amountMinor)} ${PAID_BY[r.method]} on ${moment(r.paidAt, r.zone)}`,
    r.refundedMinor >= r.amountMinor
      ? "The payment is now refunded in full."
      : `Refunded in all ${money(r.refundedMinor)}; ${money(r.amountMinor - r.refundedMinor)} remains paid.`,
  ];
  const body = emailLayout({
    studioName: studio.name,
    greeting: `Hello ${r.clientName},`,
    paragraphs: [
      `We have refunded ${money(r.refundMinor)} of your payment for ${r.description}.`,
      [r.description, ...itemLines(r.item, r.zone)].join("\n"),
      amounts.join("\n"),
      ...(r.creditsRemoved > 0
        ? [`${credits(r.creditsRemoved)} not yet used ${r.creditsRemoved === 1 ? "was" : "were"} taken back.`]
        : []),
      whereTheMoneyGoes(r.method),
    ],
    action: { label: "See your receipt", url: studio.url(receiptPath(r.paymentId)) },
    after: [signature(studio)],
  });
  return { subject: `Your refund from ${studio.name}: ${money(r.refundMinor)}`, ...body };
}
