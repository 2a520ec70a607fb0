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

/** Links the studio to the Stripe account it created; an account already linked is kept. */
export async function setStudioStripeAccount(x: Executor, id: string, accountId: string): Promise<Studio | undefined> {
  const [row] = await x
    .update(organizations)
    .set({ stripeAccountId: accountId })
    .where(and(eq(organizations.id, id), isNull(organizations.stripeAccountId)))
    .returning();
  return row ?? findStudioById(x, id);
}

export type StripeAccountState = { chargesEnabled: boolean; detailsSubmitted: boolean; checkedAt: Date };

/**
 * What Stripe says of the studio's account, as of `checkedAt` (an event's creation time, or when
 * we asked): written only over an older state, so a late, stale event never wins.
 */
export async function recordStudioStripeState(x: Executor, accountId: string, state: StripeAccountState) {
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
    .returning({ id: organizations.id });
  return row !== undefined;
}
