import { eq } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { StudioSettings } from "~db/schema/tenant";
import { tenantStatement } from "~db/statement";

// Every studio's schema is created with its one settings row (id = 1) by the tenant migration.
const ROW = 1;

const settingsRow = tenantStatement("findStudioSettings", (x, t) =>
  x.select().from(t.studioSettings).where(eq(t.studioSettings.id, ROW)).limit(1),
);

export async function findStudioSettings(x: Executor, tenant: Tenant): Promise<StudioSettings> {
  const [row] = await settingsRow(x, tenant, {});
  if (!row) throw new Error("the studio has no settings row");
  return row;
}

export async function updateStudioSettings(
  x: Executor,
  { t }: Tenant,
  values: Partial<
    Pick<
      StudioSettings,
      | "requireParqBeforeFirstBooking"
      | "unverifiedClientsMayBook"
      | "receptionistRefundLimitMinor"
      | "refundRemovesCredits"
      | "maxSpotsPerBooking"
      | "undoMinutes"
      | "studioType"
      | "minNoticeMinutes"
      | "maxAdvanceDays"
      | "sessionBufferMinutes"
      | "country"
      | "smsReminders"
      | "quietHoursStart"
      | "quietHoursEnd"
      | "waitlistOfferMinutes"
      | "waitlistCutoffMinutes"
      | "requestEscalationHours"
      | "requestExpiryHours"
      | "checkInOpensMinutes"
      | "checkInClosesMinutes"
      | "clientCheckIn"
      | "checkInRadiusMetres"
      | "noShowRule"
      | "noShowFeeMinor"
      | "churnInactiveDays"
      | "churnCreditExpiryDays"
    >
  >,
) {
  await x
    .update(t.studioSettings)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(t.studioSettings.id, ROW));
}
