import { DateTime } from "luxon";
import { listPackages } from "~/models/package.server";
import { can } from "~/services/identity/permissions";
import { requireVisibleClient } from "~/services/people/client.server";
import { fullDateAt } from "~/services/shared/date-words";
import { Forbidden } from "~/services/shared/errors";
import { formatMoney } from "~/services/shared/money";
import { studioTimezone } from "~/services/studio/time.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { CreditLedgerEntry, User } from "~db/schema/tenant";
import { clientCredits } from "./ledger.server";
import { catalogueNames, coverageText } from "./packages.server";

/** What each kind of ledger row means to the person reading it. */
export const LEDGER_KIND_LABELS: Record<CreditLedgerEntry["kind"], string> = {
  grant: "Given",
  adjustment: "Adjusted",
  spend: "Booked",
  refund: "Returned",
};

type Credits = Awaited<ReturnType<typeof clientCredits>>;

/** Credits as pages show them: dates in the studio's time zone, coverage in words. */
async function creditsView(tenant: Tenant, credits: Credits, ledgerLimit: number) {
  const [zone, names] = await Promise.all([studioTimezone(tenant), catalogueNames(tenant)]);
  const day = (instant: Date) => fullDateAt(instant, zone);
  const moment = (instant: Date) =>
    `${fullDateAt(instant, zone)}, ${DateTime.fromJSDate(instant, { zone }).toFormat("HH:mm")}`;
  // Grants still usable first (soonest expiry on top, as they will be spent), then the expired.
  const grants = [...credits.grants].sort((a, b) => Number(a.expired) - Number(b.expired));
  return {
    balance: credits.balance,
    grants: grants.map((g) => ({
      id: g.id,
      name: g.name,
      remaining: g.remaining,
      expired: g.expired,
      expires: day(g.expiresAt),
      expiresAt: g.expiresAt.toISOString(),
      ...coverageText(g, names),
    })),
    ledger: credits.ledger.slice(0, ledgerLimit).map((e) => ({
      id: e.id,
      when: moment(e.createdAt),
      at: e.createdAt.toISOString(),
      kind: LEDGER_KIND_LABELS[e.kind],
      change: e.delta > 0 ? `+${e.delta}` : String(e.delta),
      grantName: e.grantName,
      reason: e.reason,
      by: e.actorName,
    })),
  };
}

/**
 * A client's credits for staff: balance, grants, the ledger with reasons and who, and (for
 * those who may grant and adjust) the packages on sale to grant from.
 */
export async function clientCreditsPage(tenant: Tenant, actor: User, clientId: string) {
  const { client, locationIds } = await requireVisibleClient(tenant, actor, clientId);
  const canAdjust = can(actor, "credit.adjust", { anyOfLocationIds: locationIds }).allowed;
  const [credits, packages] = await Promise.all([
    clientCredits(tenant, actor, client.id),
    canAdjust ? listPackages(database(), tenant) : [],
  ]);
  const view = await creditsView(tenant, credits, 100);
  return {
    client: { id: client.id, fullName: client.fullName },
    ...view,
    canAdjust,
    packages: packages.map((p) => ({
      id: p.id,
      label: `${p.name}: ${p.credits} ${p.credits === 1 ? "credit" : "credits"}, ${p.validDays} days, ${formatMoney(p.priceMinor, tenant.studio.currency)}`,
    })),
  };
}

/** The signed-in client's own credits (staff hold none). */
export async function ownCreditsPage(tenant: Tenant, actor: User) {
  if (actor.role !== "client") throw new Forbidden("Credits belong to client accounts.");
  return creditsView(tenant, await clientCredits(tenant, actor, actor.id), 20);
}

/** The number on a client's profile, for anyone who may see the client. */
export async function creditBalance(tenant: Tenant, actor: User, clientId: string) {
  return (await clientCredits(tenant, actor, clientId)).balance;
}

/** Credits as the API shows them: dates as ISO instants. */
export function creditsJson(credits: Credits) {
  return {
    balance: credits.balance,
    grants: credits.grants.map((g) => ({ ...g, expiresAt: g.expiresAt.toISOString() })),
    ledger: credits.ledger.map((e) => ({
      id: e.id,
      grantId: e.grantId,
      grantName: e.grantName,
      kind: e.kind,
      delta: e.delta,
      reason: e.reason,
      bookingId: e.bookingId,
      actorId: e.actorId,
      actorName: e.actorName,
      createdAt: e.createdAt.toISOString(),
    })),
  };
}
