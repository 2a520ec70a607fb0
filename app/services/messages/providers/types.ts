import type { MessageAttachment } from "~db/schema/tenant";

/** One email as the delivery job hands it to a provider: a single recipient, text and HTML bodies. */
export type OutgoingEmail = {
  messageId: string;
  to: string;
  /** The studio's name, shown beside the platform's sending address. */
  fromName: string;
  replyTo: string | null;
  subject: string;
  text: string;
  html: string | null;
  attachments: MessageAttachment[];
};

export type OutgoingSms = {
  messageId: string;
  /** E.164 with the leading "+". */
  to: string;
  text: string;
  /** Where the provider posts the delivery report; null sends none. */
  notifyUrl: string | null;
};

/** The provider took the message; its id lets a later report or a support ticket find it. */
export type Accepted = { providerMessageId: string | null };

/**
 * The provider did not take the message. retryable: 5xx, 429, a network error or a timeout (the
 * same message may succeed later). Not retryable: any other 4xx or a refusal in the answer (a bad
 * address or a bad key will fail again). status is the HTTP status, null when none came back.
 */
export class ProviderError extends Error {
  override name = "ProviderError";
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
