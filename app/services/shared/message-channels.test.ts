import { expect, test } from "vitest";
import { describeMessageRoute, messageRoute } from "./message-channels";

const MOBILE = "+447911123456";
const LANDLINE = "+442079460000";

test("a client's choice, narrowed by whether they have a mobile", () => {
  expect(messageRoute({ messageChannels: "both", phone: MOBILE }, "GB")).toEqual({
    email: true,
    sms: MOBILE,
    smsRefusal: null,
  });
  expect(messageRoute({ messageChannels: "sms", phone: MOBILE }, "GB")).toEqual({
    email: false,
    sms: MOBILE,
    smsRefusal: null,
  });
  expect(messageRoute({ messageChannels: "email", phone: MOBILE }, "GB")).toEqual({
    email: true,
    sms: null,
    smsRefusal: null,
  });
});

test("without a mobile they get email, even when they chose SMS only, and staff see why", () => {
  const cases = [
    [{ messageChannels: "sms", phone: LANDLINE }, "Email only — not a mobile number"],
    [{ messageChannels: "both", phone: null }, "Email only — no phone number"],
    [{ messageChannels: "both", phone: "0790" }, "Email only — not a valid number"],
  ] as const;
  for (const [client, words] of cases) {
    const route = messageRoute(client, "GB");
    expect(route).toMatchObject({ email: true, sms: null });
    expect(describeMessageRoute(route)).toBe(words);
  }
  expect(describeMessageRoute(messageRoute({ messageChannels: "email", phone: null }, "GB"))).toBe(
    "Email only (their choice)",
  );
  expect(describeMessageRoute(messageRoute({ messageChannels: "both", phone: MOBILE }, "GB"))).toBe("Email and SMS");
  expect(describeMessageRoute(messageRoute({ messageChannels: "sms", phone: MOBILE }, "GB"))).toBe(
    "SMS only (their choice)",
  );
});
