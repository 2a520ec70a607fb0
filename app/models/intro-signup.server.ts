import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { IntroSignup } from "~db/schema/tenant";

export type NewIntroSignup = Pick<
  IntroSignup,
  "clientId" | "packageId" | "serviceId" | "locationId" | "preferredDays" | "preferredDayParts" | "notes"
> &
  Partial<Pick<IntroSignup, "paymentId" | "payAtDesk" | "status">>;

export type IntroSignupChanges = Partial<Omit<IntroSignup, "id" | "clientId" | "createdAt">>;

export async function insertIntroSignup(x: Executor, { t }: Tenant, values: NewIntroSignup): Promise<IntroSignup> {
  const [row] = await x.insert(t.introSignups).values(values).returning();
  if (!row) throw new Error("insert returned no intro sign-up");
  return row;
}

export async function findIntroSignup(x: Executor, { t }: Tenant, id: string): Promise<IntroSignup | undefined> {
  const [row] = await x.select().from(t.introSignups).where(eq(t.introSignups.id, id)).limit(1);
  return row;
}

/** Row lock: two people matching (or cancelling) one sign-up queue behind each other. */
export async function lockIntroSignup(x: Executor, { t }: Tenant, id: string): Promise<IntroSignup | undefined> {
  const [row] = await x.select().from(t.introSignups).where(eq(t.introSignups.id, id)).for("update").limit(1);
  return row;
}

export async function updateIntroSignup(x: Executor, { t }: Tenant, id: string, values: IntroSignupChanges) {
  const [row] = await x.update(t.introSignups).set(values).where(eq(t.introSignups.id, id)).returning();
  return row;
}

/** The client's newest sign-up, whatever became of it. */
export async function findLatestIntroSignupOfClient(
  x: Executor,
  { t }: Tenant,
  clientId: string,
): Promise<IntroSignup | undefined> {
  const [row] = await x
    .select()
    .from(t.introSignups)
    .where(eq(t.introSignups.clientId, clientId))
    .orderBy(desc(t.introSignups.createdAt))
    .limit(1);
  return row;
}

/** Whether the client ever had a booking that was not cancelled: then they are not new here. */
export async function clientHasBookings(x: Executor, { t }: Tenant, clientId: string): Promise<boolean> {
  const [row] = await x
    .select({ id: t.bookings.id })
    .from(t.bookings)
    .where(and(eq(t.bookings.clientId, clientId), ne(t.bookings.status, "cancelled")))
    .limit(1);
  return row !== undefined;
}

/**
 * Whether the client paid for the intro package: online through the sign-up's own payment, or
 * at the desk (the desk sells the package like any other). Either is a succeeded package payment.
 */
export async function introPaid(x: Executor, { t }: Tenant, signup: Pick<IntroSignup, "clientId" | "packageId">) {
  const [row] = await x
    .select({ id: t.payments.id })
    .from(t.payments)
    .where(
      and(
        eq(t.payments.clientId, signup.clientId),
        eq(t.payments.packageId, signup.packageId),
        eq(t.payments.status, "succeeded"),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/**
 * The sign-ups still to be matched (waiting for their payment or for a first session), oldest
 * first, with who, where, what and how the payment stands. `locationIds` null: every location.
 */
export async function listIntroQueue(x: Executor, { t }: Tenant, locationIds: string[] | null) {
  const s = t.introSignups;
  return x
    .select({
      signup: s,
      clientName: t.users.fullName,
      clientEmail: t.users.email,
      clientPhone: t.users.phone,
      locationName: t.locations.name,
      timezone: t.locations.timezone,
      serviceName: t.services.name,
      packageName: t.packages.name,
      priceMinor: t.packages.priceMinor,
      paymentStatus: t.payments.status,
      paid: sql<boolean>`EXISTS (SELECT 1 FROM ${t.payments} AS paid WHERE paid.client_id = ${s.clientId}
        AND paid.package_id = ${s.packageId} AND paid.status = 'succeeded')`,
    })
    .from(s)
    .innerJoin(t.users, eq(t.users.id, s.clientId))
    .innerJoin(t.locations, eq(t.locations.id, s.locationId))
    .innerJoin(t.services, eq(t.services.id, s.serviceId))
    .innerJoin(t.packages, eq(t.packages.id, s.packageId))
    .leftJoin(t.payments, eq(t.payments.id, s.paymentId))
    .where(
      and(
        inArray(s.status, ["awaiting_payment", "to_match"]),
        locationIds === null ? undefined : inArray(s.locationId, locationIds),
      ),
    )
    .orderBy(asc(s.createdAt), asc(s.id));
}
