import { describe, expect, test } from "vitest";
import { mobileFor, normalisePhone } from "./phone";

describe("normalisePhone", () => {
  test("a GB national number becomes E.164 with the studio's country", () => {
    expect(normalisePhone("07911 123456", "GB")).toEqual({ ok: true, e164: "+447911123456" });
    expect(normalisePhone(" (07911) 123-456 ", "GB")).toEqual({ ok: true, e164: "+447911123456" });
  });

  test("a number with +44 is read as written, whatever the studio's country", () => {
    expect(normalisePhone("+44 7911 123456", "GB")).toEqual({ ok: true, e164: "+447911123456" });
    expect(normalisePhone("+44 7911 123456", "US")).toEqual({ ok: true, e164: "+447911123456" });
  });

  test("a US studio reads national numbers as American", () => {
    expect(normalisePhone("(201) 555-0123", "US")).toEqual({ ok: true, e164: "+12015550123" });
    // The same digits in a UK studio are a London number: the country decides.
    expect(normalisePhone("(201) 555-0123", "GB")).toEqual({ ok: true, e164: "+442015550123" });
  });

  test("landlines are valid numbers (an emergency contact may be one)", () => {
    expect(normalisePhone("020 7946 0000", "GB")).toEqual({ ok: true, e164: "+442079460000" });
  });

  test("Ofcom's drama mobiles are accepted, so the demo can text without reaching anyone", () => {
    expect(normalisePhone("07700 900123", "GB")).toEqual({ ok: true, e164: "+447700900123" });
  });

  test("junk, short and extracted-from-text numbers are refused with a reason naming the country", () => {
    for (const junk of ["junk", "12", "0790", "call 07911 123456 please", "+999 123 456 789"]) {
      const result = normalisePhone(junk, "GB");
      expect(result.ok, junk).toBe(false);
    }
    expect(normalisePhone("0790", "GB")).toEqual({
      ok: false,
      reason: "That is not a valid United Kingdom phone number; for another country's, start with + and its code",
    });
    expect(normalisePhone("+999 1", "GB")).toMatchObject({
      ok: false,
      reason: expect.stringContaining("country code"),
    });
  });
});

describe("mobileFor", () => {
  test("a mobile, stored or typed, is where to text", () => {
    expect(mobileFor("+447911123456", "GB")).toEqual({ ok: true, e164: "+447911123456" });
    expect(mobileFor("07700 900101", "GB")).toEqual({ ok: true, e164: "+447700900101" });
    // US numbers do not tell mobiles from landlines: they may be texted.
    expect(mobileFor("+12015550123", "GB")).toEqual({ ok: true, e164: "+12015550123" });
  });

  test("says why a client gets email only", () => {
    expect(mobileFor(null, "GB")).toEqual({ ok: false, reason: "No phone number" });
    expect(mobileFor("  ", "GB")).toEqual({ ok: false, reason: "No phone number" });
    expect(mobileFor("+442079460000", "GB")).toEqual({ ok: false, reason: "Not a mobile number" });
    expect(mobileFor("0790", "GB")).toEqual({ ok: false, reason: "Not a valid number" });
  });
});
