import { z } from "zod";

const text = z.string().max(2000);

/** One result of Infobip's SMS delivery report; fields we do not read are let through. */
const ReportSchema = z.object({
  messageId: z.string().min(1).max(200),
  status: z.object({ groupName: text, name: text.optional(), description: text.optional() }),
  error: z.object({ groupName: text.optional(), name: text.optional(), description: text.optional() }).nullish(),
  doneAt: text.nullish(),
});

export const DeliveryReportSchema = z.object({ results: z.array(ReportSchema).max(1000) });
export type DeliveryReport = z.infer<typeof ReportSchema>;
