import { describe, expect, test } from "vitest";
import { insertClassSeries } from "~/models/class-series.server";
import { listOccurrencesBetween } from "~/models/occurrence.server";
import { insertService } from "~/models/service.server";
import { addDays, todayIn } from "~/services/schedule/local-time";
import { database } from "~db/client";
import { createLogger } from "../server/log";
import { createTestStudio } from "../test/factories";
import { startWorker } from "./boss";
import { extendAllClassHorizons } from "./extend-class-horizon";
import { EXTEND_CLASS_HORIZON } from "./queues";

/** A weekly class written straight to the table, as if its occurrences had run out. */
async function seriesWithoutOccurrences() {
  const studio = await createTestStudio();
  const service = await insertService(database(), studio.tenant, {
    name: "Yoga",
    type: "class",
    durationMinutes: 60,
    capacity: 10,
    locationIds: [studio.location.id],
  });
  const series = await insertClassSeries(database(), studio.tenant, {
    serviceId: service.id,
    instructorId: studio.owner.id,
    locationId: studio.location.id,
    weekday: 3,
    startTime: "07:00",
    endTime: "08:00",
    capacity: 10,
    validFrom: addDays(todayIn("Europe/London"), 1),
  });
  return { ...studio, series };
}

const coming = () => ({ from: new Date(), to: new Date(Date.now() + 100 * 86_400_000) });

describe("extending the class horizon", () => {
  test("fills every studio's series up to the horizon; a rerun creates nothing", async () => {
    const a = await seriesWithoutOccurrences();
    const b = await seriesWithoutOccurrences();
    const first = await extendAllClassHorizons(database());
    expect(first.created).toBeGreaterThanOrEqual(22);
    const inA = await listOccurrencesBetween(database(), a.tenant, coming());
    expect(inA.length).toBeGreaterThanOrEqual(11);
    expect(inA.every((row) => row.occurrence.seriesId === a.series.id)).toBe(true);
    expect((await listOccurrencesBetween(database(), b.tenant, coming())).length).toBe(inA.length);

    // Other test files may add studios meanwhile, so count this studio's rows, not the total.
    await extendAllClassHorizons(database());
    expect((await listOccurrencesBetween(database(), a.tenant, coming())).length).toBe(inA.length);
  });

  test("the worker schedules it nightly and runs it from the queue", async () => {
    const worker = await startWorker(process.env.DATABASE_URL as string, createLogger("silent"), {
      pollingIntervalSeconds: 0.5,
      queues: [EXTEND_CLASS_HORIZON],
    });
    try {
      expect(await worker.boss.getSchedules()).toContainEqual(
        expect.objectContaining({
          name: EXTEND_CLASS_HORIZON,
          cron: "30 2 * * *",
          options: expect.objectContaining({ tz: "Europe/London" }),
        }),
      );
      const id = await worker.boss.send(EXTEND_CLASS_HORIZON, {});
      expect(id).toBeTruthy();
      await expect
        .poll(async () => (await worker.boss.getJobById(EXTEND_CLASS_HORIZON, id as string))?.state, {
          timeout: 10_000,
        })
        .toBe("completed");
    } finally {
      await worker.stop();
    }
  });
});
