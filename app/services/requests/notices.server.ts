import type { BookingRequest } from "~/models/booking-request.server";
import { insertOutboxMessage } from "~/models/outbox.server";
import { smsSendTime } from "~/services/messages/templates/quiet-hours";
import type { RequestFacts, RequestMessage } from "~/services/messages/templates/requests";
import { messageRoute } from "~/services/shared/message-channels";
import { mobileFor } from "~/services/shared/phone";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { Location, Service, StudioSettings, User } from "~db/schema/tenant";

export type Person = Pick<User, "id" | "fullName" | "email" | "phone" | "messageChannels">;

/** Everything a request's messages say, gathered once by the caller. */
export function requestFacts(
  request: BookingRequest,
  client: Pick<User, "fullName">,
  service: Pick<Service, "name">,
  location: Pick<Location, "name" | "timezone">,
): RequestFacts {
  return {
    requestId: request.id,
    clientName: client.fullName,
    serviceName: service.name,
    locationName: location.name,
    zone: location.timezone,
    preferredTimes: request.preferredTimes,
    note: request.notes,
  };
}

type Delivery = {
  template: string;
  settings: Pick<StudioSettings, "country" | "quietHoursStart" | "quietHoursEnd">;
  zone: string;
  locationId: string;
  now: Date;
};

type Addresses = { email: boolean; sms: string | null };

async function write(tx: Executor, tenant: Tenant, to: Person, via: Addresses, message: RequestMessage, d: Delivery) {
  const about = { template: d.template, userId: to.id, locationId: d.locationId };
  if (via.email)
    await insertOutboxMessage(tx, tenant, {
      channel: "email",
      recipient: to.email,
      subject: message.subject,
      body: message.text,
      ...about,
    });
  if (!via.sms) return;
  // A text written at night waits for the morning, like every other studio text.
  const at = smsSendTime({
    desired: d.now,
    zone: d.zone,
    quietStart: d.settings.quietHoursStart,
    quietEnd: d.settings.quietHoursEnd,
    notAfter: null,
    now: d.now,
  });
  if (!at) return;
  await insertOutboxMessage(tx, tenant, {
    channel: "sms",
    recipient: via.sms,
    subject: null,
    body: message.sms,
    sendAfter: at > d.now ? at : null,
    ...about,
  });
}

/** A client hears by email and SMS as they chose (email when they cannot get a text). */
export async function tellClient(tx: Executor, tenant: Tenant, client: Person, message: RequestMessage, d: Delivery) {
  const route = messageRoute(client, d.settings.country);
  await write(tx, tenant, client, { email: route.email, sms: route.sms }, message, d);
}

/** Staff hear by email, and by SMS too when they have a mobile number: a request waits on them. */
export async function tellStaff(tx: Executor, tenant: Tenant, person: Person, message: RequestMessage, d: Delivery) {
  const mobile = mobileFor(person.phone, d.settings.country);
  await write(tx, tenant, person, { email: true, sms: mobile.ok ? mobile.e164 : null }, message, d);
}
