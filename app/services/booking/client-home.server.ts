import { listShownBookings } from "~/models/booking.server";
import { clientCredits } from "~/services/credits/ledger.server";
import { fullDateAt } from "~/services/shared/date-words";
import { studioTypeOf } from "~/services/studio/settings.server";
import { studioTimezone } from "~/services/studio/time.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { ownBookingRefusal } from "./pages.server";
import { toBookingRow, toBookingView } from "./views.server";

/** How many coming bookings the home page lists; the rest are one tap away on My bookings. */
const NEXT_BOOKINGS = 3;
/** A booking under way still counts as coming up until it ends; none runs longer than a day. */
const LONGEST_BOOKING_MS = 24 * 60 * 60 * 1000;

/**
 * What a signed-in client came to the home page for: their next bookings, the credits they have
 * left and when the first of them expire, and the ways to book that the studio offers (a
 * class-based studio has no sessions to book, a session-based one no classes), or why they
 * cannot book online.
 */
export async function clientHome(tenant: Tenant, client: User, now = new Date()) {
  const [rows, credits, studioType, zone, refusal] = await Promise.all([
    listShownBookings(database(), tenant, {
      clientId: client.id,
      from: new Date(now.getTime() - LONGEST_BOOKING_MS),
      statuses: ["pending", "confirmed", "checked_in"],
      limit: 20,
    }),
    clientCredits(tenant, client, client.id, now),
    studioTypeOf(tenant),
    studioTimezone(tenant),
    ownBookingRefusal(tenant, client),
  ]);
  const coming = rows.map(toBookingView).filter((b) => b.endsAt > now.toISOString());
  // The usable grant that runs out first: what the client should spend before it goes.
  const firstToExpire = credits.grants
    .filter((g) => !g.expired && g.remaining > 0)
    .sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime())[0];
  return {
    nextBookings: coming.slice(0, NEXT_BOOKINGS).map(toBookingRow),
    moreBookings: coming.length > NEXT_BOOKINGS,
    credits: {
      balance: credits.balance,
      expiring: firstToExpire
        ? {
            credits: firstToExpire.remaining,
            on: fullDateAt(firstToExpire.expiresAt, zone),
            all: firstToExpire.remaining === credits.balance,
          }
        : null,
    },
    refusal,
    offers: {
      classes: studioType !== "session_based",
      sessions: studioType !== "class_based",
    },
  };
}
