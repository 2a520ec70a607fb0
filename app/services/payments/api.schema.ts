import { z } from "zod";

const PackageId = z
  .string({ required_error: "Required", invalid_type_error: "Not a package id" })
  .uuid("Not a package id");
const BookingId = z.string({ invalid_type_error: "Not a booking id" }).uuid("Not a booking id");

/** `POST /api/packages/purchase`. */
export const PurchaseApiSchema = z.object({ packageId: PackageId });

/** `POST /api/payments/create-intent`: a package to buy, or a booking of the caller's awaiting payment. */
export const CreateIntentSchema = z
  .object({ packageId: PackageId.optional(), bookingId: BookingId.optional() })
  .superRefine((body, ctx) => {
    if (body.packageId === undefined && body.bookingId === undefined)
      ctx.addIssue({ code: "custom", path: ["packageId"], message: "Send packageId or bookingId" });
    if (body.packageId !== undefined && body.bookingId !== undefined)
      ctx.addIssue({ code: "custom", path: ["bookingId"], message: "Send packageId or bookingId, not both" });
  });

/** `POST /api/payments/confirm`. */
export const ConfirmApiSchema = z.object({
  paymentId: z.string({ required_error: "Required", invalid_type_error: "Not a payment id" }).uuid("Not a payment id"),
});
