import { afterEach, describe, expect, test } from "vitest";
import { elasticEmail } from "./elastic-email.server";
import { infobip } from "./infobip.server";
import { providerServer, type Reply, rejection } from "./provider-server.test-helper";
import { ProviderError } from "./types";

const KEY = "secret-key-5f2b9c1e7d";

/** Both adapters, each pointed at a URL, sending one message: their failures must read the same. */
const adapters = [
  {
    name: "elastic-email",
    send: (url: string, timeoutMs: number) =>
      elasticEmail({ apiKey: KEY, from: "studios@mail.wondrous.app", apiUrl: url, timeoutMs }).sendEmail({
        messageId: "m-1",
        to: "amara@example.com",
        fromName: "Harbour Yoga",
        replyTo: null,
        subject: "Booked",
        text: "You're booked.",
        html: null,
        attachments: [],
      }),
  },
  {
    name: "infobip",
    send: (url: string, timeoutMs: number) =>
      infobip({ apiKey: KEY, baseUrl: url, sender: "Wondrous", timeoutMs }).sendSms({
        messageId: "m-1",
        to: "+447700900123",
        text: "You're booked.",
        notifyUrl: null,
      }),
  },
];

let server: Awaited<ReturnType<typeof providerServer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function failure(send: (url: string, timeoutMs: number) => Promise<unknown>, reply: Reply, timeoutMs = 2_000) {
  server = await providerServer(() => reply);
  const error = await rejection(send(server.url, timeoutMs));
  expect(error).toBeInstanceOf(ProviderError);
  return error as unknown as ProviderError;
}

describe.each(adapters)("$name failures", ({ name, send }) => {
  test("a 5xx is worth retrying", async () => {
    const error = await failure(send, { status: 503, body: { Error: "Service temporarily unavailable" } });
    expect(error).toMatchObject({ retryable: true, status: 503 });
    expect(error.message).toBe(`${name} answered 503: Service temporarily unavailable`);
  });

  test("a 429 is worth retrying", async () => {
    const error = await failure(send, { status: 429, body: "" });
    expect(error).toMatchObject({ retryable: true, status: 429, message: `${name} answered 429` });
  });

  test("a 400 is not: the same request fails the same way", async () => {
    const error = await failure(send, {
      status: 400,
      body: { requestError: { serviceException: { messageId: "BAD_REQUEST", text: "Bad request" } } },
    });
    expect(error).toMatchObject({ retryable: false, status: 400 });
    expect(error.message).toBe(`${name} answered 400: BAD_REQUEST Bad request`);
  });

  test("a 401 is not retried, and its text never carries the key even when the provider echoes it", async () => {
    const error = await failure(send, { status: 401, body: { Error: `Access Denied for key ${KEY}` } });
    expect(error).toMatchObject({ retryable: false, status: 401 });
    expect(error.message).toBe(`${name} answered 401: Access Denied for key [key]`);
    expect(`${error.message} ${error.stack} ${JSON.stringify(error)}`).not.toContain(KEY);
  });

  test("a provider that never answers times out, worth retrying", async () => {
    const started = performance.now();
    const error = await failure(send, "never", 150);
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(error).toMatchObject({ retryable: true, status: null, message: `${name} did not answer within 150 ms` });
  });

  test("a 2xx whose body never ends counts as sent: sending again would send it twice", async () => {
    server = await providerServer(() => ({ status: 200, body: { MessageID: "x", messages: [] }, stall: true }));
    // Long enough for the status to arrive on a busy machine; the body then stalls until it ends.
    await expect(send(server.url, 1_000)).resolves.toHaveProperty("providerMessageId");
  });

  test("a redirect is not followed, so the key goes nowhere else", async () => {
    const elsewhere = await providerServer(() => ({ status: 200 }));
    try {
      const error = await failure(send, { status: 307, body: "", headers: { Location: `${elsewhere.url}/steal` } });
      expect(error).toMatchObject({ retryable: false, status: 307, message: `${name} answered 307` });
      expect(elsewhere.received).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });

  test("a provider that cannot be reached is worth retrying", async () => {
    server = await providerServer(() => ({ status: 200 }));
    const closed = server.url;
    await server.close();
    server = undefined;
    const error = await rejection(send(closed, 2_000));
    expect(error).toMatchObject({ name: "ProviderError", retryable: true, status: null });
    expect(error.message).toBe(`${name} unreachable: ECONNREFUSED`);
  });
});
