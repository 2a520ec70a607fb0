import { and, arrayOverlaps, asc, count, desc, eq, exists, ilike, inArray, ne, or, type SQL, sql } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { User } from "~db/schema/tenant";

type ClientFilter = {
  /** Matched case-insensitively against name, email and phone. */
  search: string;
  /** Only clients tied to one of these (a home location or a booking there); null for every client. */
  locationIds: readonly string[] | null;
  /** Only clients assigned to this instructor; null for any. */
  assignedTo: string | null;
  limit: number;
  offset: number;
};

type ClientListRow = Pick<
  User,
  "id" | "fullName" | "email" | "phone" | "messageChannels" | "bookingPermissions" | "accessibleLocations"
> & {
  /** The latest PAR-Q's "any yes"; null when the client has never filled one in. */
  latestParqAnyYes: boolean | null;
};

const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Digits and what people put between them when they write a phone number. */
const PHONE_TYPED = /^[\d\s+().-]+$/;

function searchCondition({ t }: Tenant, search: string): SQL | undefined {
  if (!search) return undefined;
  const pattern = `%${likeEscaped(search)}%`;
  const conditions = [ilike(t.users.fullName, pattern), ilike(t.users.email, pattern), ilike(t.users.phone, pattern)];
  // Phones are typed in many shapes ("07700 900101", "+44 7700 900101"): compare digits only,
  // and let a UK trunk 0 match the stored +44. Only for what is typed like a phone: the digits
  // of "sam.lee1983@…" are not a phone number, and would find everyone whose phone has 1983.
  const digits = search.replace(/\D/g, "");
  if (digits.length >= 4 && PHONE_TYPED.test(search)) {
    const phoneDigits = sql`regexp_replace(coalesce(${t.users.phone}, ''), '\\D', '', 'g')`;
    conditions.push(sql`${phoneDigits} like ${`%${digits}%`}`);
    if (digits.startsWith("0")) conditions.push(sql`${phoneDigits} like ${`%${digits.slice(1)}%`}`);
  }
  return or(...conditions);
}

/**
 * A client belongs to a location when it is one of their home locations or they have a booking
 * there that was not cancelled: the same rule as `listClientBookingLocationIds` plus the home ones.
 */
function locationCondition(x: Executor, { t }: Tenant, locationIds: readonly string[] | null): SQL | undefined {
  if (locationIds === null) return undefined;
  // No locations to look at means no clients, not every client.
  if (locationIds.length === 0) return sql`false`;
  return or(
    arrayOverlaps(t.users.accessibleLocations, [...locationIds]),
    exists(
      x
        .select({ one: sql`1` })
        .from(t.bookings)
        .where(
          and(
            eq(t.bookings.clientId, t.users.id),
            inArray(t.bookings.locationId, [...locationIds]),
            ne(t.bookings.status, "cancelled"),
          ),
        ),
    ),
  );
}

function clientsWhere(x: Executor, tenant: Tenant, filter: ClientFilter): SQL | undefined {
  const { t } = tenant;
  return and(
    eq(t.users.role, "client"),
    searchCondition(tenant, filter.search),
    locationCondition(x, tenant, filter.locationIds),
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
}

/**
 * One page of the clients matching the filter, sorted by name, without counting them all: the
 * desk shows a few results per keystroke, and a count reads every match a second time.
 */
export async function findClientsMatching(x: Executor, tenant: Tenant, filter: ClientFilter): Promise<ClientListRow[]> {
  const { t } = tenant;
  const latestParqAnyYes = sql<boolean | null>`(${x
    .select({ anyYes: t.parqResponses.anyYes })
    .from(t.parqResponses)
    .where(eq(t.parqResponses.clientId, t.users.id))
    .orderBy(desc(t.parqResponses.createdAt))
    .limit(1)})`;
  return x
    .select({
      id: t.users.id,
      fullName: t.users.fullName,
      email: t.users.email,
      phone: t.users.phone,
      messageChannels: t.users.messageChannels,
      bookingPermissions: t.users.bookingPermissions,
      accessibleLocations: t.users.accessibleLocations,
      latestParqAnyYes,
    })
    .from(t.users)
    .where(clientsWhere(x, tenant, filter))
    .orderBy(asc(sql`lower(${t.users.fullName})`), asc(t.users.id))
    .limit(filter.limit)
    .offset(filter.offset);
}

/** One page of clients, sorted by name, and how many match in all. */
export async function listClientsPage(
  x: Executor,
  tenant: Tenant,
  filter: ClientFilter,
): Promise<{ rows: ClientListRow[]; total: number }> {
  const [rows, [counted]] = await Promise.all([
    findClientsMatching(x, tenant, filter),
    x
      .select({ total: count() })
      .from(tenant.t.users)
      .where(clientsWhere(x, tenant, filter)),
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
    | "messageChannels"
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

/** Where the client has bookings that were not cancelled (live or past): staff there look after them too. */
export async function listClientBookingLocationIds(x: Executor, { t }: Tenant, clientId: string): Promise<string[]> {
  const rows = await x
    .selectDistinct({ locationId: t.bookings.locationId })
    .from(t.bookings)
    .where(and(eq(t.bookings.clientId, clientId), ne(t.bookings.status, "cancelled")));
  return rows.map((row) => row.locationId);
}

/** A client's home locations, and the primary one among them. */
export async function setClientLocations(
  x: Executor,
  { t }: Tenant,
  id: string,
  values: { accessibleLocations: string[]; primaryLocationId: string },
) {
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
