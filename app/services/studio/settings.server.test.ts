import { describe, expect, test } from "vitest";
import { createClientsStudio } from "~/services/people/client-fixtures.test-helper";
import { Forbidden, Refused } from "~/services/shared/errors";
import { SettingsSchema } from "./settings.schema";
import { saveSettings, viewSettings } from "./settings.server";

// A valid form; each test spoils one field.
const rest = {
  receptionistRefundLimit: "50",
  maxSpotsPerBooking: "1",
  undoMinutes: "10",
  studioType: "hybrid",
  country: "GB",
  quietHoursStart: "21:00",
  quietHoursEnd: "08:00",
};
const MESSAGES = { country: "GB", smsReminders: true, quietHoursStart: "21:00", quietHoursEnd: "08:00" };

describe("the refund limit is typed in pounds and kept in pence", () => {
  test.each([
    ["50", 5000],
    ["50.00", 5000],
    ["12.5", 1250],
    ["0", 0],
    ["10000", 1_000_000],
  ])("%s is %i", (typed, minor) => {
    expect(SettingsSchema.parse({ ...rest, receptionistRefundLimit: typed }).receptionistRefundLimit).toBe(minor);
  });

  test.each(["-5", "10000.01", "20000", "abc", "", "1.234"])("%s is refused", (typed) => {
    const result = SettingsSchema.safeParse({ ...rest, receptionistRefundLimit: typed });
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
    expect(SettingsSchema.parse({ ...rest, maxSpotsPerBooking: typed }).maxSpotsPerBooking).toBe(spots);
  });

  test.each(["0", "21", "2.5", "-1", "many", undefined])("%s is refused", (typed) => {
    const result = SettingsSchema.safeParse({ ...rest, maxSpotsPerBooking: typed });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["maxSpotsPerBooking"]);
  });
});

describe("undo minutes: 0 (off) to 120", () => {
  test.each([
    ["0", 0],
    ["10", 10],
    ["120", 120],
  ])("%s is %i", (typed, minutes) => {
    expect(SettingsSchema.parse({ ...rest, undoMinutes: typed }).undoMinutes).toBe(minutes);
  });

  test.each(["-1", "121", "2.5", "soon", undefined])("%s is refused, with the message next to the field", (typed) => {
    const result = SettingsSchema.safeParse({ ...rest, undoMinutes: typed });
    expect(result.error?.issues[0]).toMatchObject({
      path: ["undoMinutes"],
      message: "Enter a number of minutes from 0 to 120 (0 turns undo off)",
    });
  });
});

describe("the studio's type", () => {
  test.each(["session_based", "class_based", "hybrid"])("%s is kept", (type) => {
    expect(SettingsSchema.parse({ ...rest, studioType: type }).studioType).toBe(type);
  });
  test.each(["gym", "", undefined])("%s is refused", (type) => {
    expect(SettingsSchema.safeParse({ ...rest, studioType: type }).error?.issues[0]).toMatchObject({
      path: ["studioType"],
      message: "Choose what your studio mostly offers",
    });
  });
});

describe("studio settings", () => {
  test("only the owner reads and changes them", async () => {
    const s = await createClientsStudio();
    expect(await viewSettings(s.tenant, s.staff.owner)).toEqual({
      requireParqBeforeFirstBooking: false,
      unverifiedClientsMayBook: true,
      receptionistRefundLimitMinor: 5000,
      refundRemovesCredits: true,
      maxSpotsPerBooking: 1,
      undoMinutes: 10,
      studioType: "hybrid",
      currency: "GBP",
      country: "GB",
      countries: expect.arrayContaining([{ code: "GB", name: "United Kingdom" }]),
      smsReminders: true,
      quietHoursStart: "21:00",
      quietHoursEnd: "08:00",
      waitlistOfferMinutes: 30,
      waitlistCutoffMinutes: 60,
      requestEscalationHours: 12,
      requestExpiryHours: 48,
      checkInOpensMinutes: 30,
      checkInClosesMinutes: 15,
      clientCheckIn: true,
      checkInRadiusMetres: 500,
      noShowRule: "forfeit_credit",
      noShowFeeMinor: 0,
      churnInactiveDays: 30,
      churnCreditExpiryDays: 14,
    });
    await saveSettings(s.tenant, s.staff.owner, {
      requireParqBeforeFirstBooking: true,
      unverifiedClientsMayBook: false,
      receptionistRefundLimitMinor: 1250,
      refundRemovesCredits: false,
      maxSpotsPerBooking: 4,
      undoMinutes: 0,
      studioType: "session_based",
      country: "US",
      smsReminders: false,
      quietHoursStart: "22:30",
      quietHoursEnd: "07:00",
    });
    expect(await viewSettings(s.tenant, s.staff.owner)).toMatchObject({
      requireParqBeforeFirstBooking: true,
      unverifiedClientsMayBook: false,
      receptionistRefundLimitMinor: 1250,
      refundRemovesCredits: false,
      maxSpotsPerBooking: 4,
      undoMinutes: 0,
      studioType: "session_based",
      country: "US",
      smsReminders: false,
      quietHoursStart: "22:30",
      quietHoursEnd: "07:00",
    });
    for (const actor of [s.staff.manager, s.staff.receptionist, s.clients.amara]) {
      await expect(viewSettings(s.tenant, actor)).rejects.toThrow(Forbidden);
      await expect(
        saveSettings(s.tenant, actor, {
          requireParqBeforeFirstBooking: false,
          receptionistRefundLimitMinor: 0,
          refundRemovesCredits: true,
          maxSpotsPerBooking: 20,
          undoMinutes: 120,
          studioType: "class_based",
          ...MESSAGES,
        }),
      ).rejects.toThrow(Forbidden);
    }
  });
});

describe("message settings", () => {
  test.each(["21:00", "00:00", "23:59", " 08:30 "])("quiet hours take %j", (typed) => {
    expect(SettingsSchema.parse({ ...rest, quietHoursStart: typed }).quietHoursStart).toBe(typed.trim());
  });

  test.each(["24:00", "9:00", "21:60", "nine", "", "21:00:00"])("quiet hours refuse %j", (typed) => {
    const result = SettingsSchema.safeParse({ ...rest, quietHoursStart: typed });
    expect(result.error?.issues[0]).toMatchObject({
      path: ["quietHoursStart"],
      message: "Enter a time on the 24-hour clock, like 21:00",
    });
  });

  test("quiet hours that start and end together are refused at their end", () => {
    const result = SettingsSchema.safeParse({ ...rest, quietHoursStart: "21:00", quietHoursEnd: "21:00" });
    expect(result.error?.issues[0]).toMatchObject({ path: ["quietHoursEnd"] });
  });

  test("the SMS reminder is a tick box; the country a two-letter code the phone library knows", async () => {
    expect(SettingsSchema.parse(rest).smsReminders).toBeUndefined();
    expect(SettingsSchema.safeParse({ ...rest, country: "gb" }).success).toBe(false);
    const s = await createClientsStudio();
    const values = { ...MESSAGES, country: "ZZ" };
    const settings = {
      requireParqBeforeFirstBooking: false,
      receptionistRefundLimitMinor: 0,
      refundRemovesCredits: true,
      maxSpotsPerBooking: 1,
      undoMinutes: 10,
      studioType: "hybrid" as const,
    };
    await expect(saveSettings(s.tenant, s.staff.owner, { ...settings, ...values })).rejects.toThrow(Refused);
  });
});

describe("check-in and no-show settings", () => {
  test("the window, the client's own check-in and its radius are kept as typed", () => {
    const parsed = SettingsSchema.parse({
      ...rest,
      checkInOpensMinutes: "45",
      checkInClosesMinutes: "0",
      clientCheckIn: true,
      checkInRadiusMetres: "250",
    });
    expect(parsed).toMatchObject({
      checkInOpensMinutes: 45,
      checkInClosesMinutes: 0,
      clientCheckIn: true,
      checkInRadiusMetres: 250,
    });
  });

  test.each([
    ["checkInOpensMinutes", "1441", "Enter a number of minutes from 0 to 1440"],
    ["checkInClosesMinutes", "-1", "Enter a number of minutes from 0 to 1440"],
    ["checkInRadiusMetres", "10", "Enter a number of metres from 50 to 50000"],
    ["noShowRule", "fine_them", "Choose what a no-show costs"],
    ["noShowFee", "12.345", "Enter a fee from 0 to 1,000, like 10 or 10.00"],
  ])("%s %j is refused next to the field", (field, typed, message) => {
    expect(SettingsSchema.safeParse({ ...rest, [field]: typed }).error?.issues[0]).toMatchObject({
      path: [field],
      message,
    });
  });

  test("charging a fee needs a fee above 0; the other rules need none", () => {
    for (const fee of [undefined, "0"]) {
      expect(
        SettingsSchema.safeParse({ ...rest, noShowRule: "charge_fee", noShowFee: fee }).error?.issues[0],
      ).toMatchObject({ path: ["noShowFee"], message: "Enter the fee to charge, more than 0" });
    }
    expect(SettingsSchema.parse({ ...rest, noShowRule: "charge_fee", noShowFee: "12.50" })).toMatchObject({
      noShowRule: "charge_fee",
      noShowFee: 1250,
    });
    expect(SettingsSchema.parse({ ...rest, noShowRule: "return_credit" }).noShowFee).toBeUndefined();
  });

  test("the owner saves them; the studio keeps them", async () => {
    const s = await createClientsStudio();
    await saveSettings(s.tenant, s.staff.owner, {
      requireParqBeforeFirstBooking: false,
      receptionistRefundLimitMinor: 0,
      refundRemovesCredits: true,
      maxSpotsPerBooking: 1,
      undoMinutes: 10,
      studioType: "hybrid",
      ...MESSAGES,
      checkInOpensMinutes: 60,
      checkInClosesMinutes: 10,
      clientCheckIn: false,
      checkInRadiusMetres: 200,
      noShowRule: "charge_fee",
      noShowFeeMinor: 1000,
    });
    expect(await viewSettings(s.tenant, s.staff.owner)).toMatchObject({
      checkInOpensMinutes: 60,
      checkInClosesMinutes: 10,
      clientCheckIn: false,
      checkInRadiusMetres: 200,
      noShowRule: "charge_fee",
      noShowFeeMinor: 1000,
    });
  });
});

describe("churn alert settings", () => {
  test("the days are kept as typed, and the owner saves them", async () => {
    expect(SettingsSchema.parse({ ...rest, churnInactiveDays: "45", churnCreditExpiryDays: "7" })).toMatchObject({
      churnInactiveDays: 45,
      churnCreditExpiryDays: 7,
    });
    const s = await createClientsStudio();
    await saveSettings(s.tenant, s.staff.owner, {
      requireParqBeforeFirstBooking: false,
      receptionistRefundLimitMinor: 0,
      refundRemovesCredits: true,
      maxSpotsPerBooking: 1,
      undoMinutes: 10,
      studioType: "hybrid",
      ...MESSAGES,
      churnInactiveDays: 45,
      churnCreditExpiryDays: 7,
    });
    expect(await viewSettings(s.tenant, s.staff.owner)).toMatchObject({
      churnInactiveDays: 45,
      churnCreditExpiryDays: 7,
    });
  });

  test.each([
    ["churnInactiveDays", "6", "Enter a number of days from 7 to 365"],
    ["churnInactiveDays", "366", "Enter a number of days from 7 to 365"],
    ["churnInactiveDays", "thirty", "Enter a number of days from 7 to 365"],
    ["churnCreditExpiryDays", "0", "Enter a number of days from 1 to 90"],
    ["churnCreditExpiryDays", "91", "Enter a number of days from 1 to 90"],
    ["churnCreditExpiryDays", "2.5", "Enter a number of days from 1 to 90"],
  ])("%s %j is refused next to the field", (field, typed, message) => {
    expect(SettingsSchema.safeParse({ ...rest, [field]: typed }).error?.issues[0]).toMatchObject({
      path: [field],
      message,
    });
  });
});
