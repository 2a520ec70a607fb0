import { describe, expect, test } from "vitest";
import { updateStudioSettings } from "~/models/studio-settings.server";
import { grantCredits } from "~/services/credits/ledger.server";
import { fullDateAt } from "~/services/shared/date-words";
import { database } from "~db/client";
import { clientHome } from "./client-home.server";
import { bookClass, cancelBooking } from "./engine.server";
import { bookingStudio } from "./fixtures.test-helper";

const HOUR = 60 * 60_000;

describe("a client's home page", () => {
  test("the next three live bookings, soonest first, one under way included; cancelled and ended ones left out", async () => {
    const s = await bookingStudio();
    const client = await s.client(5);
    const now = new Date();
    const start = (hours: number) => new Date(now.getTime() + hours * HOUR);
    const classes = await Promise.all([24, 48, 72, 96, 120].map((h) => s.classAt(start(h))));
    const booked = [];
    for (const c of classes)
      booked.push((await bookClass(s.tenant, s.owner, { occurrenceId: c.id, clientId: client.id })).booking);
    await cancelBooking(s.tenant, s.owner, booked[1]!.id);

    const home = await clientHome(s.tenant, client, now);
    expect(home.nextBookings.map((b) => b.id)).toEqual([booked[0]!.id, booked[2]!.id, booked[3]!.id]);
    expect(home.moreBookings).toBe(true);
    expect(home.nextBookings[0]).toMatchObject({ serviceName: "Yoga", location: { name: expect.any(String) } });

    // Half an hour into the first class it still counts; once it has ended it does not.
    const during = await clientHome(s.tenant, client, start(24.5));
    expect(during.nextBookings[0]?.id).toBe(booked[0]!.id);
    const after = await clientHome(s.tenant, client, start(25));
    expect(after.nextBookings.map((b) => b.id)).toEqual([booked[2]!.id, booked[3]!.id, booked[4]!.id]);
    expect(after.moreBookings).toBe(false);
  });

  test("credits left, and how many of them expire first and when", async () => {
    const s = await bookingStudio();
    const client = await s.client(5);
    const now = new Date();
    const home = await clientHome(s.tenant, client, now);
    expect(home.credits.balance).toBe(5);
    expect(home.credits.expiring).toMatchObject({ credits: 5, all: true });
    await grantCredits(s.tenant, s.owner, { clientId: client.id, credits: 2, validDays: 7, reason: "Trial week" });
    const more = await clientHome(s.tenant, client, now);
    expect(more.credits.balance).toBe(7);
    const inAWeek = new Date(now.getTime() + 7 * 24 * HOUR);
    expect(more.credits.expiring).toEqual({ credits: 2, all: false, on: fullDateAt(inAWeek, "Europe/London") });
    expect(more.credits.expiring?.on).toMatch(/^[A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4}$/);

    const none = await clientHome(s.tenant, await s.client(0), now);
    expect(none.credits).toEqual({ balance: 0, expiring: null });
  });

  test("the ways to book follow the studio's type", async () => {
    const s = await bookingStudio();
    const client = await s.client(1);
    expect((await clientHome(s.tenant, client)).offers).toEqual({ classes: true, sessions: true });
    await updateStudioSettings(database(), s.tenant, { studioType: "class_based" });
    expect((await clientHome(s.tenant, client)).offers).toEqual({ classes: true, sessions: false });
    await updateStudioSettings(database(), s.tenant, { studioType: "session_based" });
    expect((await clientHome(s.tenant, client)).offers).toEqual({ classes: false, sessions: true });
  });

  test("a restricted client is told to contact the studio instead", async () => {
    const s = await bookingStudio();
    expect((await clientHome(s.tenant, await s.client(1))).refusal).toBeNull();
    const restricted = await s.client(1, { bookingPermissions: "restricted" });
    expect((await clientHome(s.tenant, restricted)).refusal).toEqual({
      code: "CLIENT_RESTRICTED",
      message: "Please contact the studio to book.",
    });
  });
});
