import { insertDomainEvents } from "~/models/domain-event.server";
import { lockActiveEntries, lockWaitlistOf, updateWaitlistEntry } from "~/models/waitlist.server";
import { Refused } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User, WaitlistEntry } from "~db/schema/tenant";
import { fillWaitlist } from "./fill.server";
import { requireEntryFor } from "./line.server";

/**
 * Staff move someone to another place in line, with a reason that is kept. The line's order is
 * its `line_key`s: the keys the active entries already hold are handed out again in the new
 * order, so nobody else's place changes relative to the rest and no key is invented.
 */
export async function moveWaitlistEntry(
  tenant: Tenant,
  actor: User,
  entryId: string,
  position: number,
  reason: string,
  now = new Date(),
): Promise<{ entry: WaitlistEntry; from: number; to: number }> {
  const entry = await requireEntryFor(tenant, actor, entryId);
  // A client's own entry resolves too: moving is for staff.
  if (actor.id === entry.clientId) throw new Refused(403, "STAFF_ONLY", "Only the studio can move places in line.");
  const why = reason.trim();
  if (!why) throw new Refused(422, "REASON_REQUIRED", "Say why you are moving them in the line.");
  const moved = await database().transaction(async (tx) => {
    await lockWaitlistOf(tx, tenant, entry.occurrenceId);
    const line = await lockActiveEntries(tx, tenant, entry.occurrenceId);
    const from = line.findIndex((e) => e.id === entry.id);
    if (from < 0) throw new Refused(409, "NOT_WAITING", "This place in line has already ended.");
    const to = Math.min(Math.max(Math.trunc(position), 1), line.length) - 1;
    const keys = line.map((e) => e.lineKey);
    const order = line.filter((e) => e.id !== entry.id);
    order.splice(to, 0, line[from] as WaitlistEntry);
    let result = line[from] as WaitlistEntry;
    for (const [i, e] of order.entries()) {
      const key = keys[i] as number;
      const isMoved = e.id === entry.id;
      if (e.lineKey === key && !isMoved) continue;
      const updated = await updateWaitlistEntry(tx, tenant, e.id, {
        lineKey: key,
        ...(isMoved ? { movedById: actor.id, moveReason: why, movedAt: now } : {}),
      });
      if (isMoved && updated) result = updated;
    }
    await insertDomainEvents(tx, tenant, [
      {
        type: "waitlist.moved",
        bookingId: null,
        occurrenceId: entry.occurrenceId,
        payload: {
          entryId: entry.id,
          clientId: entry.clientId,
          actorId: actor.id,
          from: from + 1,
          to: to + 1,
          reason: why,
        },
      },
    ]);
    return { entry: result, from: from + 1, to: to + 1 };
  });
  await fillWaitlist(tenant, entry.occurrenceId, now);
  return moved;
}
