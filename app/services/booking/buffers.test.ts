import { and, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { upsertTravelTime } from "~/models/availability.server";
import { insertBooking } from "~/models/booking.server";
import { countGapViolations, insertCommitment } from "~/models/commitment.server";
import { insertService } from "~/models/service.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { bookSession } from "./engine.server";
import { bookingStudio } from "./fixtures.test-helper";

/**
 * A session keeps the studio's buffer, and the journey between locations, clear of every other
 * commitment of its instructor, and the database holds that line (migration 0010) as it holds
 * raw overlap: bookings planned at the same moment, each fine on its own, cannot both be made.
 */

const PAIRS = 10;
const BUFFER = 15;

async function studio() {
  const s = await bookingStudio();
  const db = database();
  await db.update(s.tenant.t.studioSettings).set({ sessionBufferMinutes: BUFFER });
  // 30 minutes: 10:00 and 10:30 are both on the grid, and touch.
  const short = await insertService(db, s.tenant, {
    name: "PT 30",
    type: "session",
    durationMinutes: 30,
    locationIds: [s.main.id, s.second.id],
  });
  /** An instructor working Mondays 09:00–17:00 at both locations. */
  const instructor = async () => {
    const person = await s.person("instructor", [s.main.id, s.second.id]);
    await s.block(person.id, 1, "09:00", "17:00", s.main.id);
    await s.block(person.id, 1, "09:00", "17:00", s.second.id);
    return person;
  };
  /** A session booking and its commitment written straight through the models (no slot engine). */
  const session = async (instructorId: string, locationId: string, time: string, minutes = 30) => {
    const client = await s.client(0);
    const startsAt = s.at(time);
    const endsAt = new Date(startsAt.getTime() + minutes * 60_000);
    const booking = await insertBooking(db, s.tenant, {
      clientId: client.id,
      serviceId: short.id,
      instructorId,
      locationId,
      occurrenceId: null,
      startsAt,
      endsAt,
      status: "confirmed",
      bookingMethod: "self_booked",
      createdById: client.id,
    });
    await insertCommitment(db, s.tenant, {
      instructorId,
      locationId,
      startsAt,
      endsAt,
      occurrenceId: null,
      bookingId: booking.id,
    });
  };
  return { ...s, short, instructor, session };
}

/** The constraint named by the database's refusal, or "none" when it accepted. */
async function refusedBy(write: Promise<unknown>) {
  try {
    await write;
    return "none";
  } catch (error) {
    const cause = (error as { cause?: { code?: string; constraint_name?: string } }).cause;
    return `${cause?.code} ${cause?.constraint_name}`;
  }
}

const GAP = "23P01 instructor_commitments_gap";
const OVERLAP = "23P01 instructor_commitments_no_overlap";

describe("the database keeps a session's buffer and journeys", () => {
  test("at one location: the buffer on both sides, and no closer", async () => {
    const s = await studio();
    const teacher = await s.instructor();
    await s.session(teacher.id, s.main.id, "10:00");
    expect(await refusedBy(s.session(teacher.id, s.main.id, "10:30"))).toBe(GAP);
    expect(await refusedBy(s.session(teacher.id, s.main.id, "09:20"))).toBe(GAP);
    expect(await refusedBy(s.session(teacher.id, s.main.id, "10:15"))).toBe(OVERLAP);
    expect(await refusedBy(s.session(teacher.id, s.main.id, "10:45"))).toBe("none");
    expect(await refusedBy(s.session(teacher.id, s.main.id, "09:15"))).toBe("none");
  });

  test("across locations: the journey from the earlier one's location to the later one's", async () => {
    const s = await studio();
    const db = database();
    const teacher = await s.instructor();
    await upsertTravelTime(db, s.tenant, s.main.id, s.second.id, 40);
    // Back from the second location: no row at all, so no journey (the buffer still applies).
    await db
      .delete(s.tenant.t.travelTimes)
      .where(
        and(eq(s.tenant.t.travelTimes.fromLocationId, s.second.id), eq(s.tenant.t.travelTimes.toLocationId, s.main.id)),
      );
    await s.session(teacher.id, s.main.id, "10:00");
    expect(await refusedBy(s.session(teacher.id, s.second.id, "11:05"))).toBe(GAP);
    expect(await refusedBy(s.session(teacher.id, s.second.id, "11:10"))).toBe("none");
    // Before the 10:00 at main comes from the second location: only the buffer.
    expect(await refusedBy(s.session(teacher.id, s.second.id, "09:20"))).toBe(GAP);
    expect(await refusedBy(s.session(teacher.id, s.second.id, "09:15"))).toBe("none");
    expect(await countGapViolations(db, s.tenant)).toEqual({ buffer: 0, travel: 0 });
  });

  test("classes placed by staff may stand back to back, and next to a session", async () => {
    const s = await studio();
    const db = database();
    const teacher = await s.instructor();
    const first = await s.classAt(s.at("12:00"));
    const second = await s.classAt(s.at("13:00"));
    for (const occurrence of [first, second])
      await insertCommitment(db, s.tenant, {
        instructorId: teacher.id,
        locationId: s.main.id,
        startsAt: occurrence.startsAt,
        endsAt: occurrence.endsAt,
        occurrenceId: occurrence.id,
      });
    await s.session(teacher.id, s.main.id, "15:00");
    const third = await s.classAt(s.at("15:30"));
    await insertCommitment(db, s.tenant, {
      instructorId: teacher.id,
      locationId: s.main.id,
      startsAt: third.startsAt,
      endsAt: third.endsAt,
      occurrenceId: third.id,
    });
    // A session is still held to the buffer next to a class.
    expect(await refusedBy(s.session(teacher.id, s.main.id, "14:00"))).toBe(GAP);
    expect(await refusedBy(s.session(teacher.id, s.main.id, "14:15"))).toBe("none");
  });
});

type Attempt = { pair: number; won: boolean; code?: string; status?: number };

/** Fires every booking at once; each pair is two clients asking one instructor for two times. */
async function race(
  s: Awaited<ReturnType<typeof studio>>,
  pairs: { instructor: User; first: { at: string; locationId: string }; second: { at: string; locationId: string } }[],
) {
  const requests = await Promise.all(
    pairs.flatMap((pair, index) =>
      [pair.first, pair.second].map(async (want) => ({ index, want, client: await s.client(1) })),
    ),
  );
  const attempts = await Promise.all(
    requests.map(({ index, want, client }) =>
      bookSession(s.tenant, client, {
        serviceId: s.short.id,
        locationId: want.locationId,
        startsAt: s.at(want.at),
        instructorId: pairs[index]?.instructor.id,
      }).then(
        (): Attempt => ({ pair: index, won: true }),
        (error): Attempt => ({ pair: index, won: false, code: error?.code, status: error?.status }),
      ),
    ),
  );
  return attempts;
}

describe(`${PAIRS} racing pairs of bookings`, () => {
  test("back to back at one location (10:00 and 10:30, 30 minutes, 15-minute buffer): one of each pair", async () => {
    const s = await studio();
    const instructors = await Promise.all(Array.from({ length: PAIRS }, () => s.instructor()));
    const attempts = await race(
      s,
      instructors.map((instructor) => ({
        instructor,
        first: { at: "10:00", locationId: s.main.id },
        second: { at: "10:30", locationId: s.main.id },
      })),
    );
    for (let pair = 0; pair < PAIRS; pair++)
      expect(
        attempts.filter((a) => a.pair === pair && a.won),
        `pair ${pair}`,
      ).toHaveLength(1);
    for (const lost of attempts.filter((a) => !a.won)) {
      expect(lost.status).toBe(409);
      expect(["SLOT_TAKEN", "SLOT_UNAVAILABLE"]).toContain(lost.code);
    }
    expect(await countGapViolations(database(), s.tenant)).toEqual({ buffer: 0, travel: 0 });
  });

  test("across two locations 45 minutes apart (main 10:00, second 11:00): one of each pair", async () => {
    const s = await studio();
    await upsertTravelTime(database(), s.tenant, s.main.id, s.second.id, 45);
    const instructors = await Promise.all(Array.from({ length: PAIRS }, () => s.instructor()));
    const attempts = await race(
      s,
      instructors.map((instructor) => ({
        instructor,
        first: { at: "10:00", locationId: s.main.id },
        second: { at: "11:00", locationId: s.second.id },
      })),
    );
    for (let pair = 0; pair < PAIRS; pair++)
      expect(
        attempts.filter((a) => a.pair === pair && a.won),
        `pair ${pair}`,
      ).toHaveLength(1);
    for (const lost of attempts.filter((a) => !a.won)) expect(lost.status).toBe(409);
    expect(await countGapViolations(database(), s.tenant)).toEqual({ buffer: 0, travel: 0 });
  });
});
