import { updateClient } from "~/models/client.server";
import { recordStudioStripeState, setStudioStripeAccount } from "~/models/organization.server";
import { insertPackage } from "~/models/package.server";
import { bookingStudio } from "~/services/booking/fixtures.test-helper";
import { database } from "~db/client";
import type { IntroPreferences } from "./intro.schema";

/**
 * The booking studio with its 1:1 session (PT 60, at both locations; the instructor works
 * Mondays 09:00–17:00 at the main one) sold as the intro offer at £39, and a new client with a
 * mobile number. `stripeAccountId`: the studio takes cards online through that account.
 */
export async function introStudio(options: { stripeAccountId?: string } = {}) {
  const s = await bookingStudio();
  const db = database();
  if (options.stripeAccountId) {
    await setStudioStripeAccount(db, s.tenant.studio.id, options.stripeAccountId);
    const state = { chargesEnabled: true, detailsSubmitted: true, checkedAt: new Date() };
    await recordStudioStripeState(db, options.stripeAccountId, state);
  }
  const offer = await insertPackage(db, s.tenant, {
    name: "Intro session",
    credits: 1,
    priceMinor: 3900,
    validDays: 60,
    locationIds: [],
    serviceIds: [s.session.id],
    introOffer: true,
  });
  /** A client with no bookings and no credits, reachable by SMS. */
  const newClient = async () => {
    const person = await s.person("client", [s.main.id]);
    await updateClient(db, s.tenant, person.id, { phone: "+447700900123" });
    return { ...person, phone: "+447700900123" };
  };
  /** What the intro form sends: Mondays and Wednesdays, mornings, at the main location. */
  const preferences = (extra: Partial<IntroPreferences> = {}): IntroPreferences => ({
    idempotencyKey: crypto.randomUUID(),
    packageId: offer.id,
    locationId: s.main.id,
    days: [1, 3],
    dayParts: ["morning"],
    notes: "Knee injury last year",
    ...extra,
  });
  return { ...s, offer, newClient, preferences };
}
