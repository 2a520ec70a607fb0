import { asc, eq } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { DomainEvent } from "~db/schema/tenant";
import { tenantInsert } from "~db/statement";

export type NewDomainEvent = Pick<DomainEvent, "type" | "bookingId" | "occurrenceId" | "payload">;

/** Pass the transaction of the change: the event commits with it or not at all. */
const insertDomainEvent = tenantInsert("insertDomainEvent", (t) => t.domainEvents);

export async function insertDomainEvents(x: Executor, tenant: Tenant, events: NewDomainEvent[]) {
  if (events.length === 0) return;
  // Most changes record one event: a statement built once.
  if (events.length === 1) await insertDomainEvent(x, tenant, events[0] as NewDomainEvent);
  else await x.insert(tenant.t.domainEvents).values(events);
}

export async function listDomainEventsForBooking(x: Executor, { t }: Tenant, bookingId: string) {
  return x
    .select()
    .from(t.domainEvents)
    .where(eq(t.domainEvents.bookingId, bookingId))
    .orderBy(asc(t.domainEvents.createdAt));
}
