import { type ChurnRow, findChurnRisks } from "~/models/churn.server";
import { findStudioSettings } from "~/models/studio-settings.server";
import { requireVisibleClient } from "~/services/people/client.server";
import { Forbidden, NotFound } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { CHURN_LIST_LIMIT, ChurnDoneSchema } from "./churn.schema";
import { churnReasons } from "./churn-words";
import { ALL, reportScope, type ScopeChoice } from "./scope.server";

export type ChurnAlert = ChurnRow & {
  /** Each reason in words, the drop first, then the silence, then the credits. */
  reasons: string[];
};

/**
 * The clients at risk of leaving that a manager or the owner looks after, ranked: those whose
 * visits dropped against their own pattern, those not seen for the studio's number of days, and
 * those about to lose credits unused. Managers see the clients of their locations only.
 */
export async function churnAlerts(
  tenant: Tenant,
  actor: User,
  choice: ScopeChoice,
  now: Date,
  { limit = CHURN_LIST_LIMIT }: { limit?: number } = {},
) {
  const scope = await reportScope(tenant, actor, "report.view_operations", choice);
  const db = database();
  const settings = await findStudioSettings(db, tenant);
  // The owner's whole studio includes clients with no location yet; anyone else's list is location-bound.
  const everyone = scope.selected === ALL && actor.role === "org_owner";
  const { rows, total } = await findChurnRisks(db, tenant, now, {
    locationIds: everyone ? null : scope.locations.map((l) => l.id),
    inactiveDays: settings.churnInactiveDays,
    creditExpiryDays: settings.churnCreditExpiryDays,
    studioZone: scope.studioZone,
    limit,
  });
  const alerts = rows.map((row): ChurnAlert => ({ ...row, reasons: churnReasons(row) }));
  return {
    scope,
    settings: { inactiveDays: settings.churnInactiveDays, creditExpiryDays: settings.churnCreditExpiryDays },
    total,
    alerts,
  };
}

/**
 * What the page says after an action (`?done=message|credits&client=&credits=`): "Message to Ada
 * Lovelace queued", "2 credits given to Ada Lovelace". Null for anything else, or for a client
 * the viewer does not look after (the address is typed, not trusted).
 */
export async function churnNotice(tenant: Tenant, actor: User, query: URLSearchParams): Promise<string | null> {
  const parsed = ChurnDoneSchema.safeParse(Object.fromEntries(query));
  if (!parsed.success) return null;
  let client: User;
  try {
    ({ client } = await requireVisibleClient(tenant, actor, parsed.data.client));
  } catch (error) {
    if (error instanceof NotFound || error instanceof Forbidden) return null;
    throw error;
  }
  if (parsed.data.done === "message") return `Message to ${client.fullName} queued`;
  const credits = parsed.data.credits ?? 1;
  return `${credits} ${credits === 1 ? "credit" : "credits"} given to ${client.fullName}`;
}
