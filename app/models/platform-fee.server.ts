import { eq } from "drizzle-orm";
import type { Executor } from "~db/client";
import { platformFees, type SubscriptionTier } from "~db/schema/control";

/** The platform's fee for a subscription tier in basis points, or undefined when the tier has no row. */
export async function findPlatformFeeBasisPoints(x: Executor, tier: SubscriptionTier): Promise<number | undefined> {
  const [row] = await x
    .select({ basisPoints: platformFees.basisPoints })
    .from(platformFees)
    .where(eq(platformFees.tier, tier))
    .limit(1);
  return row?.basisPoints;
}

export async function setPlatformFeeBasisPoints(x: Executor, tier: SubscriptionTier, basisPoints: number) {
  await x
    .insert(platformFees)
    .values({ tier, basisPoints })
    .onConflictDoUpdate({ target: platformFees.tier, set: { basisPoints, updatedAt: new Date() } });
}
