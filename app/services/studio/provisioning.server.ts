import { randomUUID } from "node:crypto";
import { insertLocation } from "~/models/location.server";
import { findStudioBySlug, insertStudio, type Studio } from "~/models/organization.server";
import { updateStudioSettings } from "~/models/studio-settings.server";
import { insertUser } from "~/models/user.server";
import { isUniqueViolation } from "~/services/shared/pg-errors";
import { type Tenant, tenantFor } from "~/services/tenancy/tenant.server";
import type { Db } from "~db/client";
import { migrateStudioSchema, shippedMigrations, studioSchemaName } from "~db/migrator";
import type { Address, Location, OperatingHours, StudioType, User } from "~db/schema/tenant";

export const DEFAULT_OPERATING_HOURS: OperatingHours = {
  mon: { open: "06:00", close: "21:00" },
  tue: { open: "06:00", close: "21:00" },
  wed: { open: "06:00", close: "21:00" },
  thu: { open: "06:00", close: "21:00" },
  fri: { open: "06:00", close: "21:00" },
  sat: { open: "08:00", close: "16:00" },
  sun: { open: "08:00", close: "14:00" },
};

export type ProvisionInput = {
  name: string;
  slug: string;
  /** What the studio mostly sells (spec §2); the settings row's default, "hybrid", otherwise. */
  studioType?: StudioType;
  owner: { fullName: string; email: string; passwordHash: string };
  location: { name: string; timezone: string; address: Address; operatingHours?: OperatingHours };
};

export type ProvisionOutcome =
  | { ok: true; tenant: Tenant; owner: User; location: Location }
  | { ok: false; reason: "slug-taken" };

/**
 * Creates a studio whole or not at all: its organization row, its schema with every tenant
 * migration, its first location and its owner, in one transaction (PostgreSQL DDL is
 * transactional, so a failure drops the schema too).
 */
export async function provisionStudio(db: Db, input: ProvisionInput): Promise<ProvisionOutcome> {
  if (await findStudioBySlug(db, input.slug)) return { ok: false, reason: "slug-taken" };
  try {
    return await db.transaction(async (tx) => {
      const id = randomUUID();
      const studio: Studio = await insertStudio(tx, {
        id,
        slug: input.slug,
        name: input.name,
        schemaName: studioSchemaName(id),
      });
      await migrateStudioSchema(tx, studio.schemaName, shippedMigrations().tenant);
      const tenant = tenantFor(studio);
      if (input.studioType) await updateStudioSettings(tx, tenant, { studioType: input.studioType });
      const location = await insertLocation(tx, tenant, {
        name: input.location.name,
        timezone: input.location.timezone,
        address: input.location.address,
        operatingHours: input.location.operatingHours ?? DEFAULT_OPERATING_HOURS,
      });
      const owner = await insertUser(tx, tenant, {
        email: input.owner.email,
        fullName: input.owner.fullName,
        passwordHash: input.owner.passwordHash,
        role: "org_owner",
        primaryLocationId: location.id,
        accessibleLocations: [location.id],
      });
      return { ok: true as const, tenant, owner, location };
    });
  } catch (error) {
    // Two owners racing for one subdomain: the unique index decides, the loser gets a message.
    if (isUniqueViolation(error, "organizations_slug_unique")) return { ok: false, reason: "slug-taken" };
    throw error;
  }
}
