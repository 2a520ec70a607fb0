import { findClientById, updateClient } from "~/models/client.server";
import { Forbidden, NotFound } from "~/services/shared/errors";
import { localDate, studioTimezone } from "~/services/studio/time.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";

/** What a client may change about themself; booking permission, discount and notes are the studio's. */
export type OwnProfileChanges = Partial<
  Pick<User, "fullName" | "phone" | "emergencyContactName" | "emergencyContactPhone" | "marketingConsent">
>;

function requireClient(actor: User) {
  if (actor.role !== "client")
    throw new Forbidden("These are a client's own details; the studio's team keep theirs elsewhere.");
}

/** A client's own details (never the staff's notes about them). */
export async function viewOwnProfile(tenant: Tenant, actor: User) {
  requireClient(actor);
  const client = await findClientById(database(), tenant, actor.id);
  if (!client) throw new NotFound();
  return {
    id: client.id,
    fullName: client.fullName,
    email: client.email,
    phone: client.phone,
    emergencyContactName: client.emergencyContactName,
    emergencyContactPhone: client.emergencyContactPhone,
    marketingConsent: client.marketingConsent,
    memberSince: localDate(client.createdAt, await studioTimezone(tenant)),
  };
}

export async function updateOwnProfile(tenant: Tenant, actor: User, changes: OwnProfileChanges) {
  requireClient(actor);
  // Only the client's own fields reach the update, whatever else a caller passes in.
  const { fullName, phone, emergencyContactName, emergencyContactPhone, marketingConsent } = changes;
  await updateClient(database(), tenant, actor.id, {
    ...(fullName !== undefined && { fullName }),
    ...(phone !== undefined && { phone }),
    ...(emergencyContactName !== undefined && { emergencyContactName }),
    ...(emergencyContactPhone !== undefined && { emergencyContactPhone }),
    ...(marketingConsent !== undefined && { marketingConsent }),
  });
}
