import { and, asc, eq, inArray, ne, or, sql } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { User } from "~db/schema/tenant";
import { tenantStatement, value } from "~db/statement";

const uuidArray = (ids: string[]) =>
  sql`ARRAY[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;

/** The studio's team (everyone but clients) in any status, by id. */
const staffById = tenantStatement("findStaffById", (x, t) =>
  x
    .select()
    .from(t.users)
    .where(and(eq(t.users.id, value("id")), ne(t.users.role, "client")))
    .limit(1),
);

export async function findStaffById(x: Executor, tenant: Tenant, id: string): Promise<User | undefined> {
  const [row] = await staffById(x, tenant, { id });
  return row;
}

/**
 * Staff who work at any of these locations, plus every owner (owners work everywhere).
 * `null` means no location filter at all, so staff without a location are listed too.
 */
export async function listStaffAt(x: Executor, { t }: Tenant, locationIds: string[] | null): Promise<User[]> {
  const atLocations =
    locationIds === null
      ? undefined
      : or(eq(t.users.role, "org_owner"), sql`${t.users.accessibleLocations} && ${uuidArray(locationIds)}`);
  return x
    .select()
    .from(t.users)
    .where(and(ne(t.users.role, "client"), atLocations))
    .orderBy(asc(t.users.fullName));
}

/** Active staff who can be booked to train or teach, optionally only those working at one location. */
const bookableInstructors = (atLocation: boolean) =>
  tenantStatement(atLocation ? "listBookableInstructorsAt" : "listBookableInstructors", (x, t) =>
    x
      .select()
      .from(t.users)
      .where(
        and(
          inArray(t.users.role, ["instructor", "trainer", "org_owner"]),
          eq(t.users.status, "active"),
          atLocation ? sql`${value("locationId")}::uuid = ANY(${t.users.accessibleLocations})` : undefined,
        ),
      )
      .orderBy(asc(t.users.fullName)),
  );
const bookableAnywhere = bookableInstructors(false);
const bookableAt = bookableInstructors(true);

export async function listBookableInstructors(x: Executor, tenant: Tenant, locationId: string | null): Promise<User[]> {
  return locationId ? bookableAt(x, tenant, { locationId }) : bookableAnywhere(x, tenant, {});
}

export type StaffUpdate = Partial<
  Pick<User, "fullName" | "role" | "status" | "passwordHash" | "accessibleLocations" | "primaryLocationId">
>;

/** Changes a staff member (never a client: their records have their own rules). */
export async function updateStaff(
  x: Executor,
  { t }: Tenant,
  id: string,
  values: StaffUpdate,
): Promise<User | undefined> {
  const [row] = await x
    .update(t.users)
    .set(values)
    .where(and(eq(t.users.id, id), ne(t.users.role, "client")))
    .returning();
  return row;
}

/**
 * Locks the active owners' rows and returns their ids: two owners deactivating each other at
 * the same moment queue here, so the studio can never be left without one.
 */
export async function lockActiveOwnerIds(x: Executor, { t }: Tenant): Promise<string[]> {
  const rows = await x
    .select({ id: t.users.id })
    .from(t.users)
    .where(and(eq(t.users.role, "org_owner"), eq(t.users.status, "active")))
    .for("update");
  return rows.map((row) => row.id);
}

/** Where a client's reply to the studio's email goes: the first active owner's address. */
export async function findStudioReplyAddress(x: Executor, { t }: Tenant): Promise<string | undefined> {
  const [row] = await x
    .select({ email: t.users.email })
    .from(t.users)
    .where(and(eq(t.users.role, "org_owner"), eq(t.users.status, "active")))
    .orderBy(asc(t.users.createdAt))
    .limit(1);
  return row?.email;
}

/** Gives a staff member one more location (no duplicate if they already have it). */
export async function addAccessibleLocation(x: Executor, { t }: Tenant, userId: string, locationId: string) {
  await x
    .update(t.users)
    .set({ accessibleLocations: sql`array_append(${t.users.accessibleLocations}, ${locationId}::uuid)` })
    .where(and(eq(t.users.id, userId), sql`NOT (${locationId}::uuid = ANY(${t.users.accessibleLocations}))`));
}
