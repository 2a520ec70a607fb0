import { insertDomainEvents } from "~/models/domain-event.server";
import { findLocationById } from "~/models/location.server";
import { insertOutboxMessage } from "~/models/outbox.server";
import { findStudioSettings } from "~/models/studio-settings.server";
import { findActiveUserById } from "~/models/user.server";
import { transitionWaitlistEntry } from "~/models/waitlist.server";
import { voiceOf } from "~/services/booking/notices.server";
import { hashSecretToken, newSecretToken } from "~/services/identity/secret-token.server";
import { smsSendTime } from "~/services/messages/templates/quiet-hours";
import {
  waitlistClassCancelledEmail,
  waitlistClassCancelledSms,
  waitlistOfferEmail,
  waitlistOfferSms,
} from "~/services/messages/templates/waitlist";
import { messageRoute } from "~/services/shared/message-channels";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { Occurrence, Service, StudioSettings, User, WaitlistEntry } from "~db/schema/tenant";
import { enqueue } from "../../../jobs/enqueue";
import { EXPIRE_WAITLIST_OFFER } from "../../../jobs/queues";

/** The expiry job's data: this offer, which the job ends if it is still open when due. */
export type ExpireOfferJob = { studioId: string; entryId: string };

/** The offer's page: its token is the only key it needs (no sign-in). */
export const offerPath = (token: string) => `/offers/${encodeURIComponent(token)}`;

type OfferFacts = {
  entry: WaitlistEntry;
  occurrence: Occurrence;
  service: Service;
  deadline: Date;
  now: Date;
};

/**
 * Offers the place to the entry, inside the fill step's transaction: the entry moves to
 * `offered` with a fresh single-use token (stored hashed) and its deadline, which the trigger
 * counts against the free places; the client is told by email and SMS with the one-tap link;
 * the expiry job is due at the deadline.
 */
export async function writeOffer(tx: Executor, tenant: Tenant, o: OfferFacts) {
  const token = newSecretToken();
  const offered = await transitionWaitlistEntry(tx, tenant, o.entry.id, "waiting", {
    status: "offered",
    offeredAt: o.now,
    offerExpiresAt: o.deadline,
    offerTokenHash: hashSecretToken(token),
  });
  if (!offered) return;
  await insertDomainEvents(tx, tenant, [
    {
      type: "waitlist.offered",
      bookingId: null,
      occurrenceId: o.occurrence.id,
      payload: { entryId: offered.id, clientId: offered.clientId, expiresAt: o.deadline.toISOString() },
    },
  ]);
  const job: ExpireOfferJob = { studioId: tenant.studio.id, entryId: offered.id };
  await enqueue(tx, EXPIRE_WAITLIST_OFFER, job, { startAfter: o.deadline });
  const [client, location, settings] = await Promise.all([
    findActiveUserById(tx, tenant, offered.clientId),
    findLocationById(tx, tenant, o.occurrence.locationId),
    findStudioSettings(tx, tenant),
  ]);
  if (!client || !location) return;
  const voice = voiceOf(tenant);
  const facts = {
    clientName: client.fullName,
    serviceName: o.service.name,
    locationName: location.name,
    startsAt: o.occurrence.startsAt,
    zone: location.timezone,
    expiresAt: o.deadline,
    url: voice.url(offerPath(token)),
  };
  await tell(tx, tenant, client, settings, location.timezone, {
    template: "waitlist_offer",
    occurrence: o.occurrence,
    email: waitlistOfferEmail(voice, facts),
    sms: waitlistOfferSms(voice, facts),
    smsNotAfter: o.deadline,
    now: o.now,
  });
}

/** Those in line for a cancelled class hear that their waitlist is closed. */
export async function tellLineClosed(
  tx: Executor,
  tenant: Tenant,
  occurrence: Occurrence,
  serviceName: string,
  entries: WaitlistEntry[],
) {
  const [location, settings] = await Promise.all([
    findLocationById(tx, tenant, occurrence.locationId),
    findStudioSettings(tx, tenant),
  ]);
  if (!location) return;
  const voice = voiceOf(tenant);
  const now = new Date();
  for (const entry of entries) {
    const client = await findActiveUserById(tx, tenant, entry.clientId);
    if (!client) continue;
    const facts = {
      clientName: client.fullName,
      serviceName,
      startsAt: occurrence.startsAt,
      zone: location.timezone,
    };
    await tell(tx, tenant, client, settings, location.timezone, {
      template: "waitlist_closed",
      occurrence,
      email: waitlistClassCancelledEmail(voice, facts),
      sms: waitlistClassCancelledSms(voice, facts),
      smsNotAfter: occurrence.startsAt,
      now,
    });
  }
}

type Telling = {
  template: string;
  occurrence: Occurrence;
  email: { subject: string; text: string; html: string };
  sms: string;
  /** An SMS held back by the quiet hours past this is not sent at all. */
  smsNotAfter: Date;
  now: Date;
};

/**
 * Email always (an offer is time-critical and a link is easier to open there), and an SMS when
 * the client takes texts at a mobile number, outside the studio's quiet hours.
 */
async function tell(tx: Executor, tenant: Tenant, client: User, settings: StudioSettings, zone: string, m: Telling) {
  const about = { template: m.template, userId: client.id, bookingId: null, locationId: m.occurrence.locationId };
  await insertOutboxMessage(tx, tenant, {
    channel: "email",
    recipient: client.email,
    subject: m.email.subject,
    body: m.email.text,
    html: m.email.html,
    ...about,
  });
  const route = messageRoute(client, settings.country);
  if (!route.sms) return;
  const sendAt = smsSendTime({
    desired: m.now,
    zone,
    quietStart: settings.quietHoursStart,
    quietEnd: settings.quietHoursEnd,
    notAfter: m.smsNotAfter,
    now: m.now,
  });
  if (!sendAt) return;
  await insertOutboxMessage(tx, tenant, {
    channel: "sms",
    recipient: route.sms,
    subject: null,
    body: m.sms,
    sendAfter: sendAt > m.now ? sendAt : null,
    ...about,
  });
}
