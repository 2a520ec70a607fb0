import { postJson } from "./post-json.server";
import type { Accepted, EmailProvider, OutgoingEmail } from "./types";

export type ElasticEmailConfig = {
  apiKey: string;
  /** The platform's sending address, on a domain verified in Elastic Email. */
  from: string;
  /** The REST API v4 root: https://api.elasticemail.com/v4 */
  apiUrl: string;
  timeoutMs: number;
};

const NAME = "elastic-email";

/** Email through Elastic Email's REST API v4: one transactional send per message. */
export function elasticEmail(config: ElasticEmailConfig): EmailProvider {
  const url = `${config.apiUrl.replace(/\/+$/, "")}/emails/transactional`;
  return {
    name: NAME,
    async sendEmail(email: OutgoingEmail): Promise<Accepted> {
      const answer = await postJson({
        provider: NAME,
        url,
        headers: { "X-ElasticEmail-ApiKey": config.apiKey },
        body: transactionalEmail(email, config.from),
        timeoutMs: config.timeoutMs,
        secret: config.apiKey,
      });
      const sent = (answer.body ?? {}) as { MessageID?: unknown; TransactionID?: unknown };
      const id = [sent.MessageID, sent.TransactionID].find((value) => typeof value === "string" && value);
      return { providerMessageId: (id as string | undefined) ?? null };
    },
  };
}

/** The body of POST /emails/transactional (EmailTransactionalMessageData in the v4 reference). */
function transactionalEmail(email: OutgoingEmail, fromAddress: string) {
  const body = [{ ContentType: "PlainText", Content: email.text, Charset: "utf-8" }];
  if (email.html) body.push({ ContentType: "HTML", Content: email.html, Charset: "utf-8" });
  return {
    Recipients: { To: [email.to] },
    Content: {
      From: fromHeader(email.fromName, fromAddress),
      ReplyTo: email.replyTo ?? undefined,
      Subject: email.subject.replace(/\s+/g, " ").trim(),
      Body: body,
      Attachments: email.attachments.length
        ? email.attachments.map((file) => ({
            BinaryContent: file.contentBase64,
            Name: file.filename,
            ContentType: file.contentType,
          }))
        : undefined,
      // Returned in Elastic Email's notifications, so a bounce names our message.
      Postback: email.messageId,
    },
    // Tracking would rewrite sign-in and password-reset links through Elastic Email's domain,
    // handing their one-time tokens to a third party; transactional mail needs neither.
    Options: { TrackOpens: false, TrackClicks: false },
  };
}

const NAME_LIMIT = 100;

/**
 * "Studio name <address>" for the From header. A studio names itself, so its name may hold
 * quotes, angle brackets or line breaks that would end the name early or add a header: those
 * go, and a name with a comma, a full stop or another address character is quoted whole.
 */
export function fromHeader(name: string, address: string): string {
  const clean = name
    .replaceAll('"', "'")
    .replace(/[\\<>\p{Cc}]/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, NAME_LIMIT)
    .trim();
  if (!clean) return address;
  return /[()[\]:;@,.]/.test(clean) ? `"${clean}" <${address}>` : `${clean} <${address}>`;
}
