import { z } from "zod";
import { InboundSmsSchema } from "~/services/booking/sms-reply.schema";
import { DeliveryReportSchema } from "~/services/messages/delivery-report.schema";
import { type ApiErrorCase, type ApiOperation, INVALID_JSON, VALIDATION } from "../operation";

const SECRET = `The provider calls with the shared secret we gave it: in the URL as \`?secret=…\` (the only place a notifyUrl can carry it) or in the \`X-Wondrous-Secret\` header. Until the secret is configured on our side the endpoint serves nobody (503 \`NOT_CONFIGURED\`).`;

const WRONG_SECRET: ApiErrorCase = {
  status: 401,
  code: "UNAUTHENTICATED",
  when: "No secret, or not the configured one (the body is not read).",
};

export const SMS_OPERATIONS: ApiOperation[] = [
  {
    method: "post",
    path: "/api/sms/delivery-report",
    tag: "SMS",
    summary: "Delivery reports (Infobip)",
    description: `On a studio's address: Infobip's delivery reports for the studio's texts (each text's notifyUrl). \`DELIVERED\` marks a text delivered; \`UNDELIVERABLE\`, \`EXPIRED\` and \`REJECTED\` mark it undeliverable with the network's reason, shown in the studio's message log. Pending reports and ids that are not the studio's texts change nothing; delivered is final. Fields not listed are accepted and ignored.\n\n${SECRET}`,
    access: "webhook",
    body: DeliveryReportSchema,
    responses: {
      200: {
        description: "The reports read, and how many texts they changed.",
        schema: z.object({
          received: z.number().int().openapi({ description: "Reports in the body." }),
          updated: z.number().int().openapi({ description: "Texts whose status changed." }),
        }),
        example: { received: 2, updated: 1 },
      },
    },
    errors: [WRONG_SECRET, VALIDATION, INVALID_JSON],
  },
  {
    method: "post",
    path: "/api/sms/inbound",
    tag: "SMS",
    summary: "Replies to texts (Infobip)",
    description: `On any address: the texts clients send to the platform's number (Infobip's inbound format). A reply does not say which studio it answers: the number it comes from does (the studio that last texted it). \`CANCEL\` (any case) cancels the booking that studio's last text was about, under the cancellation rules, inside the cancellation window only (later, the client is texted to call the studio instead). Anything else, or an unknown number, is ignored. The same \`messageId\` again is handled once. Every text gets an \`outcome\`: \`cancelled\`, \`refused\` (answered by text), \`already-handled\` or \`ignored\`.\n\n${SECRET}`,
    access: "webhook",
    body: InboundSmsSchema,
    responses: {
      200: {
        description: "What became of each text.",
        schema: z.object({
          results: z.array(
            z.object({
              messageId: z.string(),
              outcome: z.enum(["cancelled", "refused", "already-handled", "ignored"]),
            }),
          ),
        }),
        example: { results: [{ messageId: "in-1", outcome: "cancelled" }] },
      },
    },
    errors: [WRONG_SECRET, VALIDATION, INVALID_JSON],
  },
];
