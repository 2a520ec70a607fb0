// PLACEHOLDER until helper B's templates merge (replaced wholesale).
import type { MessageAttachment } from "~db/schema/tenant";
export type StudioVoice = { name: string; slug: string; url: (path: string) => string };
export type BookingFacts = {
  bookingId: string;
  clientName: string;
  serviceName: string;
  instructorName: string | null;
  locationName: string;
  locationAddress: string | null;
  startsAt: Date;
  endsAt: Date;
  zone: string;
  spots: number;
  kind: "session" | "class";
};
export type EmailContent = { subject: string; text: string; html: string; attachments: MessageAttachment[] };
const e = (subject: string): EmailContent => ({ subject, text: subject, html: `<p>${subject}</p>`, attachments: [] });
export const bookingConfirmedEmail = (_s: StudioVoice, b: BookingFacts, _o?: { afterRequest?: boolean }) =>
  e(`Booked: ${b.serviceName}`);
export const bookingConfirmedSms = (_s: StudioVoice, b: BookingFacts, _o?: { afterRequest?: boolean }) =>
  `Booked: ${b.serviceName}`;
export const bookingRequestedEmail = (_s: StudioVoice, b: BookingFacts) => e(`Requested: ${b.serviceName}`);
export const bookingRequestedSms = (_s: StudioVoice, b: BookingFacts) => `Requested: ${b.serviceName}`;
export const bookingCancelledEmail = (
  _s: StudioVoice,
  b: BookingFacts,
  _o: { creditReturned: boolean; byStudio: boolean },
) => e(`Cancelled: ${b.serviceName}`);
export const bookingCancelledSms = (
  _s: StudioVoice,
  b: BookingFacts,
  _o: { creditReturned: boolean; byStudio: boolean },
) => `Cancelled: ${b.serviceName}`;
export const bookingMovedEmail = (_s: StudioVoice, b: BookingFacts, _o: { previousStartsAt: Date }) =>
  e(`Moved: ${b.serviceName}`);
export const bookingMovedSms = (_s: StudioVoice, b: BookingFacts, _o: { previousStartsAt: Date }) =>
  `Moved: ${b.serviceName}`;
export const reminderEmail = (_s: StudioVoice, b: BookingFacts) => e(`Tomorrow: ${b.serviceName}`);
export const reminderSms = (_s: StudioVoice, b: BookingFacts) => `Soon: ${b.serviceName}`;
