import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { Service, ServiceType } from "~db/schema/tenant";
import { tenantStatement, value } from "~db/statement";

export type NewService = Omit<Tenant["t"]["services"]["$inferInsert"], "id" | "createdAt" | "archivedAt">;

export async function insertService(x: Executor, { t }: Tenant, values: NewService): Promise<Service> {
  const [row] = await x.insert(t.services).values(values).returning();
  if (!row) throw new Error("insert returned no service");
  return row;
}

export async function updateService(
  x: Executor,
  { t }: Tenant,
  id: string,
  values: Partial<NewService> & { archivedAt?: Date | null },
): Promise<Service | undefined> {
  const [row] = await x.update(t.services).set(values).where(eq(t.services.id, id)).returning();
  return row;
}

const serviceById = tenantStatement("findService", (x, t) =>
  x
    .select()
    .from(t.services)
    .where(eq(t.services.id, value("id")))
    .limit(1),
);

export async function findService(x: Executor, tenant: Tenant, id: string): Promise<Service | undefined> {
  const [row] = await serviceById(x, tenant, { id });
  return row;
}

/** Services on offer (not archived), optionally of one type and offered at one location. */
type ServiceFilter = { type?: ServiceType; locationId?: string; includeArchived?: boolean };

/** One statement per combination of filters given (eight at most), each built once per schema. */
const servicesMatching = (filter: ServiceFilter) => {
  const live = !filter.includeArchived;
  const byType = Boolean(filter.type);
  const byLocation = Boolean(filter.locationId);
  return tenantStatement(`listServices:${Number(live)}${Number(byType)}${Number(byLocation)}`, (x, t) =>
    x
      .select()
      .from(t.services)
      .where(
        and(
          live ? isNull(t.services.archivedAt) : undefined,
          byType ? eq(t.services.type, value("type")) : undefined,
          byLocation ? sql`${t.services.locationIds} @> ARRAY[${value("locationId")}]::uuid[]` : undefined,
        ),
      )
      .orderBy(asc(t.services.name)),
  );
};

export async function listServices(x: Executor, tenant: Tenant, filter: ServiceFilter = {}): Promise<Service[]> {
  return servicesMatching(filter)(x, tenant, { type: filter.type, locationId: filter.locationId });
}
