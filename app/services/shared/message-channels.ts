import type { MessageChannels } from "~db/schema/tenant";
import { mobileFor } from "./phone";

/**
 * Where a client's booking messages go: their choice (email, SMS or both), narrowed by whether
 * their phone is a mobile. Without one they get email only, even if they chose SMS only, so no
 * booking goes untold. Server only, like phone.ts.
 */
export type MessageRoute = {
  email: boolean;
  /** The E.164 mobile to text, or null. */
  sms: string | null;
  /** Why texts they would like cannot be sent ("Not a mobile number"), or null. */
  smsRefusal: string | null;
};

export function messageRoute(client: { messageChannels: MessageChannels; phone: string | null }, country: string) {
  const mobile = mobileFor(client.phone, country);
  const wantsSms = client.messageChannels !== "email";
  if (!wantsSms) return { email: true, sms: null, smsRefusal: null } satisfies MessageRoute;
  if (!mobile.ok) return { email: true, sms: null, smsRefusal: mobile.reason } satisfies MessageRoute;
  return { email: client.messageChannels === "both", sms: mobile.e164, smsRefusal: null } satisfies MessageRoute;
}

/** The route in a few words for staff: "Email only — not a mobile number". */
export function describeMessageRoute(route: MessageRoute): string {
  if (route.smsRefusal) return `Email only — ${route.smsRefusal.toLowerCase()}`;
  if (route.email && route.sms) return "Email and SMS";
  if (route.sms) return "SMS only (their choice)";
  return "Email only (their choice)";
}
