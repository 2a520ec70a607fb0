import type { MessageAttachment } from "~db/schema/tenant";

export type OutgoingEmail = {
  messageId: string;
  to: string;
  fromName: string;
  replyTo: string | null;
  subject: string;
  text: string;
  html: string | null;
  attachments: MessageAttachment[];
};
export type OutgoingSms = { messageId: string; to: string; text: string; notifyUrl: string | null };
export type Accepted = { providerMessageId: string | null };

/** retryable: 5xx, 429, network error, timeout. Not retryable: other 4xx (bad address, bad key). */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status: number | null,
  ) {
    super(message);
  }
}

export interface EmailProvider {
  readonly name: string;
  sendEmail(email: OutgoingEmail): Promise<Accepted>;
}
export interface SmsProvider {
  readonly name: string;
  sendSms(sms: OutgoingSms): Promise<Accepted>;
}
