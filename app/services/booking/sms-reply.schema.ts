import { z } from "zod";

const text = z.string().max(2000);

/** One text of Infobip's inbound SMS callback; fields we do not read are let through. */
const InboundSchema = z.object({
  messageId: z.string().min(1).max(200),
  from: z.string().min(1).max(50),
  to: text.nullish(),
  text: text.nullish(),
  cleanText: text.nullish(),
  receivedAt: text.nullish(),
});

export const InboundSmsSchema = z.object({ results: z.array(InboundSchema).max(1000) });
export type InboundSms = z.infer<typeof InboundSchema>;
