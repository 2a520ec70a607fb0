import { describe, expect, test } from "vitest";
import { smsSendTime } from "./quiet-hours";

const at = (iso: string) => new Date(iso);
const london = { zone: "Europe/London", quietStart: "21:00", quietEnd: "08:00" };
const longAgo = at("2026-01-01T00:00:00Z");

describe("smsSendTime, outside quiet hours", () => {
  test("a text due in the day goes when it is due", () => {
    const desired = at("2026-06-10T10:00:00Z");
    expect(smsSendTime({ ...london, desired, notAfter: at("2026-06-10T12:00:00Z"), now: longAgo })).toEqual(desired);
  });

  test("08:00 sharp is the end of the window, so it may go then", () => {
    const desired = at("2026-06-10T07:00:00Z"); // 08:00 BST
    expect(smsSendTime({ ...london, desired, notAfter: null, now: longAgo })).toEqual(desired);
  });

  test("a text due at or after the class is not sent", () => {
    const start = at("2026-06-10T12:00:00Z");
    expect(smsSendTime({ ...london, desired: start, notAfter: start, now: longAgo })).toBeNull();
  });

  test("equal start and end mean no quiet hours", () => {
    const desired = at("2026-06-10T01:00:00Z");
    const always = { zone: "Europe/London", quietStart: "00:00", quietEnd: "00:00:00" };
    expect(smsSendTime({ ...always, desired, notAfter: null, now: longAgo })).toEqual(desired);
  });

  test("a setting that is not a wall time is a bug, not a silent send", () => {
    const broken = { zone: "UTC", quietStart: "nine pm", quietEnd: "08:00" };
    expect(() => smsSendTime({ ...broken, desired: longAgo, notAfter: null, now: longAgo })).toThrow(/not a wall time/);
  });

  test("a window within one day (13:00 to 14:00) holds only its hour", () => {
    const lunch = { zone: "UTC", quietStart: "13:00", quietEnd: "14:00" };
    const now = longAgo;
    expect(smsSendTime({ ...lunch, desired: at("2026-06-10T12:59:00Z"), notAfter: null, now })).toEqual(
      at("2026-06-10T12:59:00Z"),
    );
    expect(smsSendTime({ ...lunch, desired: at("2026-06-10T13:30:00Z"), notAfter: null, now })).toEqual(
      at("2026-06-10T14:00:00Z"),
    );
    expect(smsSendTime({ ...lunch, desired: at("2026-06-10T15:00:00Z"), notAfter: null, now })).toEqual(
      at("2026-06-10T15:00:00Z"),
    );
  });
});

describe("smsSendTime across the Europe/London change to summer time (29 March 2026)", () => {
  test("06:30 BST waits for 08:00 BST, which is 07:00 UTC", () => {
    const sent = smsSendTime({
      ...london,
      desired: at("2026-03-29T05:30:00Z"),
      notAfter: at("2026-03-29T09:00:00Z"),
      now: longAgo,
    });
    expect(sent).toEqual(at("2026-03-29T07:00:00Z"));
  });

  test("21:30 GMT the evening before waits through the short night to 08:00 BST", () => {
    const sent = smsSendTime({
      ...london,
      desired: at("2026-03-28T21:30:00Z"),
      notAfter: at("2026-03-29T07:30:00Z"),
      now: longAgo,
    });
    expect(sent).toEqual(at("2026-03-29T07:00:00Z"));
  });

  test("a 07:30 BST class's 05:30 reminder goes just before 21:00 GMT the evening before", () => {
    const timing = { ...london, desired: at("2026-03-29T04:30:00Z"), notAfter: at("2026-03-29T06:30:00Z") };
    expect(smsSendTime({ ...timing, now: at("2026-03-28T12:00:00Z") })).toEqual(at("2026-03-28T20:59:00Z"));
    // Once that evening has passed there is no moment left outside the window: no SMS.
    expect(smsSendTime({ ...timing, now: at("2026-03-28T21:10:00Z") })).toBeNull();
  });
});

describe("smsSendTime across the Europe/London change to winter time (25 October 2026)", () => {
  test("21:30 BST (20:30 UTC) is inside the window", () => {
    const sent = smsSendTime({ ...london, desired: at("2026-10-24T20:30:00Z"), notAfter: null, now: longAgo });
    expect(sent).toEqual(at("2026-10-25T08:00:00Z")); // 08:00 GMT
  });

  test("20:30 BST (19:30 UTC) is outside it", () => {
    const desired = at("2026-10-24T19:30:00Z");
    expect(smsSendTime({ ...london, desired, notAfter: null, now: longAgo })).toEqual(desired);
  });

  test("an 08:00 GMT class's reminder goes at 20:59 BST the evening before, 19:59 UTC", () => {
    const sent = smsSendTime({
      ...london,
      desired: at("2026-10-25T06:00:00Z"),
      notAfter: at("2026-10-25T08:00:00Z"),
      now: longAgo,
    });
    expect(sent).toEqual(at("2026-10-24T19:59:00Z"));
  });
});

describe("smsSendTime in America/New_York", () => {
  const newYork = { zone: "America/New_York", quietStart: "21:00", quietEnd: "08:00" };

  test("07:00 EDT on the spring-forward day (8 March 2026) waits for 08:00 EDT, 12:00 UTC", () => {
    const sent = smsSendTime({ ...newYork, desired: at("2026-03-08T11:00:00Z"), notAfter: null, now: longAgo });
    expect(sent).toEqual(at("2026-03-08T12:00:00Z"));
  });

  test("on the fall-back day (1 November 2026) 08:00 EST is 13:00 UTC", () => {
    const sent = smsSendTime({ ...newYork, desired: at("2026-11-01T06:30:00Z"), notAfter: null, now: longAgo });
    expect(sent).toEqual(at("2026-11-01T13:00:00Z"));
  });

  test("21:00 in New York is 01:00 UTC the next day, inside the window", () => {
    const sent = smsSendTime({
      ...newYork,
      desired: at("2026-06-11T01:30:00Z"),
      notAfter: at("2026-06-11T13:00:00Z"), // 09:00 EDT class
      now: longAgo,
    });
    expect(sent).toEqual(at("2026-06-11T12:00:00Z"));
  });
});
