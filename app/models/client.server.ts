import { and, arrayOverlaps, asc, count, desc, eq, exists, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { User } from "~db/schema/tenant";

type ClientFilter = {
  /** Matched case-insensitively against name, email and phone. */
  search: string;
  /** Only clients with a home location among these; null for every client. */
  locationIds: readonly string[] | null;
  /** Only clients assigned to this instructor; null for any. */
  assignedTo: string | null;
  limit: number;
  offset: number;
};

type ClientListRow = Pick<
  User,
  "id" | "fullName" | "email" | "phone" | "bookingPermissions" | "accessibleLocations"
> & {
  /** The latest PAR-Q's "any yes"; null when the client has never filled one in. */
  latestParqAnyYes: boolean | null;
};

const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function searchCondition({ t }: Tenant, search: string): SQL | undefined {
  if (!search) return undefined;
  const pattern = `%${likeEscaped(search)}%`;
  const conditions = [ilike(t.users.fullName, pattern), ilike(t.users.email, pattern), ilike(t.users.phone, pattern)];
  // Phones are typed in many shapes ("07700 900101", "+44 7700 900101"): compare digits only,
  // and let a UK trunk 0 match the stored +44.
  const digits = search.replace(/\D/g, "");
  if (digits.length >= 4) {
    const phoneDigits = sql`regexp_replace(coalesce(${t.users.phone}, ''), '\\D', '', 'g')`;
    conditions.push(sql`${phoneDigits} like ${`%${digits}%`}`);
    if (digits.startsWith("0")) conditions.push(sql`${phoneDigits} like ${`%${digits.slice(1)}%`}`);
  }
  return or(...conditions);
}

function locationCondition({ t }: Tenant, locationIds: readonly string[] | null): SQL | undefined {
  if (locationIds === null) return undefined;
  // No locations to look at means no clients, not every client.
  if (locationIds.length === 0) return sql`false`;
  return arrayOverlaps(t.users.accessibleLocations, [...locationIds]);
}

/** One page of clients, sorted by name, and how many match in all. */
export async function listClientsPage(
  x: Executor,
  tenant: Tenant,
  filter: ClientFilter,
): Promise<{ rows: ClientListRow[]; total: number }> {
  const { t } = tenant;
  const where = and(
    eq(t.users.role, "client"),
    searchCondition(tenant, filter.search),
    locationCondition(tenant, filter.locationIds),
    filter.assignedTo
      ? exists(
          x
            .select({ one: sql`1` })
            .from(t.clientInstructors)
            .where(
              and(
                eq(t.clientInstructors.clientId, t.users.id),
                eq(t.clientInstructors.instructorId, filter.assignedTo),
              ),
            ),
        )
      : undefined,
  );
  const latestParqAnyYes = sql<boolean | null>`(${x
    .select({ anyYes: t.parqResponses.anyYes })
    .from(t.parqResponses)
    .where(eq(t.parqResponses.clientId, t.users.id))
    .orderBy(desc(t.parqResponses.createdAt))
    .limit(1)})`;
  const [rows, [counted]] = await Promise.all([
    x
      .select({
        id: t.users.id,
        fullName: t.users.fullName,
        email: t.users.email,
        phone: t.users.phone,
        bookingPermissions: t.users.bookingPermissions,
        accessibleLocations: t.users.accessibleLocations,
        latestParqAnyYes,
      })
      .from(t.users)
      .where(where)
      .orderBy(asc(sql`lower(${t.users.fullName})`), asc(t.users.id))
      .limit(filter.limit)
      .offset(filter.offset),
    x.select({ total: count() }).from(t.users).where(where),
  ]);
  return { rows, total: counted?.total ?? 0 };
}

/** A client of this studio; staff and unknown ids are not clients. */
export async function findClientById(x: Executor, { t }: Tenant, id: string): Promise<User | undefined> {
  const [row] = await x
    .select()
    .from(t.users)
    .where(and(eq(t.users.id, id), eq(t.users.role, "client")))
    .limit(1);
  return row;
}

export type ClientUpdate = Partial<
  Pick<
    User,
    | "fullName"
    | "email"
    | "phone"
    | "emergencyContactName"
    | "emergencyContactPhone"
    | "notes"
    | "bookingPermissions"
    | "marketingConsent"
    | "discountPercent"
  >
>;

export async function updateClient(x: Executor, { t }: Tenant, id: string, values: ClientUpdate) {
  if (Object.keys(values).length === 0) return;
  await x
    .update(t.users)
    .set(values)
    .where(and(eq(t.users.id, id), eq(t.users.role, "client")));
}

/** Active staff who can be a client's instructor: instructors, trainers and the owner. */
export async function listTeachingStaff(x: Executor, { t }: Tenant): Promise<Pick<User, "id" | "fullName">[]> {
  return x
    .select({ id: t.users.id, fullName: t.users.fullName })
    .from(t.users)
    .where(and(inArray(t.users.role, ["instructor", "trainer", "org_owner"]), eq(t.users.status, "active")))
    .orderBy(asc(t.users.fullName));
}
