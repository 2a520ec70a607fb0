import { emailLayout } from "~/services/shared/email-layout";
import { type EmailContent, firstName, type StudioVoice, shortWhen, timeAt } from "./facts";
import { fitOneSegment } from "./sms-fit";

/**
 * Waitlist messages: a place offered (with the one-tap link and its deadline), and a line
 * closed because the class was cancelled. Times on the location's clock.
 */

export type WaitlistOfferFacts = {
  clientName: string;
  serviceName: string;
  locationName: string;
  startsAt: Date;
  zone: string;
  /** When the offer ends: after it the place goes to the next in line. */
  expiresAt: Date;
  /** The offer's page: one form accepts it, no sign-in needed. */
  url: string;
};

export function waitlistOfferSms(studio: StudioVoice, o: WaitlistOfferFacts): string {
  const when = shortWhen(o.startsAt, o.zone);
  const by = timeAt(o.expiresAt, o.zone);
  const names = { studio: studio.name, client: firstName(o.clientName), service: o.serviceName };
  return fitOneSegment(names, [
    (n) => `${n.studio}: ${n.client}, a place in ${n.service} ${when} is yours if you take it by ${by}: ${o.url}`,
    (n) => `${n.studio}: a place in ${n.service} ${when} is free. Take it by ${by}: ${o.url}`,
    (n) => `${n.studio}: place free ${when}. Take it by ${by}: ${o.url}`,
  ]);
}

export function waitlistOfferEmail(studio: StudioVoice, o: WaitlistOfferFacts): EmailContent {
  const when = shortWhen(o.startsAt, o.zone);
  const body = emailLayout({
    studioName: studio.name,
    greeting: `Hello ${o.clientName},`,
    paragraphs: [
      `A place has come free in ${o.serviceName}, ${when} at ${o.locationName}, and you are next in line.`,
      `It is yours if you take it by ${timeAt(o.expiresAt, o.zone)}. After that we offer it to the next person waiting.`,
    ],
    action: { label: "Take the place", url: o.url },
    after: [
      "Can't make it? Open the same link and let the place go, so the next person hears sooner.",
      `See you soon,\n${studio.name}`,
    ],
  });
  return { subject: `A place is free: ${o.serviceName}, ${when}`, ...body, attachments: [] };
}

export type WaitlistClosedFacts = {
  clientName: string;
  serviceName: string;
  startsAt: Date;
  zone: string;
};

export function waitlistClassCancelledSms(studio: StudioVoice, c: WaitlistClosedFacts): string {
  const when = shortWhen(c.startsAt, c.zone);
  const names = { studio: studio.name, client: firstName(c.clientName), service: c.serviceName };
  return fitOneSegment(names, [
    (n) => `${n.studio}: ${n.client}, ${n.service} ${when} is cancelled, so its waitlist is closed. Sorry!`,
    (n) => `${n.studio}: ${n.service} ${when} is cancelled; its waitlist is closed.`,
  ]);
}

export function waitlistClassCancelledEmail(studio: StudioVoice, c: WaitlistClosedFacts): EmailContent {
  const when = shortWhen(c.startsAt, c.zone);
  const body = emailLayout({
    studioName: studio.name,
    greeting: `Hello ${c.clientName},`,
    paragraphs: [`We have had to cancel ${c.serviceName}, ${when}, so you are no longer on its waitlist.`],
    action: { label: "Find another class", url: studio.url("/schedule") },
    after: [`Sorry for the change,\n${studio.name}`],
  });
  return { subject: `Cancelled: ${c.serviceName}, ${when}`, ...body, attachments: [] };
}
