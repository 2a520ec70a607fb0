import {
  findCreditGrant,
  insertCreditGrant,
  insertLedgerEntries,
  ledgerForBooking,
  ledgerSums,
  listCreditGrants,
  listLedger,
  lockSpendableGrants,
} from "~/models/credit.server";
import { findPackage } from "~/models/package.server";
import { assertCan } from "~/services/identity/permissions";
import { requireVisibleClient } from "~/services/people/client.server";
import { NotFound, Refused } from "~/services/shared/errors";
import { isCheckViolation } from "~/services/shared/pg-errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database, type Executor } from "~db/client";
import type { CreditGrant, User } from "~db/schema/tenant";

/**
 * Credits: what a client holds (grants from packages or staff), spent one per place booked and
 * returned on a timely cancellation. Every movement is a row in the append-only ledger; a
 * grant's `remaining` follows the ledger through a database trigger and cannot go below zero,
 * so two bookings racing for the last credit cannot both have it.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

export const NO_CREDITS_MESSAGE = "You have no credits that cover this. Buy a package to book.";

export type SpendRequest = {
  clientId: string;
  bookingId: string;
  locationId: string;
  serviceId: string;
  spots: number;
  /** When the booked time starts: a grant must still be valid then. */
  at: Date;
  actorId: string;
  reason: string;
};

/**
 * Spends one credit per place, from the grants that expire first and are valid for this
 * service at this location. Call inside the booking's transaction, after the booking row is
 * written (locks go booking → grants everywhere, so racing transactions cannot deadlock).
 */
export async function spendCredits(tx: Executor, tenant: Tenant, request: SpendRequest) {
  const grants = await lockSpendableGrants(tx, tenant, request);
  const taken = pickGrants(grants, request.spots);
  if (!taken) throw new Refused(402, "NO_CREDITS", NO_CREDITS_MESSAGE);
  await insertLedgerEntries(
    tx,
    tenant,
    taken.map(({ grantId, credits }) => ({
      clientId: request.clientId,
      grantId,
      bookingId: request.bookingId,
      delta: -credits,
      kind: "spend" as const,
      reason: request.reason,
      actorId: request.actorId,
    })),
  );
}

/** From grants in spending order, how many credits each gives for `spots` places (null: not enough). */
export function pickGrants(grants: Pick<CreditGrant, "id" | "remaining">[], spots: number) {
  const taken: { grantId: string; credits: number }[] = [];
  let needed = spots;
  for (const grant of grants) {
    if (needed === 0) break;
    const credits = Math.min(grant.remaining, needed);
    if (credits <= 0) continue;
    taken.push({ grantId: grant.id, credits });
    needed -= credits;
  }
  return needed === 0 ? taken : null;
}

/** Gives back whatever the booking still holds, to the grants it came from. Inside the cancel's transaction. */
export async function refundCredits(
  tx: Executor,
  tenant: Tenant,
  refund: { clientId: string; bookingId: string; actorId: string; reason: string },
) {
  const entries = await ledgerForBooking(tx, tenant, refund.bookingId);
  const held = new Map<string, number>();
  for (const e of entries) held.set(e.grantId, (held.get(e.grantId) ?? 0) - e.delta);
  await insertLedgerEntries(
    tx,
    tenant,
    [...held]
      .filter(([, credits]) => credits > 0)
      .map(([grantId, credits]) => ({
        clientId: refund.clientId,
        grantId,
        bookingId: refund.bookingId,
        delta: credits,
        kind: "refund" as const,
        reason: refund.reason,
        actorId: refund.actorId,
      })),
  );
}

export type GrantInput = {
  clientId: string;
  reason: string;
} & ({ packageId: string } | { credits: number; validDays: number; name?: string });

/** Staff give a client credits: a package's (its credits, validity and coverage) or a number of days' worth. */
export async function grantCredits(tenant: Tenant, actor: User, input: GrantInput, now = new Date()) {
  const { client, locationIds } = await requireVisibleClient(tenant, actor, input.clientId);
  assertCan(actor, "credit.adjust", { anyOfLocationIds: locationIds });
  const db = database();
  let grant: Pick<CreditGrant, "name" | "locationIds" | "serviceIds" | "packageId">;
  let credits: number;
  let validDays: number;
  if ("packageId" in input) {
    const pack = await findPackage(db, tenant, input.packageId);
    if (!pack || pack.archivedAt) throw new NotFound("There is no such package on sale.");
    grant = { name: pack.name, locationIds: pack.locationIds, serviceIds: pack.serviceIds, packageId: pack.id };
    credits = pack.credits;
    validDays = pack.validDays;
  } else {
    grant = { name: input.name ?? "Credits from the studio", locationIds: [], serviceIds: [], packageId: null };
    credits = input.credits;
    validDays = input.validDays;
  }
  return db.transaction(async (tx) => {
    const row = await insertCreditGrant(tx, tenant, {
      ...grant,
      clientId: client.id,
      expiresAt: new Date(now.getTime() + validDays * DAY_MS),
    });
    await insertLedgerEntries(tx, tenant, [
      {
        clientId: client.id,
        grantId: row.id,
        bookingId: null,
        delta: credits,
        kind: "grant",
        reason: input.reason,
        actorId: actor.id,
      },
    ]);
    return { ...row, remaining: credits };
  });
}

/**
 * Corrects a grant by a number of credits either way, with the reason on record. Taking away
 * more than it holds is refused (the ledger cannot go below zero).
 */
export async function adjustCredits(
  tenant: Tenant,
  actor: User,
  input: { clientId: string; grantId: string; delta: number; reason: string },
) {
  const { client, locationIds } = await requireVisibleClient(tenant, actor, input.clientId);
  assertCan(actor, "credit.adjust", { anyOfLocationIds: locationIds });
  const db = database();
  const grant = await findCreditGrant(db, tenant, input.grantId);
  if (!grant || grant.clientId !== client.id) throw new NotFound("This client has no such credits.");
  try {
    await db.transaction((tx) =>
      insertLedgerEntries(tx, tenant, [
        {
          clientId: client.id,
          grantId: grant.id,
          bookingId: null,
          delta: input.delta,
          kind: "adjustment",
          reason: input.reason,
          actorId: actor.id,
        },
      ]),
    );
  } catch (error) {
    if (isCheckViolation(error, "credit_grants_remaining_not_negative"))
      throw new Refused(409, "NOT_ENOUGH_CREDITS", "That would take away more credits than the client has.");
    throw error;
  }
}

/** A grant as people see it: what is left (the ledger's sum) and whether it can still be used. */
export type GrantView = {
  id: string;
  name: string;
  remaining: number;
  expiresAt: Date;
  expired: boolean;
  locationIds: string[];
  serviceIds: string[];
};

/** The client's credits for themselves or for staff who may see them: balance, grants and recent ledger. */
export async function clientCredits(tenant: Tenant, actor: User, clientId: string, now = new Date()) {
  // A client reads their own; anyone else (another client included) must be allowed to see this client.
  if (actor.role !== "client" || actor.id !== clientId) await requireVisibleClient(tenant, actor, clientId);
  const db = database();
  const [grants, sums, ledger] = await Promise.all([
    listCreditGrants(db, tenant, clientId),
    ledgerSums(db, tenant, clientId),
    listLedger(db, tenant, clientId),
  ]);
  const views: GrantView[] = grants.map((g) => ({
    id: g.id,
    name: g.name,
    remaining: sums.get(g.id) ?? 0,
    expiresAt: g.expiresAt,
    expired: g.expiresAt.getTime() <= now.getTime(),
    locationIds: g.locationIds,
    serviceIds: g.serviceIds,
  }));
  return {
    balance: views.filter((g) => !g.expired).reduce((total, g) => total + g.remaining, 0),
    grants: views,
    ledger: ledger.map(({ entry, grantName, actorName }) => ({ ...entry, grantName, actorName })),
  };
}
