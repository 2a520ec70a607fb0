import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";
import type {
  AvailabilityBlock,
  AvailabilityException,
  Location,
  Service,
  StudioSettings,
  User,
} from "~db/schema/tenant";
import { list, one, tenantBundle } from "~db/statement";

type TravelTime = Tenant["t"]["travelTimes"]["$inferSelect"];

// The statements bundled below are declared in these models.
import "./availability.server";
import "./location.server";
import "./service.server";
import "./staff.server";
import "./studio-settings.server";

/**
 * What the slot engine reads to offer or check a 1:1 time, in two round trips instead of eight:
 * first the catalogue (the service, the open locations, the studio's rules, who can be booked,
 * the journeys between locations), then those instructors' hours, time off and commitments.
 * The same statements as findService, listActiveLocations and the rest, sent together.
 */
export type SlotCatalogue = {
  service: Service | undefined;
  locations: Location[];
  settings: StudioSettings | undefined;
  people: User[];
  travel: TravelTime[];
};

const catalogueParts = { service: one("findService"), locations: list("listActiveLocations") };
const shared = { settings: one("findStudioSettings"), travel: list("listTravelTimes") };
const withInstructor = tenantBundle<Omit<SlotCatalogue, "people"> & { person: User | undefined }>(
  "slotCatalogue:instructor",
  { ...catalogueParts, ...shared, person: one("findStaffById") },
);
const atLocation = tenantBundle<SlotCatalogue>("slotCatalogue:location", {
  ...catalogueParts,
  ...shared,
  people: list("listBookableInstructorsAt"),
});
const anywhere = tenantBundle<SlotCatalogue>("slotCatalogue:anywhere", {
  ...catalogueParts,
  ...shared,
  people: list("listBookableInstructors"),
});

/**
 * The catalogue for one service: with `instructorId`, `people` is that staff member alone (if
 * there is one: clients are not staff); else everyone bookable, at `locationId` when given.
 */
export async function findSlotCatalogue(
  x: Executor,
  tenant: Tenant,
  query: { serviceId: string; locationId: string | null; instructorId?: string },
): Promise<SlotCatalogue> {
  const common = { service: { id: query.serviceId }, locations: {}, settings: {}, travel: {} };
  if (query.instructorId) {
    const { person, ...rest } = await withInstructor(x, tenant, { ...common, person: { id: query.instructorId } });
    return { ...rest, people: person ? [person] : [] };
  }
  return query.locationId
    ? atLocation(x, tenant, { ...common, people: { locationId: query.locationId } })
    : anywhere(x, tenant, { ...common, people: {} });
}

export type InstructorsTime = {
  blocks: AvailabilityBlock[];
  exceptions: AvailabilityException[];
  commitments: { instructorId: string; startsAt: Date; endsAt: Date; locationId: string; bookingId: string | null }[];
};

const timeOf = tenantBundle<InstructorsTime>("instructorsTime", {
  blocks: list("listAvailabilityBlocks"),
  exceptions: list("listAvailabilityExceptions"),
  commitments: list("listCommitmentsBetween"),
});

/**
 * Some instructors' weekly hours, their time off between two local dates (inclusive) and
 * everything they are committed to between two instants: listAvailabilityBlocks,
 * listAvailabilityExceptions and listCommitmentsBetween in one round trip.
 */
export async function findInstructorsTime(
  x: Executor,
  tenant: Tenant,
  instructorIds: string[],
  dates: { from: string; to: string },
  instants: { from: Date; to: Date },
): Promise<InstructorsTime> {
  if (instructorIds.length === 0) return { blocks: [], exceptions: [], commitments: [] };
  const ids = instructorIds;
  return timeOf(x, tenant, {
    blocks: { ids },
    exceptions: { ids, ...dates },
    commitments: { ids, ...instants },
  });
}
