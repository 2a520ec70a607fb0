import { findStudioSettings } from "~/models/studio-settings.server";
import { InvalidPhone } from "~/services/shared/errors";
import { normalisePhone } from "~/services/shared/phone";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";

/** The studio's country: the region of phone numbers typed without "+". */
export async function studioCountry(tenant: Tenant): Promise<string> {
  return (await findStudioSettings(database(), tenant)).country;
}

/**
 * Typed phone fields as the studio stores them, in E.164. A field left out (undefined) or
 * cleared (null) stays so; a number that is not one throws InvalidPhone naming its field.
 */
export async function storedPhones<Fields extends Record<string, string | null | undefined>>(
  tenant: Tenant,
  fields: Fields,
): Promise<Fields> {
  const typed = Object.entries(fields).filter(([, value]) => typeof value === "string" && value.trim() !== "");
  if (typed.length === 0) return fields;
  const country = await studioCountry(tenant);
  const stored: Record<string, string | null | undefined> = { ...fields };
  for (const [field, value] of typed) {
    const result = normalisePhone(value as string, country);
    if (!result.ok) throw new InvalidPhone(field, result.reason);
    stored[field] = result.e164;
  }
  return stored as Fields;
}
