import { and, arrayOverlaps, desc, eq, exists, ilike, inArray, isNotNull, or, type SQL, sql } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type { MessageStatus, OutboxMessage } from "~db/schema/tenant";

/**
 * Whose messages a reader may see: every one (`null`), or those at these locations and those
 * to a client whose home is one of them (a password reset has no location, yet concerns a
 * client the front desk looks after).
 */
export type MessageScope = { locationIds: readonly string[] } | null;

export type MessageFilter = {
  statuses?: readonly MessageStatus[];
  channel?: "email" | "sms";
  /** Part of the address or number, any case. */
  recipient?: string;
};

function scopeCondition({ t }: Tenant, x: Executor, scope: MessageScope): SQL | undefined {
  if (scope === null) return undefined;
  if (scope.locationIds.length === 0) return sql`false`;
  const m = t.outboxMessages;
  return or(
    inArray(m.locationId, [...scope.locationIds]),
    exists(
      x
        .select({ one: sql`1` })
        .from(t.users)
        .where(
          and(
            eq(t.users.id, m.userId),
            eq(t.users.role, "client"),
            arrayOverlaps(t.users.accessibleLocations, [...scope.locationIds]),
          ),
        ),
    ),
  );
}

/** Escapes LIKE's wildcards so a typed "%" or "_" matches itself. */
const likeText = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Newest first, `limit` from `offset`, within the reader's scope. */
export async function listLoggedMessages(
  x: Executor,
  tenant: Tenant,
  scope: MessageScope,
  filter: MessageFilter,
  page: { offset: number; limit: number },
): Promise<OutboxMessage[]> {
  const m = tenant.t.outboxMessages;
  const conditions = [
    scopeCondition(tenant, x, scope),
    filter.statuses?.length ? inArray(m.status, [...filter.statuses]) : undefined,
    filter.channel ? eq(m.channel, filter.channel) : undefined,
    filter.recipient ? ilike(m.recipient, likeText(filter.recipient)) : undefined,
  ];
  return x
    .select()
    .from(m)
    .where(and(...conditions))
    .orderBy(desc(m.createdAt), desc(m.id))
    .limit(page.limit)
    .offset(page.offset);
}

/** One message, if it is within the reader's scope. */
export async function findLoggedMessage(
  x: Executor,
  tenant: Tenant,
  scope: MessageScope,
  id: string,
): Promise<OutboxMessage | undefined> {
  const m = tenant.t.outboxMessages;
  const [row] = await x
    .select()
    .from(m)
    .where(and(eq(m.id, id), scopeCondition(tenant, x, scope)))
    .limit(1);
  return row;
}

export type SmsDeliveryOutcome =
  | { status: "delivered"; deliveredAt: Date }
  | { status: "undeliverable"; lastError: string };

/**
 * What the phone network said about a text we handed over, found by the provider's message id.
 * A report never turns back a message a person has since sent again (pending, sending), and
 * "delivered" is final: a late "undeliverable" for the same message does not undo it.
 */
export async function recordSmsDelivery(
  x: Executor,
  { t }: Tenant,
  providerMessageId: string,
  outcome: SmsDeliveryOutcome,
): Promise<number> {
  const m = t.outboxMessages;
  const rows = await x
    .update(m)
    .set({ ...outcome, updatedAt: new Date() })
    .where(
      and(
        eq(m.channel, "sms"),
        eq(m.providerMessageId, providerMessageId),
        inArray(m.status, ["sent", "unconfirmed", "undeliverable"]),
      ),
    )
    .returning({ id: m.id });
  return rows.length;
}

/** The newest text to this number that was about a booking: the one a reply answers. */
export async function findLatestBookingSms(x: Executor, { t }: Tenant, phone: string) {
  const m = t.outboxMessages;
  const [row] = await x
    .select({ id: m.id, bookingId: m.bookingId, userId: m.userId, locationId: m.locationId })
    .from(m)
    .where(and(eq(m.channel, "sms"), eq(m.recipient, phone), isNotNull(m.bookingId)))
    .orderBy(desc(m.createdAt), desc(m.id))
    .limit(1);
  return row?.bookingId ? { ...row, bookingId: row.bookingId } : undefined;
}
