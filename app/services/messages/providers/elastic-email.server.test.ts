import { afterEach, describe, expect, test } from "vitest";
import { elasticEmail, fromHeader } from "./elastic-email.server";
import { providerServer } from "./provider-server.test-helper";
import type { OutgoingEmail } from "./types";

const KEY = "EE-KEY-0123456789ABCDEF";
const ics = Buffer.from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n").toString("base64");

const confirmation: OutgoingEmail = {
  messageId: "6f1c1d7e-8a8e-4c3b-9d0a-2b7a5c1e9f00",
  to: "amara@example.com",
  fromName: "Harbour Yoga",
  replyTo: "hello@harbour.example",
  subject: "You're booked: Morning Flow, Monday 7 December",
  text: "Hi Amara,\nyou're booked in.",
  html: "<p>Hi Amara,</p><p>you're booked in.</p>",
  attachments: [{ filename: "morning-flow.ics", contentType: "text/calendar; method=PUBLISH", contentBase64: ics }],
};

let server: Awaited<ReturnType<typeof providerServer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function adapter(url: string) {
  return elasticEmail({ apiKey: KEY, from: "studios@mail.wondrous.app", apiUrl: `${url}/v4`, timeoutMs: 2_000 });
}

describe("Elastic Email adapter", () => {
  test("sends one transactional email with both bodies and the attachment, and keeps the MessageID", async () => {
    server = await providerServer(() => ({ status: 200, body: { TransactionID: "tx-1", MessageID: "msg-1" } }));

    const accepted = await adapter(server.url).sendEmail(confirmation);

    expect(accepted).toEqual({ providerMessageId: "msg-1" });
    expect(server.received).toHaveLength(1);
    const [request] = server.received;
    expect(request!.method).toBe("POST");
    expect(request!.path).toBe("/v4/emails/transactional");
    expect(request!.headers["x-elasticemail-apikey"]).toBe(KEY);
    expect(request!.headers["content-type"]).toBe("application/json");
    expect(request!.headers.authorization).toBeUndefined();
    expect(JSON.parse(request!.body)).toEqual({
      Recipients: { To: ["amara@example.com"] },
      Content: {
        From: "Harbour Yoga <studios@mail.wondrous.app>",
        ReplyTo: "hello@harbour.example",
        Subject: "You're booked: Morning Flow, Monday 7 December",
        Body: [
          { ContentType: "PlainText", Content: "Hi Amara,\nyou're booked in.", Charset: "utf-8" },
          { ContentType: "HTML", Content: "<p>Hi Amara,</p><p>you're booked in.</p>", Charset: "utf-8" },
        ],
        Attachments: [{ BinaryContent: ics, Name: "morning-flow.ics", ContentType: "text/calendar; method=PUBLISH" }],
        Postback: confirmation.messageId,
      },
      Options: { TrackOpens: false, TrackClicks: false },
    });
  });

  test("a text-only email without reply address or files sends just the text, and falls back to the TransactionID", async () => {
    server = await providerServer(() => ({ status: 200, body: { TransactionID: "tx-2" } }));

    const accepted = await adapter(server.url).sendEmail({
      ...confirmation,
      replyTo: null,
      html: null,
      attachments: [],
      subject: "Reset your\r\npassword",
    });

    expect(accepted).toEqual({ providerMessageId: "tx-2" });
    const content = JSON.parse(server.received[0]!.body).Content;
    expect(content.Body).toEqual([
      { ContentType: "PlainText", Content: "Hi Amara,\nyou're booked in.", Charset: "utf-8" },
    ]);
    expect(content).not.toHaveProperty("ReplyTo");
    expect(content).not.toHaveProperty("Attachments");
    // A line break in a subject would start a new header.
    expect(content.Subject).toBe("Reset your password");
  });

  test("a studio name with quotes and a comma arrives as one display name", async () => {
    server = await providerServer(() => ({ status: 200, body: { MessageID: "msg-3" } }));

    await adapter(server.url).sendEmail({ ...confirmation, fromName: 'Stretch, Flow & "Co"' });

    expect(JSON.parse(server.received[0]!.body).Content.From).toBe(
      `"Stretch, Flow & 'Co'" <studios@mail.wondrous.app>`,
    );
  });

  test("an accepted send whose answer is unreadable still counts as sent", async () => {
    server = await providerServer(() => ({ status: 200, body: "OK" }));

    await expect(adapter(server.url).sendEmail(confirmation)).resolves.toEqual({ providerMessageId: null });
  });
});

describe("the From header", () => {
  const address = "studios@mail.wondrous.app";
  test.each([
    ["Harbour Yoga", "Harbour Yoga <studios@mail.wondrous.app>"],
    ["Anna's Barre", "Anna's Barre <studios@mail.wondrous.app>"],
    ["Yoga, Pilates & More", '"Yoga, Pilates & More" <studios@mail.wondrous.app>'],
    ["St. Anne's Studio", `"St. Anne's Studio" <studios@mail.wondrous.app>`],
    ['The "Blue" Room', "The 'Blue' Room <studios@mail.wondrous.app>"],
    [
      "Evil <x@evil.example>\r\nBcc: all@example.com",
      '"Evil x@evil.example Bcc: all@example.com" <studios@mail.wondrous.app>',
    ],
    ["Back\\slash", "Back slash <studios@mail.wondrous.app>"],
    ["Café Ñandú", "Café Ñandú <studios@mail.wondrous.app>"],
    [" <>\r\n ", "studios@mail.wondrous.app"],
  ])("%j", (name, expected) => {
    expect(fromHeader(name, address)).toBe(expected);
  });

  test("a very long name is cut, never the address", () => {
    const header = fromHeader("Y".repeat(300), address);
    expect(header).toBe(`${"Y".repeat(100)} <studios@mail.wondrous.app>`);
  });
});
