import { z } from "zod";
import type { Slot } from "~/services/schedule/slots";
import { isoDate } from "~/services/shared/schema-helpers";

/** The availability API's query string and answer shapes, shared by its two routes. */

const id = (what: string) => z.string().uuid(`${what} must be an id`).optional();

export const SlotQuerySchema = z.object({
  date: isoDate(
    { format: "Send a date as YYYY-MM-DD", unreal: "That date does not exist" },
    z.string({ required_error: "Send a date as YYYY-MM-DD" }),
  ),
  serviceId: id("serviceId"),
  locationId: id("locationId"),
  instructorId: id("instructorId"),
});

/** The query string as an object: absent and empty parameters both count as not sent. */
export function queryOf(request: Request) {
  const params = new URL(request.url).searchParams;
  const value = (name: string) => params.get(name) || undefined;
  return {
    date: value("date"),
    serviceId: value("serviceId"),
    locationId: value("locationId"),
    instructorId: value("instructorId"),
  };
}

export function slotJson(slot: Slot) {
  return {
    startsAt: slot.startsAt.toISOString(),
    endsAt: slot.endsAt.toISOString(),
    localTime: slot.localTime,
    allowsSelfBooking: slot.allowsSelfBooking,
  };
}

export function locationJson(location: { id: string; name: string; timezone: string }) {
  return { id: location.id, name: location.name, timezone: location.timezone };
}

export function serviceSummaryJson(service: { id: string; name: string; durationMinutes: number }) {
  return { id: service.id, name: service.name, durationMinutes: service.durationMinutes };
}
