// npm run platform:fee -- [<tier> <percent>]: shows the platform's fee on online payments per
// subscription tier, or sets one tier's (e.g. `studio 2.5`). Needs DATABASE_URL. A new fee applies
// to payments started after it; one already on a Checkout page keeps the fee it was opened with.

import { setPlatformFeeBasisPoints } from "../../app/models/platform-fee.server";
import { connect } from "../client";
import { platformFees, SUBSCRIPTION_TIERS, type SubscriptionTier } from "../schema/control";

const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write("DATABASE_URL is not set.\n");
  process.exit(1);
}
const [tier, percent] = process.argv.slice(2);
const { client, db } = connect(url, { max: 1 });
try {
  if (tier !== undefined) {
    const basisPoints = Math.round(Number(percent) * 100);
    if (
      !SUBSCRIPTION_TIERS.includes(tier as SubscriptionTier) ||
      !/^\d+(\.\d{1,2})?$/.test(percent ?? "") ||
      basisPoints > 10_000
    ) {
      process.stderr.write(`usage: npm run platform:fee -- <${SUBSCRIPTION_TIERS.join("|")}> <percent, e.g. 2.9>\n`);
      process.exitCode = 2;
    } else await setPlatformFeeBasisPoints(db, tier as SubscriptionTier, basisPoints);
  }
  for (const row of await db.select().from(platformFees).orderBy(platformFees.tier))
    process.stdout.write(`${row.tier}\t${(row.basisPoints / 100).toFixed(2)}%\n`);
} finally {
  await client.end();
}
