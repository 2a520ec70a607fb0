import { listActiveLocations, listAllLocations } from "~/models/location.server";
import { findPackage, insertPackage, listPackages, updatePackage } from "~/models/package.server";
import { listServices } from "~/models/service.server";
import { assertCan, can, canAccessLocation, mayEver } from "~/services/identity/permissions";
import { Forbidden, NotFound } from "~/services/shared/errors";
import { formatMoney } from "~/services/shared/money";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { Package, Service, User } from "~db/schema/tenant";
import { clientCredits } from "./ledger.server";
import type { PackageInput } from "./package.schema";

/**
 * Packages: what the studio sells credits in. Managers and the owner set them up (pricing is
 * theirs, spec §4); anyone may see what is on sale. A package's empty location or service list
 * means "all of them", so a manager may only touch packages whose every location is theirs.
 */

const MANAGERS_ONLY = "Only managers and the owner set up packages.";

type Names = { locations: Map<string, string>; services: Map<string, string> };

export async function catalogueNames(tenant: Tenant): Promise<Names & { activeLocationIds: string[] }> {
  const db = database();
  const [locations, services] = await Promise.all([
    listAllLocations(db, tenant),
    listServices(db, tenant, { includeArchived: true }),
  ]);
  return {
    locations: new Map(locations.map((l) => [l.id, l.name])),
    services: new Map(services.map((s) => [s.id, s.name])),
    activeLocationIds: locations.filter((l) => l.isActive).map((l) => l.id),
  };
}

/** Where and for what a package's credits are good, in words. */
export function coverageText(pack: Pick<Package, "locationIds" | "serviceIds">, names: Names) {
  const list = (ids: string[], from: Map<string, string>) => ids.flatMap((id) => from.get(id) ?? []).join(", ");
  return {
    where: pack.locationIds.length === 0 ? "Every location" : list(pack.locationIds, names.locations),
    what: pack.serviceIds.length === 0 ? "Any class or session" : list(pack.serviceIds, names.services),
  };
}

/** The locations a package reaches: the ones it names, or every location the studio has. */
function reach(locationIds: readonly string[], allLocationIds: readonly string[]) {
  return locationIds.length === 0 ? allLocationIds : locationIds;
}

function mayManage(actor: User, locationIds: readonly string[]) {
  return (
    mayEver(actor.role, "service.modify_pricing") &&
    locationIds.every((locationId) => can(actor, "service.modify_pricing", { locationId }).allowed)
  );
}

function packageView(pack: Package, currency: string, names: Names) {
  return {
    id: pack.id,
    name: pack.name,
    credits: pack.credits,
    price: pack.priceMinor === 0 ? "Free" : formatMoney(pack.priceMinor, currency),
    // A client may buy it online (when the studio takes cards online); a free one is given at the desk.
    forSale: pack.priceMinor > 0 && !pack.archivedAt && !pack.introOffer,
    introOffer: pack.introOffer,
    perCredit: formatMoney(Math.round(pack.priceMinor / pack.credits), currency),
    validDays: pack.validDays,
    ...coverageText(pack, names),
  };
}

/**
 * The packages page: what is on sale for everyone, the client's own balance at the top, and
 * for managers the archived ones too with edit rights where every location is theirs.
 */
export async function packagesPage(tenant: Tenant, actor: User | null) {
  const manager = actor !== null && mayEver(actor.role, "service.modify_pricing");
  const [packages, names, credits] = await Promise.all([
    listPackages(database(), tenant, { includeArchived: manager }),
    catalogueNames(tenant),
    actor?.role === "client" ? clientCredits(tenant, actor, actor.id) : null,
  ]);
  const view = (pack: Package) => ({
    ...packageView(pack, tenant.studio.currency, names),
    canEdit: actor !== null && manager && mayManage(actor, reach(pack.locationIds, names.activeLocationIds)),
  });
  return {
    onSale: packages.filter((p) => !p.archivedAt).map(view),
    archived: packages.filter((p) => p.archivedAt).map(view),
    canAdd: manager,
    balance: credits?.balance ?? null,
    viewer: actor === null ? ("visitor" as const) : actor.role === "client" ? ("client" as const) : ("staff" as const),
  };
}

/** The packages on sale, for the public API: money in minor units with the studio's currency. */
export async function packagesOnSale(tenant: Tenant) {
  const packages = await listPackages(database(), tenant);
  return packages.map((p) => ({
    id: p.id,
    name: p.name,
    credits: p.credits,
    priceMinor: p.priceMinor,
    currency: tenant.studio.currency,
    validDays: p.validDays,
    locationIds: p.locationIds,
    serviceIds: p.serviceIds,
  }));
}

/** What the package form offers: the actor's locations and the services that spend credits. */
export async function packageFormOptions(tenant: Tenant, actor: User, keep: { serviceIds?: string[] } = {}) {
  if (!mayEver(actor.role, "service.modify_pricing")) throw new Forbidden(MANAGERS_ONLY);
  const db = database();
  const [locations, services] = await Promise.all([listActiveLocations(db, tenant), listServices(db, tenant)]);
  return {
    locations: locations.filter((l) => canAccessLocation(actor, l.id)).map((l) => ({ id: l.id, name: l.name })),
    services: services
      .filter((s) => s.requiresCredit || keep.serviceIds?.includes(s.id))
      .map((s) => ({ id: s.id, name: s.name, type: s.type })),
    // The intro offer is the owner's to publish.
    mayPublishIntro: actor.role === "org_owner",
    // Only the owner may leave every location unticked: "every location" includes ones a manager does not run.
    mayCoverAll: mayManage(
      actor,
      locations.map((l) => l.id),
    ),
  };
}

export type PackageOutcome = { ok: true; package: Package } | { ok: false; fieldErrors: Record<string, string[]> };

/**
 * Ids must name this studio's locations and services; the locations reached must be the actor's.
 * `current`: whether the package is the intro offer now (only the owner changes that).
 */
async function checkInput(tenant: Tenant, actor: User, input: PackageInput, current = false) {
  const db = database();
  const [locations, services] = await Promise.all([listActiveLocations(db, tenant), listServices(db, tenant)]);
  const fieldErrors: Record<string, string[]> = {};
  const locationIds = new Set(locations.map((l) => l.id));
  if (!input.locationIds.every((id) => locationIds.has(id)))
    fieldErrors.locationIds = ["Choose locations from the list"];
  else if (!mayManage(actor, reach(input.locationIds, [...locationIds])))
    fieldErrors.locationIds = ["Tick the locations you manage: a package for every location needs the owner"];
  const serviceIds = new Set(services.map((s) => s.id));
  if (!input.serviceIds.every((id) => serviceIds.has(id))) fieldErrors.serviceIds = ["Choose services from the list"];
  else if (input.introOffer !== current && actor.role !== "org_owner")
    fieldErrors.introOffer = ["Only the owner publishes or withdraws the intro offer."];
  else if (input.introOffer) {
    const error = introOfferError(input, services);
    if (error) fieldErrors.introOffer = [error];
  }
  return fieldErrors;
}

/**
 * An intro offer is the owner's to publish, and pays for exactly one 1:1 session service: the
 * studio matches the new client to an instructor for that session, so it must know what to book.
 */
function introOfferError(input: PackageInput, services: Service[]) {
  const [only, ...more] = [...new Set(input.serviceIds)];
  const service = services.find((s) => s.id === only);
  if (!service || more.length > 0 || service.type !== "session")
    return "An intro offer pays for exactly one 1:1 session: tick that one session under “Pays for”.";
  if (input.priceMinor <= 0) return "An intro offer has a price: new clients pay for it when they sign up.";
  return null;
}

export async function createPackage(tenant: Tenant, actor: User, input: PackageInput): Promise<PackageOutcome> {
  assertCan(actor, "service.modify_pricing", {}, MANAGERS_ONLY);
  const fieldErrors = await checkInput(tenant, actor, input);
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  return { ok: true, package: await insertPackage(database(), tenant, dedupe(input)) };
}

/** A package a manager may change: every location it reaches is theirs (404 for other studios' ids). */
export async function findEditablePackage(tenant: Tenant, actor: User, id: string) {
  assertCan(actor, "service.modify_pricing", {}, MANAGERS_ONLY);
  const pack = await findPackage(database(), tenant, id);
  if (!pack) throw new NotFound("There is no such package here.");
  const everywhere = (await listActiveLocations(database(), tenant)).map((l) => l.id);
  if (!mayManage(actor, reach(pack.locationIds, everywhere)))
    throw new Forbidden("You can only change packages sold at the locations you manage.");
  return pack;
}

/**
 * Changes apply to future sales: credits already granted keep the coverage and expiry they
 * were given with (grants copy them).
 */
export async function editPackage(
  tenant: Tenant,
  actor: User,
  id: string,
  input: PackageInput,
): Promise<PackageOutcome> {
  const pack = await findEditablePackage(tenant, actor, id);
  // Only the owner's form has the intro box: a manager's edit keeps what the owner chose.
  const kept = actor.role === "org_owner" ? input : { ...input, introOffer: pack.introOffer };
  const fieldErrors = await checkInput(tenant, actor, kept, pack.introOffer);
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  const row = await updatePackage(database(), tenant, id, dedupe(kept));
  if (!row) throw new NotFound("There is no such package here.");
  return { ok: true, package: row };
}

/** Archived packages are off sale; what clients already hold from them stays valid. */
export async function setPackageArchived(tenant: Tenant, actor: User, id: string, archived: boolean) {
  await findEditablePackage(tenant, actor, id);
  return updatePackage(database(), tenant, id, { archivedAt: archived ? new Date() : null });
}

function dedupe(input: PackageInput): PackageInput {
  return { ...input, locationIds: [...new Set(input.locationIds)], serviceIds: [...new Set(input.serviceIds)] };
}
