import { ApiError } from "~/services/identity/api.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { User } from "~db/schema/tenant";
import type { AvailabilityChange } from "./availability.schema";
import {
  addExtraHours,
  addTimeOff,
  availabilityEditor,
  type EditOutcome,
  removeBlock,
  removeException,
  saveBlock,
} from "./availability-editor.server";

/** The availability editor for the API: one change per call, then the hours as they now are. */

/** An instructor's weekly hours and date exceptions as data (the editor page's, without its words). */
export async function availabilityJson(tenant: Tenant, actor: User, instructorId: string) {
  const editor = await availabilityEditor(tenant, actor, instructorId);
  return {
    instructor: editor.instructor,
    blocks: editor.days.flatMap((day) =>
      day.blocks.map((b) => ({
        id: b.id,
        weekday: b.weekday,
        locationId: b.locationId,
        locationName: b.locationName,
        start: b.start,
        end: b.end,
        allowsSelfBooking: b.allowsSelfBooking,
      })),
    ),
    exceptions: editor.exceptions.map((e) => ({
      id: e.id,
      kind: e.kind,
      date: e.on,
      start: e.start,
      end: e.end,
      locationName: e.locationName,
      allowsSelfBooking: e.allowsSelfBooking,
      note: e.note,
    })),
  };
}

function run(tenant: Tenant, actor: User, instructorId: string, change: AvailabilityChange): Promise<EditOutcome> {
  switch (change.action) {
    case "add_block":
      return saveBlock(tenant, actor, instructorId, change);
    case "remove_block":
      return removeBlock(tenant, actor, instructorId, change.id, change.confirmed);
    case "add_time_off":
      return addTimeOff(tenant, actor, instructorId, change);
    case "add_extra_hours":
      return addExtraHours(tenant, actor, instructorId, change);
    case "remove_exception":
      return removeException(tenant, actor, instructorId, change.id, change.confirmed);
  }
}

/**
 * Makes one change through the editor's own rules (who may, where, clashes, stranded sessions)
 * and answers the hours after it, with the booked sessions a confirmed change left outside them.
 * A clash, or sessions it would strand without `confirmed: true`, is a 409 that changes nothing.
 */
export async function changeAvailability(
  tenant: Tenant,
  actor: User,
  instructorId: string,
  change: AvailabilityChange,
) {
  const outcome = await run(tenant, actor, instructorId, change);
  if (!outcome.ok && outcome.reason === "clash") throw new ApiError(409, "AVAILABILITY_CLASH", outcome.message);
  if (!outcome.ok) {
    const sessions = outcome.sessions.map((s) => `${s.date} ${s.time} at ${s.locationName}`).join("; ");
    throw new ApiError(
      409,
      "SESSIONS_STRANDED",
      `Booked sessions would fall outside the hours: ${sessions}. Send confirmed: true to keep them.`,
    );
  }
  return { availability: await availabilityJson(tenant, actor, instructorId), kept: outcome.kept };
}
