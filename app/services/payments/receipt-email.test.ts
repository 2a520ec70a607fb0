import { describe, expect, test } from "vitest";
import { type PaymentReceiptFacts, paymentReceiptEmail, type ReceiptStudio, refundReceiptEmail } from "./receipt-email";

const lotus: ReceiptStudio = {
  name: "Lotus Yoga",
  address: "12 Old Street, London, EC1V 9HL",
  url: (path) => `https://lotus.wondrous.test${path}`,
};

// 17:30 UTC in June is 18:30 on the London location's clock.
const pack: PaymentReceiptFacts = {
  paymentId: "p-1",
  clientName: "Maya Patel",
  description: "Five classes",
  item: { kind: "package", credits: 5, validDays: 60, expiresAt: new Date("2026-08-11T17:30:00Z") },
  amountMinor: 3900,
  currency: "GBP",
  method: "online_card",
  paidAt: new Date("2026-06-12T17:30:00Z"),
  zone: "Europe/London",
};

const booking: PaymentReceiptFacts = {
  ...pack,
  paymentId: "p-2",
  description: "Vinyasa Flow, Tue 16 Jun 18:30",
  item: {
    kind: "booking",
    serviceName: "Vinyasa Flow",
    startsAt: new Date("2026-06-16T17:30:00Z"),
    endsAt: new Date("2026-06-16T18:30:00Z"),
    place: "Shoreditch, 12 Old Street, London, EC1V 9HL",
  },
  amountMinor: 1200,
  method: "desk_card",
};

describe("the payment receipt", () => {
  test("a package bought online: what, credits and validity, total paid, how and when, the link", () => {
    const email = paymentReceiptEmail(lotus, pack);
    expect(email.subject).toBe("Your receipt from Lotus Yoga: £39.00");
    expect(email.text).toBe(
      [
        "Hello Maya Patel,",
        "Thank you for your payment. This is your receipt.",
        "Five classes\n5 credits, valid for 60 days, until Tuesday 11 August 2026",
        "Total paid £39.00\nPaid by card online on Friday 12 June 2026 at 18:30",
        "See your receipt:\nhttps://lotus.wondrous.test/payments/p-1",
        "Lotus Yoga\n12 Old Street, London, EC1V 9HL",
        "--\nSent by Lotus Yoga through Wondrous",
      ].join("\n\n"),
    );
    expect(email.html).toContain("Total paid £39.00<br>Paid by card online on Friday 12 June 2026 at 18:30");
    expect(email.html).toContain('href="https://lotus.wondrous.test/payments/p-1"');
  });

  test("a booking paid at the desk: the class, its day and time on the location's clock, and the place", () => {
    const email = paymentReceiptEmail(lotus, booking);
    expect(email.text.split("\n\n").slice(2, 4)).toEqual([
      "Vinyasa Flow, Tue 16 Jun 18:30\nVinyasa Flow, Tuesday 16 June 2026, 18:30–19:30\nShoreditch, 12 Old Street, London, EC1V 9HL",
      "Total paid £12.00\nPaid by card at the desk on Friday 12 June 2026 at 18:30",
    ]);
  });

  test("each method in words; no address line when the studio has none", () => {
    const words = (["cash", "terminal"] as const).map(
      (method) => paymentReceiptEmail(lotus, { ...pack, method, item: { kind: "other" } }).text.split("\n\n")[3],
    );
    expect(words).toEqual([
      "Total paid £39.00\nPaid in cash on Friday 12 June 2026 at 18:30",
      "Total paid £39.00\nPaid on the card terminal on Friday 12 June 2026 at 18:30",
    ]);
    const bare = paymentReceiptEmail({ ...lotus, address: null }, pack).text;
    expect(bare).toContain("\n\nLotus Yoga\n\n--\n");
  });
});

describe("the refund receipt", () => {
  const refundedAt = new Date("2026-06-20T09:05:00Z");

  test("a partial card refund: amount, what remains, credits taken back, when it reaches the card", () => {
    const email = refundReceiptEmail(lotus, {
      ...pack,
      refundMinor: 1950,
      refundedMinor: 1950,
      creditsRemoved: 3,
      refundedAt,
    });
    expect(email.subject).toBe("Your refund from Lotus Yoga: £19.50");
    expect(email.text).toBe(
      [
        "Hello Maya Patel,",
        "We have refunded £19.50 of your payment for Five classes.",
        "Five classes\n5 credits, valid for 60 days, until Tuesday 11 August 2026",
        [
          "Refunded £19.50 on Saturday 20 June 2026 at 10:05",
          "You paid £39.00 by card online on Friday 12 June 2026 at 18:30",
          "Refunded in all £19.50; £19.50 remains paid.",
        ].join("\n"),
        "3 credits not yet used were taken back.",
        "The money reaches your card in 5 to 10 working days.",
        "See your receipt:\nhttps://lotus.wondrous.test/payments/p-1",
        "Lotus Yoga\n12 Old Street, London, EC1V 9HL",
        "--\nSent by Lotus Yoga through Wondrous",
      ].join("\n\n"),
    );
  });

  test("the rest of a cash payment, given back in cash, with no credits taken", () => {
    const email = refundReceiptEmail(lotus, {
      ...booking,
      method: "cash",
      refundMinor: 700,
      refundedMinor: 1200,
      creditsRemoved: 0,
      refundedAt,
    });
    const paragraphs = email.text.split("\n\n");
    expect(paragraphs.slice(3, 5)).toEqual([
      [
        "Refunded £7.00 on Saturday 20 June 2026 at 10:05",
        "You paid £12.00 in cash on Friday 12 June 2026 at 18:30",
        "The payment is now refunded in full.",
      ].join("\n"),
      "We gave the money back to you in cash.",
    ]);
    expect(email.text).not.toContain("taken back");
  });
});
