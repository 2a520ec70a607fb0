import { asc, eq } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { DomainEvent } from "~db/schema/tenant";

export type NewDomainEvent = Pick<DomainEvent, "type" | "bookingId" | "occurrenceId" | "payload">;

/** Pass the transaction of the change: the event commits with it or not at all. */
export async function insertDomainEvents(x: Executor, { t }: Tenant, events: NewDomainEvent[]) {
  if (events.length === 0) return;
  await x.insert(t.domainEvents).values(events);
}

export async function listDomainEventsForBooking(x: Executor, { t }: Tenant, bookingId: string) {
  return x
    .select()
    .from(t.domainEvents)
    .where(eq(t.domainEvents.bookingId, bookingId))
    .orderBy(asc(t.domainEvents.createdAt));
}
