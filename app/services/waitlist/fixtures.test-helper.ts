import { findOccurrence } from "~/models/occurrence.server";
import { listRecentOutboxMessages } from "~/models/outbox.server";
import { findWaitlistEntry } from "~/models/waitlist.server";
import { bookClass } from "~/services/booking/engine.server";
import { bookingStudio } from "~/services/booking/fixtures.test-helper";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { joinWaitlist } from "./line.server";

/**
 * The booking studio's Yoga class made full (`capacity` places, each booked by a client with
 * credits), and helpers to line clients up and read the offers they were sent.
 */
export async function fullClass(capacity = 1) {
  const s = await bookingStudio({ classCapacity: capacity });
  const occurrenceId = s.yogaClass.id;
  const booked: { client: User; bookingId: string }[] = [];
  for (let i = 0; i < capacity; i++) {
    const client = await s.client(3);
    const { booking } = await bookClass(s.tenant, client, { occurrenceId });
    booked.push({ client, bookingId: booking.id });
  }
  /** A client with `credits` who joins the line. */
  const waiting = async (credits = 3) => {
    const client = await s.client(credits);
    const { entry } = await joinWaitlist(s.tenant, client, { occurrenceId });
    return { client, entry };
  };
  const entry = async (id: string) => findWaitlistEntry(database(), s.tenant, id);
  const occurrence = async () => findOccurrence(database(), s.tenant, occurrenceId);
  /** The token in the latest offer email sent to this client (null: none sent). */
  const offerToken = async (client: Pick<User, "email">) => {
    const messages = await listRecentOutboxMessages(database(), s.tenant, 200);
    const offer = messages.find((m) => m.template === "waitlist_offer" && m.recipient === client.email);
    const match = offer?.body.match(/\/offers\/([A-Za-z0-9_-]+)/);
    return match ? decodeURIComponent(match[1] as string) : null;
  };
  return { ...s, occurrenceId, booked, waiting, entry, occurrence, offerToken };
}
