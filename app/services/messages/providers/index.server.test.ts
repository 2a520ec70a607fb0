import { afterEach, describe, expect, test } from "vitest";
import { parseEnv } from "~/env.server";
import { emailProvider, smsProvider } from "./index.server";
import { providerServer } from "./provider-server.test-helper";

let server: Awaited<ReturnType<typeof providerServer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("providers from the environment", () => {
  test("without keys there is no provider, so development needs no account", () => {
    const config = parseEnv({});
    expect(emailProvider(config)).toBeNull();
    expect(smsProvider(config)).toBeNull();
  });

  test("keys, addresses and the timeout in the environment reach the requests", async () => {
    server = await providerServer((request) =>
      request.path.startsWith("/sms")
        ? { status: 200, body: { messages: [{ messageId: "m-sms", status: { groupName: "PENDING" } }] } }
        : "never",
    );
    const config = parseEnv({
      ELASTIC_EMAIL_API_KEY: "ee-key",
      ELASTIC_EMAIL_FROM: "studios@mail.wondrous.app",
      ELASTIC_EMAIL_API_URL: `${server.url}/v4`,
      INFOBIP_API_KEY: "ib-key",
      INFOBIP_BASE_URL: server.url,
      INFOBIP_SENDER: "447860099299",
      MESSAGE_PROVIDER_TIMEOUT_MS: "1000",
    });
    const email = emailProvider(config)!;
    const sms = smsProvider(config)!;
    expect([email.name, sms.name]).toEqual(["elastic-email", "infobip"]);

    await expect(
      sms.sendSms({ messageId: "m-sms", to: "+447700900123", text: "Hi", notifyUrl: null }),
    ).resolves.toEqual({ providerMessageId: "m-sms" });
    await expect(
      email.sendEmail({
        messageId: "m-email",
        to: "amara@example.com",
        fromName: "Harbour Yoga",
        replyTo: null,
        subject: "Hi",
        text: "Hi",
        html: null,
        attachments: [],
      }),
    ).rejects.toMatchObject({ retryable: true, message: "elastic-email did not answer within 1000 ms" });

    const [smsRequest, emailRequest] = server.received;
    expect(smsRequest!.headers.authorization).toBe("App ib-key");
    expect(JSON.parse(smsRequest!.body).messages[0].from).toBe("447860099299");
    expect(emailRequest!.path).toBe("/v4/emails/transactional");
    expect(emailRequest!.headers["x-elasticemail-apikey"]).toBe("ee-key");
    expect(JSON.parse(emailRequest!.body).Content.From).toBe("Harbour Yoga <studios@mail.wondrous.app>");
  });
});
