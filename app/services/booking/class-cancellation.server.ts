import { lockClassSeries, updateClassSeries } from "~/models/class-series.server";
import { deleteCommitmentsForOccurrences } from "~/models/commitment.server";
import { findLocationById } from "~/models/location.server";
import { cancelSeriesOccurrencesFrom, lockOccurrence, updateOccurrence } from "~/models/occurrence.server";
import { assertCan } from "~/services/identity/permissions";
import { todayIn } from "~/services/schedule/local-time";
import { NotFound } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { Occurrence, User } from "~db/schema/tenant";
import { cancelBookingsOfOccurrences } from "./engine.server";

/*
 * Cancelling classes is the timetable's change, but their bookings go with them in the same
 * transaction (credits returned), so it lives with the bookings: schedule never imports booking.
 */

/** Cancels one occurrence; the rest of its series is untouched and the instructor is free again. */
export async function cancelOccurrence(tenant: Tenant, actor: User, occurrenceId: string, reason: string) {
  return database().transaction(async (tx) => {
    const occurrence = await lockOccurrence(tx, tenant, occurrenceId);
    if (!occurrence) throw new NotFound("Class not found");
    assertCan(actor, "schedule.modify", {
      locationId: occurrence.locationId,
      scheduleOwnerId: occurrence.instructorId,
    });
    if (occurrence.status === "cancelled") return occurrence;
    await deleteCommitmentsForOccurrences(tx, tenant, [occurrence.id]);
    await cancelBookingsOfOccurrences(tx, tenant, actor, [occurrence.id], reason);
    return (await updateOccurrence(tx, tenant, occurrence.id, {
      status: "cancelled",
      cancelReason: reason,
    })) as Occurrence;
  });
}

const SERIES_ENDED_REASON = "This class no longer runs.";

/**
 * Ends a recurring class today: no meetings after today are planned, and those already planned
 * from now on are cancelled, freeing their instructors, all in one transaction.
 */
export async function endClassSeries(tenant: Tenant, actor: User, seriesId: string, now = new Date()) {
  return database().transaction(async (tx) => {
    const series = await lockClassSeries(tx, tenant, seriesId);
    if (!series || series.archivedAt) throw new NotFound("Class not found");
    assertCan(actor, "schedule.modify", { locationId: series.locationId, scheduleOwnerId: series.instructorId });
    const location = await findLocationById(tx, tenant, series.locationId);
    const today = todayIn(location?.timezone ?? "Europe/London", now);
    // An earlier end date stays: ending never lengthens a series.
    const validUntil = series.validUntil && series.validUntil < today ? series.validUntil : today;
    const ended = await updateClassSeries(tx, tenant, series.id, { validUntil });
    const cancelled = await cancelSeriesOccurrencesFrom(tx, tenant, series.id, now, SERIES_ENDED_REASON);
    const ids = cancelled.map((o) => o.id);
    await deleteCommitmentsForOccurrences(tx, tenant, ids);
    await cancelBookingsOfOccurrences(tx, tenant, actor, ids, SERIES_ENDED_REASON);
    return { series: ended ?? series, cancelled: cancelled.length };
  });
}
