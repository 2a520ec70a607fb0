import { z } from "zod";
import { searchText } from "~/services/shared/schema-helpers";
import { MESSAGE_STATUSES, type MessageStatus } from "~db/schema/tenant";

/** Each status in words staff act on. */
export const STATUS_WORDS: Record<MessageStatus, string> = {
  pending: "Waiting to send",
  sending: "Sending",
  sent: "Sent",
  delivered: "Delivered",
  undeliverable: "Not delivered: the phone network could not deliver it",
  retrying: "Failed for now: trying again by itself",
  failed: "Failed: gave up after several tries",
  not_sent: "Not sent: no provider",
  unconfirmed: "Unconfirmed: the worker stopped while sending — check before retrying",
};

/** The status filter's choices: one status, or every message that needs someone to look. */
export const NEEDS_ATTENTION = "attention";
export const ATTENTION_STATUSES: MessageStatus[] = ["failed", "undeliverable", "unconfirmed", "not_sent"];

export const STATUS_CHOICES: { value: string; label: string }[] = [
  { value: NEEDS_ATTENTION, label: "Needs attention" },
  ...MESSAGE_STATUSES.map((status) => ({ value: status, label: STATUS_WORDS[status].split(":")[0] ?? status })),
];

export const MESSAGES_PER_PAGE = 50;

/** The list's GET form. A value that is not one of the choices is refused, not guessed at. */
export const MessageFilterSchema = z.object({
  status: z
    .enum([NEEDS_ATTENTION, ...MESSAGE_STATUSES], { errorMap: () => ({ message: "Choose a status from the list" }) })
    .optional(),
  channel: z.enum(["email", "sms"], { errorMap: () => ({ message: "Choose email or text" }) }).optional(),
  q: searchText(100).default(""),
  page: z.coerce
    .number({ invalid_type_error: "Give a page number" })
    .int("Give a page number")
    .min(1, "Pages start at 1")
    .max(100_000, "There are not that many pages")
    .default(1),
});
export type MessageFilterInput = z.infer<typeof MessageFilterSchema>;

/** Templates whose name does not read well on its own; any other "booking-moved" reads "Booking moved". */
const TEMPLATE_WORDS: Record<string, string> = {
  "client-welcome": "Welcome",
  "sign-in-link": "Sign-in link",
  "staff-invitation": "Staff invitation",
  "verify-email": "Email confirmation link",
  cancelReplySms: "Reply to a CANCEL text",
};

export function templateWords(template: string): string {
  const known = TEMPLATE_WORDS[template];
  if (known) return known;
  const words = template
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[-_.]+/g, " ")
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : template;
}
