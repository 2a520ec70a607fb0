import {
  type ClientUpdate,
  findClientById,
  findClientsMatching,
  listClientBookingLocationIds,
  listClientsPage,
  listTeachingStaff,
  setClientLocations,
  updateClient,
} from "~/models/client.server";
import {
  listInstructorIdsForClient,
  listInstructorIdsForClients,
  replaceInstructorsForClient,
} from "~/models/client-instructor.server";
import { listActiveLocations } from "~/models/location.server";
import { findLatestParqResponse } from "~/models/parq.server";
import { findStudioSettings } from "~/models/studio-settings.server";
import { findUserByEmail, insertUser } from "~/models/user.server";
import {
  assertCan,
  can,
  canAccessLocation,
  FINANCIAL_CLIENT_FIELDS,
  mayEver,
  type Subject,
} from "~/services/identity/permissions";
import { storedPhones, studioCountry } from "~/services/identity/phone-input.server";
import { Forbidden, NotFound } from "~/services/shared/errors";
import { describeMessageRoute, type MessageRoute, messageRoute } from "~/services/shared/message-channels";
import { type PageRequest, pageOf, pageWindow } from "~/services/shared/pages";
import { isUniqueViolation } from "~/services/shared/pg-errors";
import { ALL_LOCATIONS } from "~/services/studio/location-context.server";
import { localDate, studioTimezone } from "~/services/studio/time.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { BookingPermission, Location, User } from "~db/schema/tenant";
import { type ParqStatus, parqStatusOf } from "./parq-status";

export const CLIENTS_PER_PAGE = 25;

/**
 * Who the client is to the permission matrix: their instructors, and the locations they belong
 * to (home locations and wherever they have a booking). Seeing, booking for, crediting and
 * editing a client all go by these, so staff there can do all of it and staff elsewhere none.
 */
function clientSubject(client: Pick<User, "id">, instructorIds: string[], locationIds: readonly string[]): Subject {
  return { client: { id: client.id, instructorIds }, anyOfLocationIds: locationIds };
}

/** The client's instructors and locations (home and booked), for `clientSubject`. */
export async function clientTies(tenant: Tenant, client: Pick<User, "id" | "accessibleLocations">) {
  const db = database();
  const [instructorIds, bookedAt] = await Promise.all([
    listInstructorIdsForClient(db, tenant, client.id),
    listClientBookingLocationIds(db, tenant, client.id),
  ]);
  const locationIds = [...new Set([...client.accessibleLocations, ...bookedAt])];
  return { instructorIds, locationIds, subject: clientSubject(client, instructorIds, locationIds) };
}

/**
 * The locations a staff member's list covers for the header switcher's choice: the
 * owner's "all" means every client (even one without a home location yet); anyone else only
 * ever gets locations they work at.
 */
function listedLocations(actor: User, selectedLocation: string): string[] | null {
  if (selectedLocation === ALL_LOCATIONS) return actor.role === "org_owner" ? null : actor.accessibleLocations;
  return [selectedLocation].filter((id) => canAccessLocation(actor, id));
}

type ClientListItem = {
  id: string;
  fullName: string;
  email: string;
  phone: string | null;
  /** Their phone cannot be texted: "Email only — not a mobile number"; null otherwise. */
  emailOnly: string | null;
  bookingPermissions: BookingPermission;
  /** The latest PAR-Q has a "yes": only ever true for people allowed to read the answers. */
  parqNeedsReview: boolean;
  /** The studio requires a PAR-Q and this client has none. */
  parqMissing: boolean;
};

/** Whom a staff member's list covers: the scope and search `findClientsMatching` reads with. */
function clientScope(actor: User, input: { q: string; selectedLocation: string }) {
  if (!mayEver(actor.role, "client.view_list")) throw new Forbidden("Only the studio's team can see its clients.");
  const teachesOnly = actor.role === "instructor" || actor.role === "trainer";
  return {
    search: input.q,
    locationIds: listedLocations(actor, input.selectedLocation),
    assignedTo: teachesOnly ? actor.id : null,
  };
}

/** The rows as the list shows them: a PAR-Q flag only for those who may read the answers. */
async function listItems(
  tenant: Tenant,
  actor: User,
  rows: Awaited<ReturnType<typeof findClientsMatching>>,
  locationIds: string[] | null,
): Promise<ClientListItem[]> {
  const db = database();
  const [instructors, settings] = await Promise.all([
    listInstructorIdsForClients(
      db,
      tenant,
      rows.map((row) => row.id),
    ),
    findStudioSettings(db, tenant),
  ]);
  return rows.map((row) => {
    // A listed row belongs to one of the listed locations (the owner's "all" is not location-bound).
    const tiedTo = locationIds ?? row.accessibleLocations;
    const mayReadParq = can(actor, "parq.view", clientSubject(row, instructors.get(row.id) ?? [], tiedTo)).allowed;
    return {
      id: row.id,
      fullName: row.fullName,
      email: row.email,
      phone: row.phone,
      emailOnly: row.phone ? textless(messageRoute(row, settings.country)) : null,
      bookingPermissions: row.bookingPermissions,
      parqNeedsReview: mayReadParq && row.latestParqAnyYes === true,
      parqMissing: settings.requireParqBeforeFirstBooking && row.latestParqAnyYes === null,
    };
  });
}

/**
 * One page of the clients this staff member looks after: an instructor's assigned clients,
 * otherwise those at the switcher's location(s); sorted by name and searchable.
 */
export async function listClients(
  tenant: Tenant,
  actor: User,
  input: { q: string; page: number; selectedLocation: string },
) {
  const scope = clientScope(actor, input);
  const { rows, total } = await listClientsPage(database(), tenant, {
    ...scope,
    limit: CLIENTS_PER_PAGE,
    offset: (input.page - 1) * CLIENTS_PER_PAGE,
  });
  const clients = await listItems(tenant, actor, rows, scope.locationIds);
  return { clients, total, page: input.page, pageCount: Math.max(1, Math.ceil(total / CLIENTS_PER_PAGE)) };
}

/** The same list for the API, paged its way: no count of every match, one row read ahead instead. */
export async function pageClients(
  tenant: Tenant,
  actor: User,
  input: { q: string; selectedLocation: string } & PageRequest,
) {
  const scope = clientScope(actor, input);
  const rows = await findClientsMatching(database(), tenant, { ...scope, ...pageWindow(input) });
  const { items, pagination } = pageOf(rows, input);
  return { clients: await listItems(tenant, actor, items, scope.locationIds), pagination };
}

/** "Email only — not a mobile number" when a typed phone cannot be texted; null otherwise. */
function textless(route: MessageRoute) {
  return route.smsRefusal ? describeMessageRoute(route) : null;
}

export type ClientProfile = {
  id: string;
  fullName: string;
  email: string;
  phone: string | null;
  emergencyContactName: string | null;
  emergencyContactPhone: string | null;
  notes: string | null;
  bookingPermissions: BookingPermission;
  marketingConsent: boolean;
  /** Where booking messages go and, if email only, why: "Email only — not a mobile number". */
  messages: string;
  discountPercent: number;
  instructors: { id: string; fullName: string }[];
  locations: { id: string; name: string }[];
  memberSince: string;
  parq: { status: ParqStatus; lastDeclaredOn: string | null };
};

/**
 * The client, if this staff member may see them (404 for ids that are not a client here; 403
 * for someone else's client): for anything shown or done on a client's behalf.
 */
export async function requireVisibleClient(tenant: Tenant, actor: User, clientId: string) {
  const client = await findClientById(database(), tenant, clientId);
  if (!client) throw new NotFound("There is no such client here.");
  const ties = await clientTies(tenant, client);
  assertCan(actor, "client.view_list", ties.subject);
  return { client, ...ties };
}

/** A client as staff see them (404 for ids that are not a client here), with what the viewer may do. */
export async function viewClient(tenant: Tenant, actor: User, clientId: string) {
  const db = database();
  const { client, instructorIds, locationIds, subject } = await requireVisibleClient(tenant, actor, clientId);
  const [teachingStaff, locations, latestParq, zone, country] = await Promise.all([
    listTeachingStaff(db, tenant),
    listActiveLocations(db, tenant),
    findLatestParqResponse(db, tenant, client.id),
    studioTimezone(tenant),
    studioCountry(tenant),
  ]);
  const editable = { anyOfLocationIds: locationIds };
  const canEdit = can(actor, "client.edit", { ...editable, fields: [] }).allowed;
  const profile: ClientProfile = {
    id: client.id,
    fullName: client.fullName,
    email: client.email,
    phone: client.phone,
    emergencyContactName: client.emergencyContactName,
    emergencyContactPhone: client.emergencyContactPhone,
    notes: client.notes,
    bookingPermissions: client.bookingPermissions,
    marketingConsent: client.marketingConsent,
    messages: describeMessageRoute(messageRoute(client, country)),
    discountPercent: client.discountPercent,
    instructors: teachingStaff.filter((s) => instructorIds.includes(s.id)),
    locations: locations.filter((l) => client.accessibleLocations.includes(l.id)).map(({ id, name }) => ({ id, name })),
    memberSince: localDate(client.createdAt, zone),
    parq: { status: parqStatusOf(latestParq?.anyYes), lastDeclaredOn: latestParq?.declaredOn ?? null },
  };
  return {
    client: profile,
    canEdit,
    canEditFinancial: can(actor, "client.edit", { ...editable, fields: FINANCIAL_CLIENT_FIELDS }).allowed,
    canReadParq: can(actor, "parq.view", subject).allowed,
    canAdjustCredits: can(actor, "credit.adjust", editable).allowed,
    teachingStaff: canEdit ? teachingStaff : [],
    ...(canEdit ? homeLocationChoices(actor, client, locations) : { locationChoices: [], fixedLocationIds: [] }),
  };
}

/**
 * The home locations this staff member may tick on or off (open ones they work at), and the
 * client's others, which their form keeps as they are.
 */
function homeLocationChoices(actor: User, client: User, active: Pick<Location, "id" | "name">[]) {
  const locationChoices = active.filter((l) => canAccessLocation(actor, l.id)).map(({ id, name }) => ({ id, name }));
  const fixedLocationIds = client.accessibleLocations.filter((id) => !locationChoices.some((l) => l.id === id));
  return { locationChoices, fixedLocationIds };
}

/** The changes a staff member asks for: a field left out stays as it is. */
type ClientChanges = ClientUpdate & { instructorIds?: readonly string[]; locationIds?: readonly string[] };

export type EditClientOutcome =
  | { ok: true }
  | { ok: false; reason: "email-taken" | "unknown-instructor" | "unknown-location" | "no-location" };

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id) => b.includes(id));

/** The names of the fields whose values would actually change: what the permission check is about. */
function changedFields(client: User, instructorIds: string[], changes: ClientChanges) {
  const { instructorIds: wantedInstructors, locationIds: wantedLocations, ...values } = changes;
  const changed: string[] = (Object.keys(values) as (keyof ClientUpdate)[]).filter(
    (field) => values[field] !== undefined && values[field] !== client[field],
  );
  if (wantedInstructors && !sameSet([...new Set(wantedInstructors)], instructorIds)) changed.push("instructorIds");
  if (wantedLocations && !sameSet([...new Set(wantedLocations)], client.accessibleLocations)) {
    changed.push("locationIds");
  }
  return changed;
}

/**
 * The client's new home locations, checked: at least one; added ones must be open; staff other
 * than the owner may only add or take away locations they work at (Forbidden otherwise). The
 * primary location stays if still included, else the first one becomes primary.
 */
async function newHomeLocations(tenant: Tenant, actor: User, client: User, wanted: string[]) {
  if (wanted.length === 0) return { ok: false as const, reason: "no-location" as const };
  const open = new Set((await listActiveLocations(database(), tenant)).map((l) => l.id));
  const added = wanted.filter((id) => !client.accessibleLocations.includes(id));
  if (!added.every((id) => open.has(id))) return { ok: false as const, reason: "unknown-location" as const };
  const removed = client.accessibleLocations.filter((id) => !wanted.includes(id));
  for (const id of [...added, ...removed]) assertCan(actor, "client.edit", { fields: ["locationIds"], locationId: id });
  const primary = client.primaryLocationId;
  const primaryLocationId = primary && wanted.includes(primary) ? primary : (wanted[0] as string);
  return { ok: true as const, value: { accessibleLocations: wanted, primaryLocationId } };
}

/**
 * Staff edit a client's details. The matrix decides on the fields that change: a receptionist
 * may change everything but the discount; a request that would change a financial field is
 * refused whole (Forbidden), so nothing of it is saved.
 */
export async function editClient(
  tenant: Tenant,
  actor: User,
  clientId: string,
  typed: ClientChanges,
): Promise<EditClientOutcome> {
  const db = database();
  const { client, instructorIds, locationIds } = await requireVisibleClient(tenant, actor, clientId);
  // In E.164 before comparing, so "07700 900101" for a stored "+447700900101" is no change.
  const phones = await storedPhones(tenant, { phone: typed.phone, emergencyContactPhone: typed.emergencyContactPhone });
  const changes: ClientChanges = { ...typed, ...phones };
  const fields = changedFields(client, instructorIds, changes);
  assertCan(actor, "client.edit", { fields, anyOfLocationIds: locationIds });
  if (fields.length === 0) return { ok: true };

  if (fields.includes("email") && changes.email) {
    const holder = await findUserByEmail(db, tenant, changes.email);
    if (holder && holder.id !== client.id) return { ok: false, reason: "email-taken" };
  }
  const wanted = fields.includes("instructorIds") ? [...new Set(changes.instructorIds)] : undefined;
  if (wanted) {
    const teachers = new Set((await listTeachingStaff(db, tenant)).map((s) => s.id));
    if (!wanted.every((id) => teachers.has(id))) return { ok: false, reason: "unknown-instructor" };
  }
  const homes = fields.includes("locationIds")
    ? await newHomeLocations(tenant, actor, client, [...new Set(changes.locationIds)])
    : undefined;
  if (homes && !homes.ok) return homes;
  const values: ClientUpdate = Object.fromEntries(
    fields
      .filter((f) => f !== "instructorIds" && f !== "locationIds")
      .map((f) => [f, changes[f as keyof ClientUpdate]]),
  );
  try {
    await db.transaction(async (tx) => {
      await updateClient(tx, tenant, client.id, values);
      if (wanted) await replaceInstructorsForClient(tx, tenant, client.id, wanted);
      if (homes) await setClientLocations(tx, tenant, client.id, homes.value);
    });
  } catch (error) {
    // Two people claiming one email at once: the unique index decides.
    if (isUniqueViolation(error, "users_email_key")) return { ok: false, reason: "email-taken" };
    throw error;
  }
  return { ok: true };
}

type NewClient = { fullName: string; email: string; phone: string | null; locationId: string };

/** Locations a staff member may add clients at (the owner: all of them). */
export async function clientLocationOptions(tenant: Tenant, actor: User) {
  if (!mayEver(actor.role, "client.edit"))
    throw new Forbidden("Only the front desk, managers and the owner add clients.");
  const locations = await listActiveLocations(database(), tenant);
  return locations.filter((l) => canAccessLocation(actor, l.id)).map(({ id, name }) => ({ id, name }));
}

/**
 * Staff add a client at the front desk: an active account with no password yet (the client
 * sets one through a password reset).
 */
export async function createClient(
  tenant: Tenant,
  actor: User,
  input: NewClient,
): Promise<{ ok: true; clientId: string } | { ok: false; reason: "email-taken" | "unknown-location" }> {
  assertCan(actor, "client.edit", { fields: ["fullName", "email", "phone"], locationId: input.locationId });
  const { phone } = await storedPhones(tenant, { phone: input.phone });
  const db = database();
  if (!(await clientLocationOptions(tenant, actor)).some((l) => l.id === input.locationId)) {
    return { ok: false, reason: "unknown-location" };
  }
  if (await findUserByEmail(db, tenant, input.email)) return { ok: false, reason: "email-taken" };
  try {
    const client = await insertUser(db, tenant, {
      email: input.email,
      fullName: input.fullName,
      phone,
      role: "client",
      status: "active",
      passwordHash: null,
      primaryLocationId: input.locationId,
      accessibleLocations: [input.locationId],
    });
    return { ok: true, clientId: client.id };
  } catch (error) {
    if (isUniqueViolation(error, "users_email_key")) return { ok: false, reason: "email-taken" };
    throw error;
  }
}
