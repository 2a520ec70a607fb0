import { z } from "zod";
import { parsePoundsToMinor } from "~/services/shared/money";
import { requiredText } from "~/services/shared/schema-helpers";

const MAX_PRICE_MINOR = 1_000_000;
const PRICE_MESSAGE = "Enter a price from 0 to 10,000 pounds, like 120 or 120.00";

/** Ticked boxes of ids; none ticked (the browser sends nothing) means every one. */
const idList = (message: string) => z.array(z.string().uuid(message)).max(200).default([]);

/**
 * A package as managers type it: the price in pounds (kept in pence from here on), how many
 * credits it gives and for how many days, and where and for what they may be spent.
 */
export const PackageSchema = z
  .object({
    name: requiredText("a name", 80),
    credits: z.coerce
      .number({ required_error: "Enter how many credits it gives", invalid_type_error: "Enter a number of credits" })
      .int("Whole credits only")
      .min(1, "At least 1 credit")
      .max(500, "At most 500 credits"),
    price: z
      .string({ required_error: PRICE_MESSAGE })
      .max(20, PRICE_MESSAGE)
      .transform((text, ctx) => {
        const minor = parsePoundsToMinor(text);
        if (minor === null || minor > MAX_PRICE_MINOR) {
          ctx.addIssue({ code: "custom", message: PRICE_MESSAGE });
          return z.NEVER;
        }
        return minor;
      }),
    validDays: z.coerce
      .number({ required_error: "Enter how many days it lasts", invalid_type_error: "Enter a number of days" })
      .int("Whole days only")
      .min(1, "At least 1 day")
      .max(730, "At most 730 days (two years)"),
    locationIds: idList("Choose locations from the list"),
    serviceIds: idList("Choose services from the list"),
    /** Shown on the public intro page, for new clients only: the owner's choice (packages.server.ts). */
    introOffer: z.boolean().default(false),
  })
  .transform(({ price, ...rest }) => ({ ...rest, priceMinor: price }));

export type PackageInput = z.output<typeof PackageSchema>;
