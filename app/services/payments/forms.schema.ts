import { z } from "zod";
import { IdempotencyKey } from "~/services/booking/forms.schema";
import { Id } from "~/services/schedule/queries.schema";

/** POST /packages: a client buying one package online (its own one-time key per package). */
export const BuyPackageSchema = z.object({
  intent: z.literal("buy"),
  packageId: Id,
  idempotencyKey: IdempotencyKey,
  // "Keep my card on file for no-show fees", ticked (conform reads a ticked box as true).
  keepCard: z.boolean().optional(),
});

/** POST /payments/:id: the client (or staff) cancelling a payment still open. */
export const PaymentPageSchema = z.object({ intent: z.literal("cancel") });

/** POST /account/payments: the client removing their card on file. */
export const RemoveCardSchema = z.object({ intent: z.literal("remove-card") });
