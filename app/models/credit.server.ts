import { and, asc, desc, eq, gt, inArray, or, sql, sum } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { CreditGrant, CreditLedgerEntry } from "~db/schema/tenant";
import { tenantInsert, tenantStatement, value } from "~db/statement";

export type NewCreditGrant = Pick<
  CreditGrant,
  "clientId" | "packageId" | "name" | "locationIds" | "serviceIds" | "expiresAt"
>;
export type NewLedgerEntry = Omit<CreditLedgerEntry, "id" | "createdAt">;

/** A grant starts empty (a trigger sees to it); its credits arrive as its first ledger row. */
export async function insertCreditGrant(x: Executor, { t }: Tenant, values: NewCreditGrant): Promise<CreditGrant> {
  const [row] = await x.insert(t.creditGrants).values(values).returning();
  if (!row) throw new Error("insert returned no credit grant");
  return row;
}

/** Each row moves its grant's `remaining` through a trigger; a row that would overdraw fails (23514). */
const insertLedgerEntry = tenantInsert("insertLedgerEntry", (t) => t.creditLedger);

export async function insertLedgerEntries(x: Executor, tenant: Tenant, entries: NewLedgerEntry[]) {
  if (entries.length === 0) return;
  // One entry (a booking paid from one grant) is the common case: a statement built once.
  if (entries.length === 1) await insertLedgerEntry(x, tenant, entries[0] as NewLedgerEntry);
  else await x.insert(tenant.t.creditLedger).values(entries);
}

/**
 * The client's grants that could pay for this service at this location at `at`, soonest expiry
 * first, locked so a racing booking waits and then sees what is left. Rows that another
 * transaction empties while we wait drop out (the `remaining > 0` is re-checked after the lock).
 */
const spendableGrants = tenantStatement("lockSpendableGrants", (x, t) =>
  x
    .select()
    .from(t.creditGrants)
    .where(
      and(
        eq(t.creditGrants.clientId, value("clientId")),
        gt(t.creditGrants.remaining, 0),
        gt(t.creditGrants.expiresAt, value("at", t.creditGrants.expiresAt)),
        or(
          sql`cardinality(${t.creditGrants.locationIds}) = 0`,
          sql`${value("locationId")}::uuid = ANY(${t.creditGrants.locationIds})`,
        ),
        or(
          sql`cardinality(${t.creditGrants.serviceIds}) = 0`,
          sql`${value("serviceId")}::uuid = ANY(${t.creditGrants.serviceIds})`,
        ),
      ),
    )
    .orderBy(asc(t.creditGrants.expiresAt), asc(t.creditGrants.createdAt))
    .for("update"),
);

export async function lockSpendableGrants(
  x: Executor,
  tenant: Tenant,
  filter: { clientId: string; locationId: string; serviceId: string; at: Date },
): Promise<CreditGrant[]> {
  return spendableGrants(x, tenant, filter);
}

export async function findCreditGrant(x: Executor, { t }: Tenant, id: string): Promise<CreditGrant | undefined> {
  const [row] = await x.select().from(t.creditGrants).where(eq(t.creditGrants.id, id)).limit(1);
  return row;
}

export async function listCreditGrants(x: Executor, { t }: Tenant, clientId: string): Promise<CreditGrant[]> {
  return x
    .select()
    .from(t.creditGrants)
    .where(eq(t.creditGrants.clientId, clientId))
    .orderBy(asc(t.creditGrants.expiresAt));
}

export async function listLedger(x: Executor, { t }: Tenant, clientId: string, limit = 100) {
  return x
    .select({ entry: t.creditLedger, grantName: t.creditGrants.name, actorName: t.users.fullName })
    .from(t.creditLedger)
    .innerJoin(t.creditGrants, eq(t.creditGrants.id, t.creditLedger.grantId))
    .leftJoin(t.users, eq(t.users.id, t.creditLedger.actorId))
    .where(eq(t.creditLedger.clientId, clientId))
    .orderBy(desc(t.creditLedger.createdAt))
    .limit(limit);
}

/** What a booking spent, per grant (spends are negative, refunds positive). */
export async function ledgerForBooking(x: Executor, { t }: Tenant, bookingId: string): Promise<CreditLedgerEntry[]> {
  return x.select().from(t.creditLedger).where(eq(t.creditLedger.bookingId, bookingId));
}

/**
 * The ledger's sum per grant, for the grants given (or all of the client's): the balance the
 * studio reports is this sum, never a stored number.
 */
export async function ledgerSums(x: Executor, { t }: Tenant, clientId: string, grantIds?: string[]) {
  const rows = await x
    .select({ grantId: t.creditLedger.grantId, total: sum(t.creditLedger.delta).mapWith(Number) })
    .from(t.creditLedger)
    .where(and(eq(t.creditLedger.clientId, clientId), grantIds ? inArray(t.creditLedger.grantId, grantIds) : undefined))
    .groupBy(t.creditLedger.grantId);
  return new Map(rows.map((r) => [r.grantId, r.total]));
}

/** Row lock on one grant: what it holds cannot change until the transaction ends. */
export async function lockCreditGrant(x: Executor, { t }: Tenant, id: string): Promise<CreditGrant | undefined> {
  const [row] = await x.select().from(t.creditGrants).where(eq(t.creditGrants.id, id)).for("update").limit(1);
  return row;
}
