import { findShownBooking } from "~/models/booking.server";
import { findLocationById } from "~/models/location.server";
import { findOccurrence, listOccurrencesBetween } from "~/models/occurrence.server";
import { localDayBounds } from "~/services/schedule/local-time";
import { NotFound } from "~/services/shared/errors";
import { studioTimezone } from "~/services/studio/time.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { ListBound } from "./api.schema";
import { type BookingView, toBookingView } from "./views.server";

/**
 * What the booking API needs around the engine: the spec's way of naming a class (a series and
 * the instant a date's class starts), a booking as the API shows it, and a list's date bounds.
 */

/** A booking the engine has just written or replayed, with its names, as every booking response shows it. */
export async function bookingView(tenant: Tenant, bookingId: string): Promise<BookingView> {
  const row = await findShownBooking(database(), tenant, bookingId);
  if (!row) throw new NotFound("There is no such booking.");
  return toBookingView(row);
}

export type ClassReference = { occurrenceId?: string; classId?: string; startTime?: Date; locationId?: string };

/**
 * The dated occurrence a class booking names: by its id, or (spec §5) a class — the weekly
 * series, or an occurrence itself — and the instant it starts. 404 when nothing here matches
 * (nor at `locationId`, if sent).
 */
export async function resolveClassOccurrence(tenant: Tenant, ref: ClassReference): Promise<string> {
  const db = database();
  if (ref.occurrenceId) {
    // The engine loads the occurrence anyway (404 when it is not here); read it only to check a location.
    if (!ref.locationId) return ref.occurrenceId;
    const occurrence = await findOccurrence(db, tenant, ref.occurrenceId);
    if (!occurrence || (ref.locationId && occurrence.locationId !== ref.locationId))
      throw new NotFound("There is no such class.");
    return occurrence.id;
  }
  if (!ref.classId || !ref.startTime) throw new NotFound("There is no such class.");
  const at = ref.startTime;
  const rows = await listOccurrencesBetween(db, tenant, {
    from: at,
    to: new Date(at.getTime() + 1),
    locationIds: ref.locationId ? [ref.locationId] : undefined,
  });
  const match = rows.find((row) => row.occurrence.seriesId === ref.classId || row.occurrence.id === ref.classId);
  if (!match) throw new NotFound("That class does not meet at that time.");
  return match.occurrence.id;
}

/**
 * A list's [from, to) as instants. A date is a whole local day (of the location asked about, or
 * the studio's), and `to` as a date includes that day: `from=2026-12-01&to=2026-12-01` is one day.
 */
export async function listRange(tenant: Tenant, query: { from?: ListBound; to?: ListBound; locationId?: string }) {
  const dated = (query.from && "date" in query.from) || (query.to && "date" in query.to);
  const zone = !dated
    ? "UTC"
    : ((query.locationId && (await findLocationById(database(), tenant, query.locationId))?.timezone) ??
      (await studioTimezone(tenant)));
  const toInstant = (bound: ListBound | undefined, edge: "start" | "end") => {
    if (!bound) return undefined;
    if ("at" in bound) return bound.at;
    return localDayBounds(bound.date, zone)[edge];
  };
  return { from: toInstant(query.from, "start"), to: toInstant(query.to, "end") };
}
