import { describe, expect, test } from "vitest";
import { updateService } from "~/models/service.server";
import { updateStudioSettings } from "~/models/studio-settings.server";
import { cancelOccurrence } from "~/services/booking/class-cancellation.server";
import { bookClass, cancelBooking } from "~/services/booking/engine.server";
import { clientCredits } from "~/services/credits/ledger.server";
import { database } from "~db/client";
import { fillWaitlist } from "./fill.server";
import { fullClass } from "./fixtures.test-helper";
import { leaveWaitlist } from "./line.server";
import { acceptOffer, declineOffer, expireOffer, findOfferByToken } from "./offer.server";

const MINUTE = 60_000;

describe("a freed place goes to the first in line", () => {
  test("a cancellation offers the place to the first waiting, with a link that books it", async () => {
    const s = await fullClass(1);
    const first = await s.waiting();
    const second = await s.waiting();
    // Others are waiting: booking directly is refused even though a place is about to free.
    await cancelBooking(s.tenant, s.booked[0]!.client, s.booked[0]!.bookingId);
    await expect(bookClass(s.tenant, await s.client(2), { occurrenceId: s.occurrenceId })).rejects.toMatchObject({
      code: "CLASS_FULL",
    });

    expect(await fillWaitlist(s.tenant, s.occurrenceId)).toEqual({ offered: 1, booked: 0, closed: 0 });
    expect((await s.entry(first.entry.id))?.status).toBe("offered");
    expect((await s.entry(second.entry.id))?.status).toBe("waiting");
    expect((await s.occurrence())?.offeredSpots).toBe(1);
    // Idempotent: a second signal offers nothing more.
    expect(await fillWaitlist(s.tenant, s.occurrenceId)).toEqual({ offered: 0, booked: 0, closed: 0 });

    const token = await s.offerToken(first.client);
    expect(token).toBeTruthy();
    const offer = await findOfferByToken(s.tenant, token as string);
    const outcome = await acceptOffer(s.tenant, offer);
    expect(outcome.kind).toBe("booked");
    const after = await s.occurrence();
    expect({ booked: after?.bookedSpots, offered: after?.offeredSpots }).toEqual({ booked: 1, offered: 0 });
    expect((await clientCredits(s.tenant, first.client, first.client.id)).balance).toBe(2);
    // Single use: the link now says so and changes nothing.
    await expect(findOfferByToken(s.tenant, token as string)).rejects.toMatchObject({ name: "NotFound" });
  });

  test("an offer that runs out, or is declined, moves to the next in line", async () => {
    const s = await fullClass(1);
    const first = await s.waiting();
    const second = await s.waiting();
    const third = await s.waiting();
    await cancelBooking(s.tenant, s.booked[0]!.client, s.booked[0]!.bookingId);
    const now = new Date();
    await fillWaitlist(s.tenant, s.occurrenceId, now);
    const offered = await s.entry(first.entry.id);
    expect(offered?.offerExpiresAt?.getTime()).toBe(now.getTime() + 30 * MINUTE);

    expect(await expireOffer(s.tenant, first.entry.id, new Date(now.getTime() + 29 * MINUTE))).toBe("not_due");
    const later = new Date(now.getTime() + 30 * MINUTE);
    expect(await expireOffer(s.tenant, first.entry.id, later)).toBe("expired");
    expect((await s.entry(second.entry.id))?.status).toBe("offered");
    // The first client's late accept is refused plainly.
    await expect(acceptOffer(s.tenant, (await s.entry(first.entry.id))!, { now: later })).rejects.toMatchObject({
      code: "OFFER_EXPIRED",
    });

    await declineOffer(s.tenant, (await s.entry(second.entry.id))!, later);
    expect((await s.entry(third.entry.id))?.status).toBe("offered");
    expect((await s.occurrence())?.offeredSpots).toBe(1);
  });

  test("offers stop at the studio's cut-off and never run past it", async () => {
    const s = await fullClass(1);
    await updateStudioSettings(database(), s.tenant, { waitlistCutoffMinutes: 60, waitlistOfferMinutes: 30 });
    const first = await s.waiting();
    await cancelBooking(s.tenant, s.booked[0]!.client, s.booked[0]!.bookingId);
    const startsAt = (await s.occurrence())!.startsAt.getTime();
    // 80 minutes before: the offer runs 20 minutes, to the cut-off, not 30.
    await fillWaitlist(s.tenant, s.occurrenceId, new Date(startsAt - 80 * MINUTE));
    expect((await s.entry(first.entry.id))?.offerExpiresAt?.getTime()).toBe(startsAt - 60 * MINUTE);
  });

  test("a service set to book automatically books the next in line who holds a credit", async () => {
    const s = await fullClass(1);
    await updateService(database(), s.tenant, s.yoga.id, { waitlistMode: "auto_book" });
    const broke = await s.waiting(0);
    const paid = await s.waiting(2);
    await cancelBooking(s.tenant, s.booked[0]!.client, s.booked[0]!.bookingId);
    // The first in line has no credit: offered (they may pay), not skipped.
    expect(await fillWaitlist(s.tenant, s.occurrenceId)).toEqual({ offered: 1, booked: 0, closed: 0 });
    expect((await s.entry(broke.entry.id))?.status).toBe("offered");
    await leaveWaitlist(s.tenant, broke.client, broke.entry.id);
    const booked = await s.entry(paid.entry.id);
    expect(booked).toMatchObject({ status: "booked", autoBooked: true });
    expect(booked?.bookingId).toBeTruthy();
    expect((await clientCredits(s.tenant, paid.client, paid.client.id)).balance).toBe(1);
  });

  test("a cancelled class closes its line and tells those in it", async () => {
    const s = await fullClass(1);
    const first = await s.waiting();
    await cancelOccurrence(s.tenant, s.owner, s.occurrenceId, "Teacher ill");
    expect(await fillWaitlist(s.tenant, s.occurrenceId)).toEqual({ offered: 0, booked: 0, closed: 1 });
    expect((await s.entry(first.entry.id))?.status).toBe("closed");
  });
});
