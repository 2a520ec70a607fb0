import { z } from "zod";
import { IdempotencyKey } from "~/services/booking/forms.schema";
import { Id } from "~/services/schedule/queries.schema";

/** POST /packages: a client buying one package online (its own one-time key per package). */
export const BuyPackageSchema = z.object({
  intent: z.literal("buy"),
  packageId: Id,
  idempotencyKey: IdempotencyKey,
});

/** POST /payments/:id: the client (or staff) cancelling a payment still open. */
export const PaymentPageSchema = z.object({ intent: z.literal("cancel") });
