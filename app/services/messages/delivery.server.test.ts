import { describe, expect, test } from "vitest";
import {
  claimOutboxMessage,
  findOutboxMessage,
  insertOutboxMessage,
  requeueOutboxMessage,
} from "~/models/outbox.server";
import { findSmsReplyRoute } from "~/models/sms-reply-route.server";
import { database } from "~db/client";
import { createTestStudio } from "../../../test/factories";
import { deliverMessage, type Providers } from "./delivery.server";
import { type OutgoingEmail, type OutgoingSms, ProviderError } from "./providers/types";

/** Providers that record what they were handed and answer as told. */
function recordingProviders(answer: () => Promise<string> = async () => "provider-1") {
  const emails: OutgoingEmail[] = [];
  const texts: OutgoingSms[] = [];
  const providers: Providers = {
    email: {
      name: "test-email",
      sendEmail: async (email) => {
        emails.push(email);
        return { providerMessageId: await answer() };
      },
    },
    sms: {
      name: "test-sms",
      sendSms: async (sms) => {
        texts.push(sms);
        return { providerMessageId: await answer() };
      },
    },
  };
  return { providers, emails, texts };
}

async function emailIn(studio: Awaited<ReturnType<typeof createTestStudio>>) {
  const { id } = await insertOutboxMessage(database(), studio.tenant, {
    channel: "email",
    recipient: "amara@example.com",
    subject: "Booked",
    body: "See you",
    html: "<p>See you</p>",
    template: "booking_confirmed",
  });
  return id;
}

describe("delivering a message", () => {
  test("hands it over once, in the studio's name, and records the provider's id", async () => {
    const studio = await createTestStudio();
    const id = await emailIn(studio);
    const { providers, emails } = recordingProviders();

    expect(await deliverMessage(studio.tenant, id, { finalAttempt: false, providers })).toBe("sent");
    expect(await deliverMessage(studio.tenant, id, { finalAttempt: false, providers })).toBe("already_handled");

    expect(emails).toEqual([
      {
        messageId: id,
        to: "amara@example.com",
        fromName: studio.tenant.studio.name,
        replyTo: studio.owner.email,
        subject: "Booked",
        text: "See you",
        html: "<p>See you</p>",
        attachments: [],
      },
    ]);
    const row = await findOutboxMessage(database(), studio.tenant, id);
    expect(row).toMatchObject({ status: "sent", attempts: 1, provider: "test-email", providerMessageId: "provider-1" });
    expect(row?.sentAt).toBeInstanceOf(Date);
  });

  test("without a provider the message stays in the log as not sent", async () => {
    const studio = await createTestStudio();
    const id = await emailIn(studio);
    const outcome = await deliverMessage(studio.tenant, id, {
      finalAttempt: false,
      providers: { email: null, sms: null },
    });
    expect(outcome).toBe("not_sent");
    expect(await findOutboxMessage(database(), studio.tenant, id)).toMatchObject({
      status: "not_sent",
      lastError: "Not sent: no provider",
    });
  });

  test("a provider 5xx or timeout is retried; the last attempt records the failure; a 4xx is not retried", async () => {
    const studio = await createTestStudio();
    const id = await emailIn(studio);
    let failures = 1;
    const { providers, emails } = recordingProviders(async () => {
      if (failures-- > 0) throw new ProviderError("Elastic Email answered 503", true, 503);
      return "provider-2";
    });
    await expect(deliverMessage(studio.tenant, id, { finalAttempt: false, providers })).rejects.toThrow("503");
    expect(await findOutboxMessage(database(), studio.tenant, id)).toMatchObject({
      status: "retrying",
      lastError: "Elastic Email answered 503",
    });
    expect(await deliverMessage(studio.tenant, id, { finalAttempt: false, providers })).toBe("sent");
    expect(await findOutboxMessage(database(), studio.tenant, id)).toMatchObject({ status: "sent", attempts: 2 });
    expect(emails).toHaveLength(2);

    const timedOut = await emailIn(studio);
    const slow = recordingProviders(async () => {
      throw new ProviderError("Elastic Email did not answer within 10 s", true, null);
    });
    expect(await deliverMessage(studio.tenant, timedOut, { finalAttempt: true, providers: slow.providers })).toBe(
      "failed",
    );
    expect(await findOutboxMessage(database(), studio.tenant, timedOut)).toMatchObject({ status: "failed" });

    const refused = await emailIn(studio);
    const badAddress = recordingProviders(async () => {
      throw new ProviderError("Elastic Email answered 400: invalid recipient", false, 400);
    });
    expect(await deliverMessage(studio.tenant, refused, { finalAttempt: false, providers: badAddress.providers })).toBe(
      "failed",
    );

    // Staff send it again: a new job, and the next attempt delivers it.
    expect(await requeueOutboxMessage(database(), studio.tenant, refused)).toBeDefined();
    expect(await deliverMessage(studio.tenant, refused, { finalAttempt: false, providers })).toBe("sent");
    expect(await requeueOutboxMessage(database(), studio.tenant, refused)).toBeUndefined();
  });

  test("a worker that stopped between handing over and recording leaves the message unconfirmed, never resent", async () => {
    const studio = await createTestStudio();
    const id = await emailIn(studio);
    // The first attempt claimed it and the process died before recording.
    await claimOutboxMessage(database(), studio.tenant, id);
    const { providers, emails } = recordingProviders();

    expect(await deliverMessage(studio.tenant, id, { finalAttempt: false, providers })).toBe("unconfirmed");
    expect(emails).toHaveLength(0);
    expect(await findOutboxMessage(database(), studio.tenant, id)).toMatchObject({ status: "unconfirmed" });
  });

  test("an SMS goes to its E.164 number with the delivery-report address, and replies will find the studio", async () => {
    const studio = await createTestStudio();
    const { id } = await insertOutboxMessage(database(), studio.tenant, {
      channel: "sms",
      recipient: "+447700900321",
      subject: null,
      body: "Booked",
      template: "booking_confirmed",
    });
    const { providers, texts } = recordingProviders();
    await deliverMessage(studio.tenant, id, { finalAttempt: false, providers, deliveryReportSecret: "s3cret" });
    expect(texts).toEqual([
      {
        messageId: id,
        to: "+447700900321",
        text: "Booked",
        notifyUrl: expect.stringMatching(
          new RegExp(`^https?://${studio.tenant.studio.slug}\\.[^/]+/api/sms/delivery-report\\?secret=s3cret$`),
        ),
      },
    ]);
    expect((await findSmsReplyRoute(database(), "+447700900321"))?.organizationId).toBe(studio.tenant.studio.id);
  });
});
