import { findStudioSettings, updateStudioSettings } from "~/models/studio-settings.server";
import { assertCan } from "~/services/identity/permissions";
import { Refused } from "~/services/shared/errors";
import { isPhoneCountry, phoneCountries } from "~/services/shared/phone";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { StudioSettings, StudioType, User } from "~db/schema/tenant";

const OWNER_ONLY = "Only the studio owner can change the studio's settings.";

export type EditableSettings = Pick<
  StudioSettings,
  | "requireParqBeforeFirstBooking"
  | "receptionistRefundLimitMinor"
  | "refundRemovesCredits"
  | "maxSpotsPerBooking"
  | "undoMinutes"
  | "studioType"
  | "country"
  | "smsReminders"
  | "quietHoursStart"
  | "quietHoursEnd"
> &
  Partial<
    Pick<
      StudioSettings,
      | "unverifiedClientsMayBook"
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
  >;

export async function viewSettings(tenant: Tenant, actor: User) {
  assertCan(actor, "settings.modify", {}, OWNER_ONLY);
  const settings = await findStudioSettings(database(), tenant);
  return {
    requireParqBeforeFirstBooking: settings.requireParqBeforeFirstBooking,
    unverifiedClientsMayBook: settings.unverifiedClientsMayBook,
    receptionistRefundLimitMinor: settings.receptionistRefundLimitMinor,
    refundRemovesCredits: settings.refundRemovesCredits,
    maxSpotsPerBooking: settings.maxSpotsPerBooking,
    undoMinutes: settings.undoMinutes,
    studioType: settings.studioType,
    currency: tenant.studio.currency,
    country: settings.country,
    countries: phoneCountries(),
    smsReminders: settings.smsReminders,
    quietHoursStart: settings.quietHoursStart,
    quietHoursEnd: settings.quietHoursEnd,
    waitlistOfferMinutes: settings.waitlistOfferMinutes,
    waitlistCutoffMinutes: settings.waitlistCutoffMinutes,
    requestEscalationHours: settings.requestEscalationHours,
    requestExpiryHours: settings.requestExpiryHours,
    checkInOpensMinutes: settings.checkInOpensMinutes,
    checkInClosesMinutes: settings.checkInClosesMinutes,
    clientCheckIn: settings.clientCheckIn,
    checkInRadiusMetres: settings.checkInRadiusMetres,
    noShowRule: settings.noShowRule,
    noShowFeeMinor: settings.noShowFeeMinor,
    churnInactiveDays: settings.churnInactiveDays,
    churnCreditExpiryDays: settings.churnCreditExpiryDays,
  };
}

/** Refused (400, UNKNOWN_COUNTRY) for a country whose phone numbers cannot be read. */
export async function saveSettings(tenant: Tenant, actor: User, values: EditableSettings) {
  assertCan(actor, "settings.modify", {}, OWNER_ONLY);
  if (!isPhoneCountry(values.country)) throw new Refused(400, "UNKNOWN_COUNTRY", "Choose a country from the list");
  await updateStudioSettings(database(), tenant, values);
}

/** What the studio mostly sells: public, since it orders everyone's navigation. */
export async function studioTypeOf(tenant: Tenant): Promise<StudioType> {
  return (await findStudioSettings(database(), tenant)).studioType;
}
