import { findService, insertService, listServices, updateService } from "~/models/service.server";
import { assertCan } from "~/services/identity/permissions";
import { NotFound } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { Service, ServiceType, User } from "~db/schema/tenant";
import type { ServiceInput } from "./service.schema";

/** Staff who create services do so for their own locations only (owners anywhere). */
function assertMayManage(actor: User, locationIds: readonly string[]) {
  for (const locationId of locationIds) assertCan(actor, "service.create", { locationId });
}

export async function createService(tenant: Tenant, actor: User, input: ServiceInput): Promise<Service> {
  assertMayManage(actor, input.locationIds);
  if (input.priceMinor > 0) {
    for (const locationId of input.locationIds) assertCan(actor, "service.modify_pricing", { locationId });
  }
  return insertService(database(), tenant, input);
}

export async function editService(tenant: Tenant, actor: User, id: string, input: ServiceInput): Promise<Service> {
  const current = await findService(database(), tenant, id);
  if (!current) throw new NotFound("Service not found");
  // Both the old and the new locations must be the editor's: no moving a service out of reach.
  assertMayManage(actor, [...new Set([...current.locationIds, ...input.locationIds])]);
  if (input.priceMinor !== current.priceMinor) {
    for (const locationId of current.locationIds) assertCan(actor, "service.modify_pricing", { locationId });
  }
  return (await updateService(database(), tenant, id, input)) as Service;
}

/** Archived services disappear from booking but keep their history. */
export async function setServiceArchived(tenant: Tenant, actor: User, id: string, archived: boolean) {
  const current = await findService(database(), tenant, id);
  if (!current) throw new NotFound("Service not found");
  assertMayManage(actor, current.locationIds);
  return (await updateService(database(), tenant, id, { archivedAt: archived ? new Date() : null })) as Service;
}

/** A service as the public sees it: archived ones are gone from the catalogue. */
export async function getOfferedService(tenant: Tenant, id: string): Promise<Service> {
  const service = await getService(tenant, id);
  if (service.archivedAt) throw new NotFound("Service not found");
  return service;
}

export async function getService(tenant: Tenant, id: string): Promise<Service> {
  const service = await findService(database(), tenant, id);
  if (!service) throw new NotFound("Service not found");
  return service;
}

/** What anyone may browse: services on offer, by type and location (spec §6 client flow). */
export async function browseServices(tenant: Tenant, filter: { type?: ServiceType; locationId?: string } = {}) {
  return listServices(database(), tenant, filter);
}

export function formatPrice(minor: number, currency: string) {
  return new Intl.NumberFormat("en-GB", { style: "currency", currency }).format(minor / 100);
}
