/**
 * The platform's fee on an online payment: `basisPoints` (290 = 2.9%) of the amount, in the same
 * integer minor units, rounded half up. Integer arithmetic only: no float ever touches money.
 */
export function platformFeeMinor(amountMinor: number, basisPoints: number): number {
  if (!Number.isInteger(amountMinor) || amountMinor < 0) throw new RangeError("amount must be whole minor units");
  if (!Number.isInteger(basisPoints) || basisPoints < 0 || basisPoints > 10_000)
    throw new RangeError("basis points must be 0..10000");
  return Math.floor((amountMinor * basisPoints + 5_000) / 10_000);
}

/** The spec's 2.9%, used when a tier has no row of its own. */
export const DEFAULT_FEE_BASIS_POINTS = 290;
