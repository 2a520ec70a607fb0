import { afterEach, describe, expect, test } from "vitest";
import { infobip } from "./infobip.server";
import { providerServer, rejection } from "./provider-server.test-helper";
import { type OutgoingSms, ProviderError } from "./types";

const KEY = "ib-key-0123456789abcdef";

const reminder: OutgoingSms = {
  messageId: "0b8e6a9c-3f21-4d55-8a7e-91c2f0d4e7aa",
  to: "+447700900123",
  text: "Harbour Yoga: Morning Flow tomorrow 07:00, Quay St. Reply CANCEL to cancel.",
  notifyUrl: "https://harbour.wondrous.app/api/sms/delivery-report",
};

let server: Awaited<ReturnType<typeof providerServer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function adapter(url: string, sender = "Wondrous") {
  return infobip({ apiKey: KEY, baseUrl: url, sender, timeoutMs: 2_000 });
}

const pending = (to: string, messageId: string) => ({
  messages: [
    {
      to,
      messageId,
      status: {
        groupId: 1,
        groupName: "PENDING",
        id: 26,
        name: "PENDING_ACCEPTED",
        description: "Message sent to next instance",
      },
    },
  ],
});

describe("Infobip adapter", () => {
  test("sends one SMS with our message id, the number in international format and the report URL", async () => {
    server = await providerServer(() => ({ status: 200, body: pending("447700900123", reminder.messageId) }));

    const accepted = await adapter(server.url).sendSms(reminder);

    expect(accepted).toEqual({ providerMessageId: reminder.messageId });
    expect(server.received).toHaveLength(1);
    const [request] = server.received;
    expect(request!.method).toBe("POST");
    expect(request!.path).toBe("/sms/2/text/advanced");
    expect(request!.headers.authorization).toBe(`App ${KEY}`);
    expect(request!.headers["content-type"]).toBe("application/json");
    expect(request!.headers.accept).toBe("application/json");
    expect(JSON.parse(request!.body)).toEqual({
      messages: [
        {
          from: "Wondrous",
          destinations: [{ to: "447700900123", messageId: reminder.messageId }],
          text: reminder.text,
          notifyUrl: "https://harbour.wondrous.app/api/sms/delivery-report",
          notifyContentType: "application/json",
        },
      ],
    });
  });

  test("without a report URL asks for no report; a numeric sender loses its plus; a trailing slash is harmless", async () => {
    server = await providerServer(() => ({ status: 200, body: pending("15550100", "ib-generated-id") }));

    const accepted = await adapter(`${server.url}/`, "+447860099299").sendSms({
      ...reminder,
      to: "+15550100",
      notifyUrl: null,
    });

    expect(accepted).toEqual({ providerMessageId: "ib-generated-id" });
    expect(server.received[0]!.path).toBe("/sms/2/text/advanced");
    expect(JSON.parse(server.received[0]!.body)).toEqual({
      messages: [
        {
          from: "447860099299",
          destinations: [{ to: "15550100", messageId: reminder.messageId }],
          text: reminder.text,
        },
      ],
    });
  });

  test("a destination rejected inside a 200 is a failure not worth retrying", async () => {
    server = await providerServer(() => ({
      status: 200,
      body: {
        messages: [
          {
            to: "447700900123",
            messageId: reminder.messageId,
            status: {
              groupId: 5,
              groupName: "REJECTED",
              id: 51,
              name: "REJECTED_DESTINATION",
              description: "Invalid destination address",
            },
          },
        ],
      },
    }));

    const error = await rejection(adapter(server.url).sendSms(reminder));

    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ retryable: false, status: 200 });
    expect(error.message).toBe("infobip rejected the message: REJECTED_DESTINATION: Invalid destination address");
  });

  test("a number that is not E.164 is refused before any request", async () => {
    server = await providerServer(() => ({ status: 200, body: pending("", "") }));

    for (const to of ["07700900123", "447700900123", "+44 7700 900123", "+0447700900123"]) {
      const error = await rejection(adapter(server.url).sendSms({ ...reminder, to }));
      expect(error).toMatchObject({ name: "ProviderError", retryable: false, status: null });
    }
    expect(server.received).toHaveLength(0);
  });

  test("an accepted send whose answer is empty keeps our own id, so its report still matches", async () => {
    server = await providerServer(() => ({ status: 200, body: "" }));

    await expect(adapter(server.url).sendSms(reminder)).resolves.toEqual({ providerMessageId: reminder.messageId });
  });
});
