import { type BookingFacts, firstName, type StudioVoice, shortWhen, timeAt } from "./facts";
import { fitOneSegment } from "./sms-fit";

/**
 * Booking texts: one GSM-7 segment each, the studio's name first (a phone shows the sender as a
 * number or a short ID, not always the studio), times on the location's clock. Each offers its
 * wordings richest first; fitOneSegment picks the first that fits and cuts names if none does.
 */

const REPLY_CANCEL = "Reply CANCEL to cancel.";

type Names = { studio: string; client: string; service: string; instructor: string; location: string };

function namesOf(studio: StudioVoice, b: BookingFacts): Names {
  return {
    studio: studio.name,
    client: firstName(b.clientName),
    service: b.serviceName,
    instructor: b.instructorName ?? "",
    location: b.locationName,
  };
}

/** " with Anna" when there is an instructor. */
const by = (n: Names) => (n.instructor ? ` with ${n.instructor}` : "");
const places = (b: BookingFacts) => (b.spots > 1 ? ` (${b.spots} places)` : "");

export function bookingConfirmedSms(studio: StudioVoice, b: BookingFacts, o: { afterRequest?: boolean } = {}): string {
  const when = shortWhen(b.startsAt, b.zone);
  const what = o.afterRequest ? "we've confirmed your request:" : "you're booked for";
  const head = o.afterRequest ? "confirmed:" : "booked";
  return fitOneSegment(namesOf(studio, b), [
    (n) =>
      `${n.studio}: ${n.client}, ${what} ${n.service}${by(n)}${places(b)}, ${when} at ${n.location}. ${REPLY_CANCEL}`,
    (n) => `${n.studio}: ${n.client}, ${what} ${n.service}${places(b)}, ${when} at ${n.location}. ${REPLY_CANCEL}`,
    (n) => `${n.studio}: ${head} ${n.service}${places(b)}, ${when}, ${n.location}. ${REPLY_CANCEL}`,
  ]);
}

export function bookingRequestedSms(studio: StudioVoice, b: BookingFacts): string {
  const when = shortWhen(b.startsAt, b.zone);
  return fitOneSegment(namesOf(studio, b), [
    (n) =>
      `${n.studio}: ${n.client}, we've got your request for ${n.service}${by(n)}, ${when} at ${n.location}. We'll confirm soon. Reply CANCEL to withdraw it.`,
    (n) =>
      `${n.studio}: ${n.client}, we've got your request for ${n.service}, ${when} at ${n.location}. We'll confirm soon. Reply CANCEL to withdraw it.`,
    (n) =>
      `${n.studio}: request for ${n.service}, ${when}, ${n.location} awaits our confirmation. Reply CANCEL to withdraw.`,
  ]);
}

export function bookingCancelledSms(
  studio: StudioVoice,
  b: BookingFacts,
  o: { creditReturned: boolean; byStudio: boolean },
): string {
  const when = shortWhen(b.startsAt, b.zone);
  const credit = o.creditReturned ? "Your credit is back in your account." : "The credit was not returned.";
  const shortCredit = o.creditReturned ? "Credit returned." : "Credit not returned.";
  if (o.byStudio) {
    return fitOneSegment(namesOf(studio, b), [
      (n) =>
        `${n.studio}: sorry ${n.client}, we've had to cancel ${n.service}${by(n)}, ${when} at ${n.location}. ${credit}`,
      (n) => `${n.studio}: sorry ${n.client}, we've had to cancel ${n.service}, ${when} at ${n.location}. ${credit}`,
      (n) => `${n.studio}: sorry, we've cancelled ${n.service}, ${when}, ${n.location}. ${shortCredit}`,
    ]);
  }
  return fitOneSegment(namesOf(studio, b), [
    (n) =>
      `${n.studio}: ${n.client}, your booking for ${n.service}${by(n)}, ${when} at ${n.location} is cancelled. ${credit}`,
    (n) => `${n.studio}: ${n.client}, your booking for ${n.service}, ${when} at ${n.location} is cancelled. ${credit}`,
    (n) => `${n.studio}: cancelled ${n.service}, ${when}, ${n.location}. ${shortCredit}`,
  ]);
}

export function bookingMovedSms(studio: StudioVoice, b: BookingFacts, o: { previousStartsAt: Date }): string {
  const when = shortWhen(b.startsAt, b.zone);
  // A move within the day reads best as "from 18:30 to Fri 4 Dec 19:30".
  const sameDay = shortWhen(o.previousStartsAt, b.zone).slice(0, -6) === when.slice(0, -6);
  const before = sameDay ? timeAt(o.previousStartsAt, b.zone) : shortWhen(o.previousStartsAt, b.zone);
  return fitOneSegment(namesOf(studio, b), [
    (n) =>
      `${n.studio}: ${n.client}, ${n.service}${by(n)} has moved from ${before} to ${when} at ${n.location}. ${REPLY_CANCEL}`,
    (n) =>
      `${n.studio}: ${n.client}, ${n.service} has moved from ${before} to ${when} at ${n.location}. ${REPLY_CANCEL}`,
    (n) => `${n.studio}: ${n.service} moved to ${when}, ${n.location}. ${REPLY_CANCEL}`,
  ]);
}

export function reminderSms(studio: StudioVoice, b: BookingFacts): string {
  // Quiet hours may send it the evening before, so it names the day rather than "today".
  const when = shortWhen(b.startsAt, b.zone);
  return fitOneSegment(namesOf(studio, b), [
    (n) =>
      `${n.studio}: ${n.client}, see you for ${n.service}${by(n)}, ${when} at ${n.location}. Can't come? ${REPLY_CANCEL}`,
    (n) => `${n.studio}: ${n.client}, see you for ${n.service}, ${when} at ${n.location}. Can't come? ${REPLY_CANCEL}`,
    (n) => `${n.studio}: reminder, ${n.service}, ${when}, ${n.location}. ${REPLY_CANCEL}`,
  ]);
}

/** The answer to a client who texted CANCEL: done, too late to do it by text, or nothing to cancel. */
export function cancelReplySms(
  studio: StudioVoice,
  b: BookingFacts | null,
  o: { outcome: "cancelled" | "too_late" | "not_found"; creditReturned?: boolean; studioPhone?: string | null },
): string {
  const call = o.studioPhone ? `Please call us on ${o.studioPhone}.` : "Please call the studio.";
  if (o.outcome === "not_found" || b === null) {
    return fitOneSegment({ studio: studio.name }, [
      (n) => `${n.studio}: we couldn't find an upcoming booking of yours to cancel. ${call}`,
    ]);
  }
  const when = shortWhen(b.startsAt, b.zone);
  if (o.outcome === "too_late") {
    return fitOneSegment(namesOf(studio, b), [
      (n) => `${n.studio}: sorry ${n.client}, it's too late to cancel ${n.service}, ${when} by text. ${call}`,
      (n) => `${n.studio}: too late to cancel ${n.service}, ${when} by text. ${call}`,
    ]);
  }
  const credit = o.creditReturned ? "Your credit is back in your account." : "The credit was not returned.";
  return fitOneSegment(namesOf(studio, b), [
    (n) => `${n.studio}: done, ${n.client}. ${n.service}, ${when} at ${n.location} is cancelled. ${credit}`,
    (n) =>
      `${n.studio}: ${n.service}, ${when} is cancelled. ${o.creditReturned ? "Credit returned." : "Credit not returned."}`,
  ]);
}
