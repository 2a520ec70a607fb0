import { describe, expect, test } from "vitest";
import { createClientsStudio } from "~/services/people/client-fixtures.test-helper";
import { Forbidden } from "~/services/shared/errors";
import { SettingsSchema } from "./settings.schema";
import { saveSettings, viewSettings } from "./settings.server";

describe("the refund limit is typed in pounds and kept in pence", () => {
  test.each([
    ["50", 5000],
    ["50.00", 5000],
    ["12.5", 1250],
    ["0", 0],
    ["10000", 1_000_000],
  ])("%s is %i", (typed, minor) => {
    expect(
      SettingsSchema.parse({ receptionistRefundLimit: typed, maxSpotsPerBooking: "1" }).receptionistRefundLimit,
    ).toBe(minor);
  });

  test.each(["-5", "10000.01", "20000", "abc", "", "1.234"])("%s is refused", (typed) => {
    const result = SettingsSchema.safeParse({ receptionistRefundLimit: typed, maxSpotsPerBooking: "1" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Enter an amount from 0 to 10,000 pounds, like 50 or 50.00");
  });
});

describe("places one class booking may take: 1 to 20", () => {
  test.each([
    ["1", 1],
    ["3", 3],
    ["20", 20],
  ])("%s is %i", (typed, spots) => {
    expect(SettingsSchema.parse({ receptionistRefundLimit: "50", maxSpotsPerBooking: typed }).maxSpotsPerBooking).toBe(
      spots,
    );
  });

  test.each(["0", "21", "2.5", "-1", "many", undefined])("%s is refused", (typed) => {
    const result = SettingsSchema.safeParse({ receptionistRefundLimit: "50", maxSpotsPerBooking: typed });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["maxSpotsPerBooking"]);
  });
});

describe("studio settings", () => {
  test("only the owner reads and changes them", async () => {
    const s = await createClientsStudio();
    expect(await viewSettings(s.tenant, s.staff.owner)).toEqual({
      requireParqBeforeFirstBooking: false,
      receptionistRefundLimitMinor: 5000,
      maxSpotsPerBooking: 1,
      currency: "GBP",
    });
    await saveSettings(s.tenant, s.staff.owner, {
      requireParqBeforeFirstBooking: true,
      receptionistRefundLimitMinor: 1250,
      maxSpotsPerBooking: 4,
    });
    expect(await viewSettings(s.tenant, s.staff.owner)).toMatchObject({
      requireParqBeforeFirstBooking: true,
      receptionistRefundLimitMinor: 1250,
      maxSpotsPerBooking: 4,
    });
    for (const actor of [s.staff.manager, s.staff.receptionist, s.clients.amara]) {
      await expect(viewSettings(s.tenant, actor)).rejects.toThrow(Forbidden);
      await expect(
        saveSettings(s.tenant, actor, {
          requireParqBeforeFirstBooking: false,
          receptionistRefundLimitMinor: 0,
          maxSpotsPerBooking: 20,
        }),
      ).rejects.toThrow(Forbidden);
    }
  });
});
