import { DateTime } from "luxon";
import {
  deleteAvailabilityBlock,
  deleteAvailabilityException,
  findAvailabilityBlock,
  findAvailabilityException,
  insertAvailabilityBlock,
  insertAvailabilityException,
  listAvailabilityBlocks,
  listAvailabilityExceptions,
  listOneToOneCommitmentsFrom,
  updateAvailabilityBlock,
} from "~/models/availability.server";
import { listActiveLocations } from "~/models/location.server";
import { findStaffById } from "~/models/staff.server";
import { assertCan, can } from "~/services/identity/permissions";
import { NotFound } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database, type Executor } from "~db/client";
import type { AvailabilityBlock, AvailabilityException, Location, User } from "~db/schema/tenant";
import { type BlockInput, type ExtraHoursInput, type TimeOffInput, WEEKDAY_NAMES } from "./availability.schema";
import { type Hours, strandedBy } from "./availability-coverage";
import { addDays, localTimeOf, todayIn, zoneLabel } from "./local-time";

/**
 * The weekly hours and date exceptions of one instructor, edited by themselves or by the owner
 * or a manager at the instructor's locations (`schedule.modify`, own schedule for instructors).
 */

const BOOKABLE_ROLES: readonly User["role"][] = ["instructor", "trainer", "org_owner"];
// Exceptions are listed and checked this far ahead; bookings open at most a few months out.
const EXCEPTION_HORIZON_DAYS = 800;

/** A booked 1:1 session an edit would leave outside the instructor's hours, in local words. */
export type StrandedSession = { date: string; time: string; locationName: string };

export type EditOutcome =
  | { ok: true; kept: StrandedSession[] }
  | { ok: false; reason: "clash"; message: string }
  | { ok: false; reason: "stranded"; sessions: StrandedSession[] };

type Context = { instructor: User; locations: Location[]; studioLocations: Location[] };
type Loaded = { blocks: AvailabilityBlock[]; exceptions: AvailabilityException[] };

const hhmm = (time: string | null) => (time ? time.slice(0, 5) : "");

async function load(tenant: Tenant, instructorId: string): Promise<Context> {
  const [instructor, active] = await Promise.all([
    findStaffById(database(), tenant, instructorId),
    listActiveLocations(database(), tenant),
  ]);
  if (!instructor || !BOOKABLE_ROLES.includes(instructor.role) || instructor.status === "deactivated") {
    throw new NotFound("No instructor has that id");
  }
  return {
    instructor,
    locations: active.filter((l) => instructor.accessibleLocations.includes(l.id)),
    studioLocations: active,
  };
}

function mayEditAt(actor: User, instructor: User, locationId: string) {
  return can(actor, "schedule.modify", { scheduleOwnerId: instructor.id, locationId }).allowed;
}

/** A block or extra hours: at one of the instructor's locations that the actor runs too. */
function assertMayEditAt(actor: User, { instructor, locations }: Context, locationId: string) {
  if (!locations.some((l) => l.id === locationId)) throw new NotFound("The instructor does not work at that location");
  assertCan(actor, "schedule.modify", { scheduleOwnerId: instructor.id, locationId });
}

/** Time off has no location: it is enough to run any one of the instructor's locations. */
function assertMayEditAny(actor: User, { instructor, locations }: Context) {
  assertCan(actor, "schedule.modify", {
    scheduleOwnerId: instructor.id,
    anyOfLocationIds: locations.map((l) => l.id),
  });
}

/**
 * The clock the instructor's dates and time off are read on: their primary location's, else
 * their first one's, else the studio's first location's.
 */
function zoneOf({ instructor, locations, studioLocations }: Context) {
  const home = locations.find((l) => l.id === instructor.primaryLocationId) ?? locations[0] ?? studioLocations[0];
  return home?.timezone ?? "Europe/London";
}

/** Whether the instructor's locations keep different clocks, so times must say whose they are. */
function severalClocks({ locations }: Context) {
  return new Set(locations.map((l) => l.timezone)).size > 1;
}

function describeSession(session: { startsAt: Date; endsAt: Date; timezone: string; locationName: string }) {
  const zone = session.timezone;
  return {
    date: DateTime.fromJSDate(session.startsAt, { zone }).setLocale("en-GB").toFormat("ccc d LLL yyyy"),
    time: `${localTimeOf(session.startsAt, zone)}–${localTimeOf(session.endsAt, zone)}`,
    locationName: session.locationName,
  };
}

/**
 * Runs one change to the instructor's hours in a transaction. A change that could narrow them
 * first compares the booked 1:1 sessions against the hours before and after it: sessions it
 * would strand stop it unless `confirmed`, and are then kept (the client is still seen).
 */
async function changeHours(
  tenant: Tenant,
  instructor: User,
  options: { confirmed: boolean; mayStrand: boolean; now: Date },
  change: (hours: Loaded) => Hours,
  write: (tx: Executor) => Promise<void>,
  refuse: (hours: Loaded) => EditOutcome | undefined = () => undefined,
): Promise<EditOutcome> {
  return database().transaction(async (tx) => {
    const today = todayIn("UTC", options.now);
    const [blocks, exceptions, booked] = await Promise.all([
      listAvailabilityBlocks(tx, tenant, [instructor.id]),
      listAvailabilityExceptions(
        tx,
        tenant,
        [instructor.id],
        addDays(today, -1),
        addDays(today, EXCEPTION_HORIZON_DAYS),
      ),
      options.mayStrand ? listOneToOneCommitmentsFrom(tx, tenant, instructor.id, options.now) : Promise.resolve([]),
    ]);
    const before = { blocks, exceptions };
    const refused = refuse(before);
    if (refused) return refused;
    const stranded = strandedBy(booked, before, change(before)).map(describeSession);
    if (stranded.length > 0 && !options.confirmed) return { ok: false, reason: "stranded", sessions: stranded };
    await write(tx);
    return { ok: true, kept: stranded };
  });
}

/** Another block of the same instructor on the same weekday that overlaps, at any location. */
function clashMessage(blocks: AvailabilityBlock[], input: BlockInput, locations: Location[]) {
  const clash = blocks.find(
    (b) =>
      b.id !== input.blockId &&
      b.weekday === input.weekday &&
      hhmm(b.startTime) < input.end &&
      input.start < hhmm(b.endTime),
  );
  if (!clash) return undefined;
  const where = locations.find((l) => l.id === clash.locationId)?.name ?? "another location";
  return `Overlaps ${WEEKDAY_NAMES[clash.weekday - 1]} ${hhmm(clash.startTime)}–${hhmm(clash.endTime)} at ${where}`;
}

/** Adds a weekly block, or changes one (`input.blockId`). */
export async function saveBlock(
  tenant: Tenant,
  actor: User,
  instructorId: string,
  input: BlockInput,
  now = new Date(),
): Promise<EditOutcome> {
  const context = await load(tenant, instructorId);
  assertMayEditAt(actor, context, input.locationId);
  const current = input.blockId ? await requireBlock(tenant, context, input.blockId) : undefined;
  if (current) assertMayEditAt(actor, context, current.locationId);
  const values = {
    locationId: input.locationId,
    weekday: input.weekday,
    startTime: input.start,
    endTime: input.end,
    allowsSelfBooking: input.allowsSelfBooking,
  };
  return changeHours(
    tenant,
    context.instructor,
    { confirmed: input.confirmed, mayStrand: Boolean(current), now },
    (hours) => ({ ...hours, blocks: [...hours.blocks.filter((b) => b.id !== current?.id), values] }),
    async (tx) => {
      if (current) await updateAvailabilityBlock(tx, tenant, current.id, values);
      else await insertAvailabilityBlock(tx, tenant, { instructorId, ...values });
    },
    ({ blocks }) => {
      const message = clashMessage(blocks, input, context.locations);
      return message ? { ok: false, reason: "clash", message } : undefined;
    },
  );
}

async function requireBlock(tenant: Tenant, { instructor }: Context, blockId: string) {
  const block = await findAvailabilityBlock(database(), tenant, blockId);
  if (!block || block.instructorId !== instructor.id) throw new NotFound("That block is not in these hours");
  return block;
}

export async function removeBlock(
  tenant: Tenant,
  actor: User,
  instructorId: string,
  blockId: string,
  confirmed: boolean,
  now = new Date(),
): Promise<EditOutcome> {
  const context = await load(tenant, instructorId);
  const block = await requireBlock(tenant, context, blockId);
  assertMayEditAt(actor, context, block.locationId);
  return changeHours(
    tenant,
    context.instructor,
    { confirmed, mayStrand: true, now },
    (hours) => ({ ...hours, blocks: hours.blocks.filter((b) => b.id !== blockId) }),
    async (tx) => {
      await deleteAvailabilityBlock(tx, tenant, blockId);
    },
  );
}

export async function addTimeOff(
  tenant: Tenant,
  actor: User,
  instructorId: string,
  input: TimeOffInput,
  now = new Date(),
): Promise<EditOutcome> {
  const context = await load(tenant, instructorId);
  assertMayEditAny(actor, context);
  const values = {
    instructorId,
    kind: "time_off" as const,
    date: input.date,
    startTime: input.start ?? null,
    endTime: input.end ?? null,
    locationId: null,
    allowsSelfBooking: false,
    note: input.note || null,
    // Stored, so the time off covers the same instants at every location.
    timezone: zoneOf(context),
  };
  return changeHours(
    tenant,
    context.instructor,
    { confirmed: input.confirmed, mayStrand: true, now },
    (hours) => ({ ...hours, exceptions: [...hours.exceptions, values] }),
    async (tx) => {
      await insertAvailabilityException(tx, tenant, values);
    },
  );
}

export async function addExtraHours(
  tenant: Tenant,
  actor: User,
  instructorId: string,
  input: ExtraHoursInput,
): Promise<EditOutcome> {
  const context = await load(tenant, instructorId);
  assertMayEditAt(actor, context, input.locationId);
  await insertAvailabilityException(database(), tenant, {
    instructorId,
    kind: "extra_hours",
    date: input.date,
    startTime: input.start,
    endTime: input.end,
    locationId: input.locationId,
    allowsSelfBooking: input.allowsSelfBooking,
    note: null,
  });
  return { ok: true, kept: [] };
}

export async function removeException(
  tenant: Tenant,
  actor: User,
  instructorId: string,
  exceptionId: string,
  confirmed: boolean,
  now = new Date(),
): Promise<EditOutcome> {
  const context = await load(tenant, instructorId);
  const exception = await findAvailabilityException(database(), tenant, exceptionId);
  if (!exception || exception.instructorId !== instructorId) throw new NotFound("That date is not in these hours");
  if (exception.locationId) assertMayEditAt(actor, context, exception.locationId);
  else assertMayEditAny(actor, context);
  return changeHours(
    tenant,
    context.instructor,
    // Removing time off only gives hours back; removing extra hours may take booked ones away.
    { confirmed, mayStrand: exception.kind === "extra_hours", now },
    (hours) => ({ ...hours, exceptions: hours.exceptions.filter((e) => e.id !== exceptionId) }),
    async (tx) => {
      await deleteAvailabilityException(tx, tenant, exceptionId);
    },
  );
}

/** Everything the editor page shows, and which parts this actor may change. */
export async function availabilityEditor(tenant: Tenant, actor: User, instructorId: string, now = new Date()) {
  const context = await load(tenant, instructorId);
  const { instructor, locations } = context;
  assertMayEditAny(actor, context);
  const zone = zoneOf(context);
  const today = todayIn(zone, now);
  const [blocks, exceptions] = await Promise.all([
    listAvailabilityBlocks(database(), tenant, [instructorId]),
    listAvailabilityExceptions(database(), tenant, [instructorId], today, addDays(today, EXCEPTION_HORIZON_DAYS)),
  ]);
  const nameOf = (id: string | null) => locations.find((l) => l.id === id)?.name ?? "Another location";
  const editable = locations.filter((l) => mayEditAt(actor, instructor, l.id));
  return {
    instructor: { id: instructor.id, fullName: instructor.fullName },
    self: instructor.id === actor.id,
    today,
    /** Said beside time off when the instructor's locations keep different clocks. */
    timeOffClock: severalClocks(context) ? zoneLabel(zone) : null,
    locations: editable.map((l) => ({ id: l.id, name: l.name })),
    days: WEEKDAY_NAMES.map((name, index) => ({
      weekday: index + 1,
      name,
      blocks: blocks
        .filter((b) => b.weekday === index + 1)
        .map((b) => ({
          id: b.id,
          weekday: b.weekday,
          locationId: b.locationId,
          locationName: nameOf(b.locationId),
          start: hhmm(b.startTime),
          end: hhmm(b.endTime),
          allowsSelfBooking: b.allowsSelfBooking,
          editable: mayEditAt(actor, instructor, b.locationId),
        })),
    })),
    exceptions: exceptions.map((e) => ({
      id: e.id,
      kind: e.kind,
      // For the API: the local date and times as data, beside the words the page shows.
      on: e.date,
      start: e.startTime ? hhmm(e.startTime) : null,
      end: e.endTime ? hhmm(e.endTime) : null,
      date: DateTime.fromISO(e.date).setLocale("en-GB").toFormat("ccc d LLL yyyy"),
      time: `${e.startTime ? `${hhmm(e.startTime)}–${hhmm(e.endTime)}` : "All day"}${
        e.kind === "time_off" && severalClocks(context) ? ` (${zoneLabel(e.timezone ?? zone)})` : ""
      }`,
      locationName: e.locationId ? nameOf(e.locationId) : null,
      allowsSelfBooking: e.allowsSelfBooking,
      note: e.note,
      removable: e.locationId ? mayEditAt(actor, instructor, e.locationId) : true,
    })),
  };
}
