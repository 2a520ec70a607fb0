import { type SQL, sql } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import { withPeriods } from "./report-periods.server";
import type { ReportDayRange } from "./revenue-report.server";

const STUDIO_GIVEN_LABEL = "Given by the studio";

export type CreditLiabilityRow = {
  /** The package's id, or "studio" for credits staff gave without one. */
  key: string;
  label: string;
  /** Clients holding unexpired credits of it now. */
  clients: number;
  credits: number;
  valueMinor: number;
  /** Of those, credits (and their value) that expire within the next 30 days. */
  expiringSoon: number;
  expiringSoonMinor: number;
  /** Credits that expired unused during the chosen days (breakage), and their value. */
  expired: number;
  expiredMinor: number;
};

/**
 * A client belongs to these locations when one is a home location or they have a booking there
 * that was not cancelled: the rule of the clients list (models/client.server.ts).
 */
function clientAt(t: Tenant["t"], locationIds: readonly string[]): SQL {
  if (locationIds.length === 0) return sql`false`;
  const ids = sql`ARRAY[${sql.join(
    locationIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )}]`;
  return sql`(u.accessible_locations && ${ids} OR EXISTS (
    SELECT 1 FROM ${t.bookings} AS cb WHERE cb.client_id = u.id AND cb.location_id = ANY(${ids}) AND cb.status <> 'cancelled'))`;
}

/**
 * Credits clients hold as a liability, per package: what is unexpired at `now`, valued at the
 * package's list price per credit (price / credits; staff-given credits are worth nothing), of
 * which what expires in the next 30 days; and the credits that expired unused during the days
 * asked for (on the studio's clock; a grant's remaining count stops moving once it expires).
 * `clientLocationIds` null counts every client; otherwise the clients of those locations.
 */
export async function creditLiability(
  x: Executor,
  { t }: Tenant,
  days: ReportDayRange,
  studioZone: string,
  clientLocationIds: readonly string[] | null,
  now: Date,
): Promise<{ packages: CreditLiabilityRow[]; total: CreditLiabilityRow }> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const places = { locations: [], includeUnlocated: true, studioZone };
  const value = (credits: SQL) =>
    sql`coalesce(round(${credits} * pk.price_minor::numeric / nullif(pk.credits, 0)), 0)::bigint`;
  const live = sql`g.expires_at > ${at}`;
  const soon = sql`g.expires_at > ${at} AND g.expires_at <= ${at} + interval '30 days'`;
  const lapsed = sql`g.expires_at >= p.starts AND g.expires_at < least(p.ends, ${at})`;
  const rows = await x.execute<Record<string, unknown>>(sql`${withPeriods(places, { kind: "days", ...days })},
  held AS (
    SELECT grouping(g.package_id) = 1 AS whole, g.package_id,
      count(DISTINCT g.client_id) FILTER (WHERE ${live}) AS clients,
      coalesce(sum(g.remaining) FILTER (WHERE ${live}), 0) AS credits,
      coalesce(sum(g.remaining) FILTER (WHERE ${soon}), 0) AS soon,
      coalesce(sum(g.remaining) FILTER (WHERE ${lapsed}), 0) AS lapsed
    FROM periods AS p
    JOIN ${t.creditGrants} AS g ON g.remaining > 0 AND (${live} OR ${lapsed})
    JOIN ${t.users} AS u ON u.id = g.client_id
    WHERE ${clientLocationIds === null ? sql`true` : clientAt(t, clientLocationIds)}
    GROUP BY GROUPING SETS ((g.package_id), ())
  ),
  priced AS (
    SELECT h.whole, coalesce(pk.id::text, 'studio') AS key, coalesce(pk.name, ${STUDIO_GIVEN_LABEL}) AS label,
      h.clients, h.credits, ${value(sql`h.credits`)} AS value, h.soon, ${value(sql`h.soon`)} AS soon_value,
      h.lapsed, ${value(sql`h.lapsed`)} AS lapsed_value
    FROM held AS h LEFT JOIN ${t.packages} AS pk ON pk.id = h.package_id
  )
  -- The whole row's values are the packages' values summed: each package has its own price per credit.
  SELECT pr.whole, pr.key, pr.label, pr.clients::int AS clients, pr.credits::int AS credits,
    CASE WHEN pr.whole THEN (SELECT coalesce(sum(value), 0) FROM priced WHERE NOT whole) ELSE pr.value END::bigint AS value,
    pr.soon::int AS soon,
    CASE WHEN pr.whole THEN (SELECT coalesce(sum(soon_value), 0) FROM priced WHERE NOT whole) ELSE pr.soon_value END::bigint AS soon_value,
    pr.lapsed::int AS lapsed,
    CASE WHEN pr.whole THEN (SELECT coalesce(sum(lapsed_value), 0) FROM priced WHERE NOT whole) ELSE pr.lapsed_value END::bigint AS lapsed_value
  FROM priced AS pr
  ORDER BY pr.whole, pr.key = 'studio', pr.value DESC, pr.label`);
  const all = rows.map((r) => ({
    whole: r.whole === true,
    key: String(r.key),
    label: String(r.label),
    clients: Number(r.clients),
    credits: Number(r.credits),
    valueMinor: Number(r.value),
    expiringSoon: Number(r.soon),
    expiringSoonMinor: Number(r.soon_value),
    expired: Number(r.lapsed),
    expiredMinor: Number(r.lapsed_value),
  }));
  const total = all.find((r) => r.whole);
  if (!total) throw new Error("the credits query lost its grand total row");
  const strip = ({ whole, ...row }: (typeof all)[number]): CreditLiabilityRow => row;
  return { packages: all.filter((r) => !r.whole).map(strip), total: { ...strip(total), key: "all", label: "All" } };
}
