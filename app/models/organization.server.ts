import { and, asc, eq, isNull, lt, or } from "drizzle-orm";
import type { Executor } from "~db/client";
import { organizations } from "~db/schema/control";

export type Studio = typeof organizations.$inferSelect;

export async function findStudioBySlug(x: Executor, slug: string): Promise<Studio | undefined> {
  const [row] = await x.select().from(organizations).where(eq(organizations.slug, slug)).limit(1);
  return row;
}

export async function findStudioById(x: Executor, id: string): Promise<Studio | undefined> {
  const [row] = await x.select().from(organizations).where(eq(organizations.id, id)).limit(1);
  return row;
}

export async function insertStudio(
  x: Executor,
  values: Pick<Studio, "id" | "slug" | "name" | "schemaName">,
): Promise<Studio> {
  const [row] = await x.insert(organizations).values(values).returning();
  if (!row) throw new Error("insert returned no organization");
  return row;
}

export async function listActiveStudios(x: Executor): Promise<Studio[]> {
  return x.select().from(organizations).where(eq(organizations.status, "active")).orderBy(asc(organizations.createdAt));
}

/** The studio whose connected Stripe account this is: how a webhook finds its studio. */
export async function findStudioByStripeAccount(x: Executor, accountId: string): Promise<Studio | undefined> {
  const [row] = await x.select().from(organizations).where(eq(organizations.stripeAccountId, accountId)).limit(1);
  return row;
}

export type StripeAccountState = { chargesEnabled: boolean; detailsSubmitted: boolean; checkedAt: Date };

/**
 * Records what Stripe said about the studio's account as of `checkedAt` (the event's creation
 * time), unless something newer is on record already: an older `account.updated` arriving late
 * never wins. Undefined when it did not apply.
 */
export async function updateStripeAccountState(x: Executor, accountId: string, state: StripeAccountState) {
  const [row] = await x
    .update(organizations)
    .set({
      stripeChargesEnabled: state.chargesEnabled,
      stripeDetailsSubmitted: state.detailsSubmitted,
      stripeAccountCheckedAt: state.checkedAt,
    })
    .where(
      and(
        eq(organizations.stripeAccountId, accountId),
        or(isNull(organizations.stripeAccountCheckedAt), lt(organizations.stripeAccountCheckedAt, state.checkedAt)),
      ),
    )
    .returning();
  return row;
}
