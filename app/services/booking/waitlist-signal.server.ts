import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import { enqueue } from "../../../jobs/enqueue";
import { FILL_WAITLIST } from "../../../jobs/queues";

/** The fill job's data: which studio's class has a place (or a line) to look at. */
export type FillWaitlistJob = { studioId: string; occurrenceId: string };

/**
 * Tells the waitlist that a class may have a place for the next in line (a cancellation, an
 * undo, a move, a released hold) or that its line must close (the class was cancelled). A job
 * committed with the change: the waitlist domain sits above the engine and does the work, and a
 * rolled-back change signals nothing. Sessions have no waitlist.
 */
export async function signalFreedPlaces(tx: Executor, tenant: Tenant, occurrenceIds: (string | null)[]) {
  for (const occurrenceId of new Set(occurrenceIds)) {
    if (!occurrenceId) continue;
    const job: FillWaitlistJob = { studioId: tenant.studio.id, occurrenceId };
    await enqueue(tx, FILL_WAITLIST, job);
  }
}
