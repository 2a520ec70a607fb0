import { afterEach, describe, expect, test } from "vitest";
import { findOutboxMessage, insertOutboxMessage } from "~/models/outbox.server";
import { studioUrl } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import { createTestStudio } from "../../../../test/factories";
import { deliverMessage } from "../delivery.server";
import { elasticEmail } from "./elastic-email.server";
import { infobip } from "./infobip.server";
import { providerServer, type Reply, rejection } from "./provider-server.test-helper";

const KEY = "live-key-9a8b7c6d5e";

let server: Awaited<ReturnType<typeof providerServer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A provider answering each request with the next reply in the list. */
async function provider(...replies: Reply[]) {
  let next = 0;
  server = await providerServer(() => replies[Math.min(next++, replies.length - 1)]!);
  return server;
}

describe("delivery through the real adapters", () => {
  test("an SMS that meets a 5xx is retried, then sent and recorded under our own id", async () => {
    const { tenant } = await createTestStudio();
    const message = await insertOutboxMessage(database(), tenant, {
      channel: "sms",
      recipient: "+447700900123",
      subject: null,
      body: "Harbour Yoga: Morning Flow tomorrow 07:00.",
      template: "booking-reminder-sms",
    });
    const fake = await provider(
      { status: 503, body: { requestError: { serviceException: { messageId: "GENERAL_ERROR", text: "Try later" } } } },
      {
        status: 200,
        body: { messages: [{ to: "447700900123", messageId: message.id, status: { groupName: "PENDING" } }] },
      },
    );
    const providers = {
      email: null,
      sms: infobip({ apiKey: KEY, baseUrl: fake.url, sender: "Wondrous", timeoutMs: 2_000 }),
    };

    const first = await rejection(
      deliverMessage(tenant, message.id, { finalAttempt: false, providers, deliveryReportSecret: "report-secret" }),
    );
    expect(first).toMatchObject({ name: "ProviderError", retryable: true, status: 503 });
    expect(await findOutboxMessage(database(), tenant, message.id)).toMatchObject({
      status: "retrying",
      attempts: 1,
      provider: "infobip",
      lastError: "infobip answered 503: GENERAL_ERROR Try later",
    });

    await expect(
      deliverMessage(tenant, message.id, { finalAttempt: false, providers, deliveryReportSecret: "report-secret" }),
    ).resolves.toBe("sent");
    const row = await findOutboxMessage(database(), tenant, message.id);
    expect(row).toMatchObject({ status: "sent", attempts: 2, provider: "infobip", providerMessageId: message.id });
    expect(row!.lastError).toBeNull();
    expect(row!.sentAt).toBeInstanceOf(Date);

    expect(fake.received).toHaveLength(2);
    const sent = JSON.parse(fake.received[1]!.body).messages[0];
    expect(sent.destinations).toEqual([{ to: "447700900123", messageId: message.id }]);
    expect(sent.notifyUrl).toBe(studioUrl(tenant.studio.slug, "/api/sms/delivery-report?secret=report-secret"));
  });

  test("an email that times out is retried, and fails for good on the last attempt", async () => {
    const { tenant } = await createTestStudio({ name: 'Stretch, Flow & "Co"' });
    const message = await insertOutboxMessage(database(), tenant, {
      channel: "email",
      recipient: "amara@example.com",
      subject: "You're booked",
      body: "See you Monday.",
      template: "booking-confirmed",
    });
    const fake = await provider("never");
    const providers = {
      email: elasticEmail({ apiKey: KEY, from: "studios@mail.wondrous.app", apiUrl: fake.url, timeoutMs: 150 }),
      sms: null,
    };

    const first = await rejection(deliverMessage(tenant, message.id, { finalAttempt: false, providers }));
    expect(first).toMatchObject({ retryable: true, message: "elastic-email did not answer within 150 ms" });
    expect(await findOutboxMessage(database(), tenant, message.id)).toMatchObject({ status: "retrying", attempts: 1 });

    await expect(deliverMessage(tenant, message.id, { finalAttempt: true, providers })).resolves.toBe("failed");
    expect(await findOutboxMessage(database(), tenant, message.id)).toMatchObject({
      status: "failed",
      attempts: 2,
      provider: "elastic-email",
      lastError: "elastic-email did not answer within 150 ms",
    });
    expect(JSON.parse(fake.received[0]!.body).Content.From).toBe(`"Stretch, Flow & 'Co'" <studios@mail.wondrous.app>`);
  });

  test("a refused key fails at once, and the log never shows the key", async () => {
    const { tenant } = await createTestStudio();
    const message = await insertOutboxMessage(database(), tenant, {
      channel: "email",
      recipient: "amara@example.com",
      subject: "You're booked",
      body: "See you Monday.",
      template: "booking-confirmed",
    });
    await provider({ status: 401, body: { Error: `Access Denied: ${KEY}` } });
    const providers = {
      email: elasticEmail({ apiKey: KEY, from: "studios@mail.wondrous.app", apiUrl: server!.url, timeoutMs: 2_000 }),
      sms: null,
    };

    await expect(deliverMessage(tenant, message.id, { finalAttempt: false, providers })).resolves.toBe("failed");
    const row = await findOutboxMessage(database(), tenant, message.id);
    expect(row).toMatchObject({
      status: "failed",
      attempts: 1,
      lastError: "elastic-email answered 401: Access Denied: [key]",
    });
    expect(JSON.stringify(row)).not.toContain(KEY);
  });
});
