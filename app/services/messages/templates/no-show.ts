import { emailLayout } from "~/services/shared/email-layout";
import {
  type BookingFacts,
  bookingPath,
  type EmailContent,
  type StudioVoice,
  shortWhen,
  withInstructor,
} from "./facts";

/**
 * The email telling a client they were marked as not attending, and what that cost them under
 * the studio's no-show rule: the credit used, nothing, or a fee to their card on file.
 */

export type NoShowCost =
  | { kind: "credit_kept"; credits: number }
  | { kind: "nothing"; credits: number }
  | { kind: "fee"; fee: string; card: string };

function costSentence(cost: NoShowCost): string {
  switch (cost.kind) {
    case "credit_kept":
      return cost.credits > 0
        ? `Under our no-show policy the ${cost.credits === 1 ? "credit" : `${cost.credits} credits`} you booked with ${cost.credits === 1 ? "is" : "are"} used.`
        : "Under our no-show policy there is nothing to pay this time.";
    case "nothing":
      return cost.credits > 0
        ? `The ${cost.credits === 1 ? "credit" : `${cost.credits} credits`} you booked with ${cost.credits === 1 ? "is" : "are"} back on your account: a no-show costs nothing this time.`
        : "A no-show costs nothing this time.";
    case "fee":
      return `Under our no-show policy a fee of ${cost.fee} is charged to your ${cost.card}. Any credit you booked with is back on your account.`;
  }
}

export function noShowEmail(studio: StudioVoice, b: BookingFacts, cost: NoShowCost): EmailContent {
  const when = shortWhen(b.startsAt, b.zone);
  const body = emailLayout({
    studioName: studio.name,
    greeting: `Hello ${b.clientName},`,
    paragraphs: [`We missed you at ${withInstructor(b)}, ${when} at ${b.locationName}.`, costSentence(cost)],
    action: { label: "See the booking", url: studio.url(bookingPath(b)) },
    after: ["If you were there after all, tell us and we will put it right.", `See you soon,\n${studio.name}`],
  });
  return { subject: `Missed: ${b.serviceName}, ${when}`, ...body, attachments: [] };
}
