import { describe, expect, test } from "vitest";
import { lockLiveBookingsForOccurrences } from "~/models/booking.server";
import { bookClass, cancelBooking } from "~/services/booking/engine.server";
import { bookingStudio } from "~/services/booking/fixtures.test-helper";
import { clientCredits } from "~/services/credits/ledger.server";
import { NotFound } from "~/services/shared/errors";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { fillWaitlist } from "./fill.server";
import { fullClass } from "./fixtures.test-helper";
import { acceptOffer, acceptOwnOffer, expireOffer, findOfferByToken } from "./offer.server";

/**
 * What happens when answers, jobs and other bookings arrive at the same moment: each place goes
 * to one person, the loser is told plainly, and nothing is left half-written.
 */

const MINUTE = 60_000;

/** A full class of `capacity` with `waiting` in line and `freed` of its bookings cancelled (not yet offered). */
async function freedClass(capacity: number, waiting: number, freed: number) {
  const s = await fullClass(capacity);
  const line = [];
  for (let i = 0; i < waiting; i++) line.push(await s.waiting());
  for (const { client, bookingId } of s.booked.slice(0, freed)) await cancelBooking(s.tenant, client, bookingId);
  const liveBookings = () =>
    database().transaction((tx) => lockLiveBookingsForOccurrences(tx, s.tenant, [s.occurrenceId]));
  return { ...s, line, liveBookings };
}

const balanceOf = async (s: { tenant: Parameters<typeof clientCredits>[0] }, client: User) =>
  (await clientCredits(s.tenant, client, client.id)).balance;

describe("racing for one place", () => {
  test("the same offer accepted twice at once (a double tap, two devices) books once", async () => {
    const s = await freedClass(1, 2, 1);
    await fillWaitlist(s.tenant, s.occurrenceId);
    const offer = (await s.entry(s.line[0]!.entry.id))!;
    const results = await Promise.allSettled([acceptOffer(s.tenant, offer), acceptOffer(s.tenant, offer)]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost[0]?.reason).toMatchObject({
      status: 409,
      code: "OFFER_ANSWERED",
      message: "You have already taken this place.",
    });
    expect((await s.liveBookings()).filter((b) => b.clientId === s.line[0]!.client.id)).toHaveLength(1);
    expect(await balanceOf(s, s.line[0]!.client)).toBe(2);
    const occurrence = await s.occurrence();
    expect({ booked: occurrence?.bookedSpots, offered: occurrence?.offeredSpots }).toEqual({ booked: 1, offered: 0 });
  });

  test("an accept racing staff booking another client into the class: the offered place stays the offer's", async () => {
    const s = await freedClass(1, 1, 1);
    await fillWaitlist(s.tenant, s.occurrenceId);
    const offer = (await s.entry(s.line[0]!.entry.id))!;
    const walkIn = await s.client(3);
    const [accepted, desk] = await Promise.allSettled([
      acceptOffer(s.tenant, offer),
      bookClass(s.tenant, s.owner, { occurrenceId: s.occurrenceId, clientId: walkIn.id }),
    ]);
    expect(accepted.status).toBe("fulfilled");
    expect(desk.status === "rejected" && desk.reason).toMatchObject({ status: 409, code: "CLASS_FULL" });
    expect((await s.liveBookings()).map((b) => b.clientId).sort()).toEqual([s.line[0]!.client.id]);
    expect(await balanceOf(s, walkIn)).toBe(3);
  });

  test("two offers out for two places, both accepted at once while staff fill the class: each keeps theirs", async () => {
    const s = await freedClass(2, 3, 2);
    await fillWaitlist(s.tenant, s.occurrenceId);
    const [first, second] = await Promise.all([s.entry(s.line[0]!.entry.id), s.entry(s.line[1]!.entry.id)]);
    const walkIn = await s.client(3);
    const results = await Promise.allSettled([
      acceptOffer(s.tenant, first!),
      acceptOffer(s.tenant, second!),
      bookClass(s.tenant, s.owner, { occurrenceId: s.occurrenceId, clientId: walkIn.id }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected"]);
    expect((await s.entry(s.line[2]!.entry.id))?.status).toBe("waiting");
    const occurrence = await s.occurrence();
    expect({ booked: occurrence?.bookedSpots, offered: occurrence?.offeredSpots }).toEqual({ booked: 2, offered: 0 });
  });

  test("an accept racing the expiry job at the deadline has exactly one outcome", async () => {
    for (let round = 0; round < 4; round++) {
      const s = await freedClass(1, 2, 1);
      const now = new Date();
      await fillWaitlist(s.tenant, s.occurrenceId, now);
      const offer = (await s.entry(s.line[0]!.entry.id))!;
      const deadline = offer.offerExpiresAt!;
      const [accepted, expired] = await Promise.allSettled([
        acceptOffer(s.tenant, offer, { now: new Date(deadline.getTime() - 1) }),
        expireOffer(s.tenant, offer.id, deadline),
      ]);
      const entry = await s.entry(offer.id);
      const next = await s.entry(s.line[1]!.entry.id);
      if (accepted.status === "fulfilled") {
        expect(expired).toMatchObject({ status: "fulfilled", value: "not_due" });
        expect(entry?.status).toBe("booked");
        expect(next?.status).toBe("waiting");
        expect(await s.liveBookings()).toHaveLength(1);
      } else {
        expect(accepted.reason).toMatchObject({ status: 410, code: "OFFER_EXPIRED" });
        expect(expired).toMatchObject({ status: "fulfilled", value: "expired" });
        expect(entry?.status).toBe("expired");
        expect(next?.status).toBe("offered");
        expect(await s.liveBookings()).toHaveLength(0);
        expect(await balanceOf(s, s.line[0]!.client)).toBe(3);
      }
      const occurrence = await s.occurrence();
      expect(occurrence!.bookedSpots + occurrence!.offeredSpots).toBe(1);
    }
  });

  test("five workers filling at once give one offer per free place, to the first in line", async () => {
    const s = await freedClass(3, 6, 2);
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => fillWaitlist(s.tenant, s.occurrenceId)));
    expect(outcomes.reduce((n, o) => n + o.offered, 0)).toBe(2);
    const statuses = await Promise.all(s.line.map(async (w) => (await s.entry(w.entry.id))?.status));
    expect(statuses).toEqual(["offered", "offered", "waiting", "waiting", "waiting", "waiting"]);
    expect((await s.occurrence())?.offeredSpots).toBe(2);
    // One email per offer, not one per worker.
    for (const w of s.line.slice(0, 2)) expect(await s.offerToken(w.client)).toBeTruthy();
  });
});

describe("an offer's link opens that offer only", () => {
  test("another client, another entry's token, another studio, after use and after expiry: no", async () => {
    const s = await freedClass(2, 3, 2);
    const now = new Date();
    await fillWaitlist(s.tenant, s.occurrenceId, now);
    const [first, second] = s.line;
    const firstToken = (await s.offerToken(first!.client))!;
    const secondToken = (await s.offerToken(second!.client))!;

    // Through the API, another client naming the entry is told it does not exist (NotFound: a 404).
    await expect(acceptOwnOffer(s.tenant, second!.client, first!.entry.id)).rejects.toBeInstanceOf(NotFound);
    // The second entry's token opens the second entry, never the first.
    expect((await findOfferByToken(s.tenant, secondToken)).id).toBe(second!.entry.id);
    expect((await findOfferByToken(s.tenant, firstToken)).id).toBe(first!.entry.id);
    // Another studio has no such offer.
    const other = await bookingStudio();
    await expect(findOfferByToken(other.tenant, firstToken)).rejects.toBeInstanceOf(NotFound);

    // Used: the link no longer opens anything.
    await acceptOffer(s.tenant, await findOfferByToken(s.tenant, firstToken), { now });
    await expect(findOfferByToken(s.tenant, firstToken)).rejects.toBeInstanceOf(NotFound);
    // Expired: nor does this one, and the third in line has the place now.
    const later = new Date(now.getTime() + 30 * MINUTE);
    expect(await expireOffer(s.tenant, second!.entry.id, later)).toBe("expired");
    await expect(findOfferByToken(s.tenant, secondToken)).rejects.toBeInstanceOf(NotFound);
    expect((await s.entry(s.line[2]!.entry.id))?.status).toBe("offered");
    expect((await s.entry(first!.entry.id))?.status).toBe("booked");
    expect((await s.entry(second!.entry.id))?.status).toBe("expired");
  });
});
