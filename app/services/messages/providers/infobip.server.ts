import { postJson } from "./post-json.server";
import { type Accepted, type OutgoingSms, ProviderError, type SmsProvider } from "./types";

export type InfobipConfig = {
  apiKey: string;
  /** The account's API base URL from the Infobip portal: https://xxxxx.api.infobip.com (scheme optional). */
  baseUrl: string;
  /** Alphanumeric sender ID (3-11 characters) or a number in international format. */
  sender: string;
  timeoutMs: number;
};

const NAME = "infobip";
const E164 = /^\+[1-9]\d{6,14}$/;

/** SMS through Infobip's SMS API (POST /sms/2/text/advanced), one message per request. */
export function infobip(config: InfobipConfig): SmsProvider {
  const root = /^https?:\/\//.test(config.baseUrl) ? config.baseUrl : `https://${config.baseUrl}`;
  const url = `${root.replace(/\/+$/, "")}/sms/2/text/advanced`;
  const from = config.sender.replace(/^\+/, "");
  return {
    name: NAME,
    async sendSms(sms: OutgoingSms): Promise<Accepted> {
      if (!E164.test(sms.to)) throw new ProviderError(`${NAME}: ${sms.to} is not an E.164 number`, false, null);
      const answer = await postJson({
        provider: NAME,
        url,
        headers: { Authorization: `App ${config.apiKey}` },
        body: {
          messages: [
            {
              from,
              // Infobip documents destinations in international format as digits only
              // ("41793026727"); its delivery reports and inbound messages name numbers the same way.
              // messageId is ours, so a delivery report finds its row by the id we already hold.
              destinations: [{ to: sms.to.slice(1), messageId: sms.messageId }],
              text: sms.text,
              ...(sms.notifyUrl ? { notifyUrl: sms.notifyUrl, notifyContentType: "application/json" } : {}),
            },
          ],
        },
        timeoutMs: config.timeoutMs,
        secret: config.apiKey,
      });
      const first = (answer.body as { messages?: SentMessage[] } | null)?.messages?.[0];
      // A 200 can still refuse a destination (a bad number, no credit): another attempt fails the same way.
      if (first?.status?.groupName === "REJECTED") {
        const reason = [first.status.name, first.status.description].filter(Boolean).join(": ");
        throw new ProviderError(`${NAME} rejected the message: ${reason || "no reason given"}`, false, answer.status);
      }
      return { providerMessageId: typeof first?.messageId === "string" ? first.messageId : sms.messageId };
    },
  };
}

type SentMessage = {
  messageId?: unknown;
  status?: { groupName?: string; name?: string; description?: string };
};
