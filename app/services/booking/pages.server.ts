import { DateTime } from "luxon";
import { findBooking, occurrencesBookedBy } from "~/models/booking.server";
import { listActiveLocations } from "~/models/location.server";
import { findOccurrence } from "~/models/occurrence.server";
import { findService, listServices } from "~/models/service.server";
import { findStudioSettings } from "~/models/studio-settings.server";
import { formatPrice } from "~/services/catalogue/services.server";
import { clientCredits } from "~/services/credits/ledger.server";
import { emailRequirementMet } from "~/services/identity/email-verification.server";
import { mayEver } from "~/services/identity/permissions";
import { listClients, requireVisibleClient } from "~/services/people/client.server";
import { parqRequirementMet } from "~/services/people/parq.server";
import { availableSlots, availableSlotsOverDays, type InstructorSlots } from "~/services/schedule/availability.server";
import { dayLabel } from "~/services/schedule/dates";
import { addDays, localDateOf, localTimeOf, todayIn } from "~/services/schedule/local-time";
import { openingHoursOn } from "~/services/schedule/opening-hours";
import { listClasses } from "~/services/schedule/timetable.server";
import { dayDateAt } from "~/services/shared/date-words";
import { Forbidden, NotFound } from "~/services/shared/errors";
import { ALL_LOCATIONS } from "~/services/studio/location-context.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { Location, Service, User } from "~db/schema/tenant";
import { describeOverride, mayBookPastHours } from "./hours-override";
import {
  bookingMethodFor,
  canUserBook,
  initialStatus,
  mayBookOwn,
  paysWithCredits,
  pricePerPlaceMinor,
  serviceAllowsSelfBooking,
  staffMayBook,
} from "./rules";
import { classRoster, clientBookings, toBookingRow } from "./views.server";

/**
 * What the booking pages show around the booking engine: the steps of booking a session, the
 * class page's booking panel, the words of the cancellation policy. Reads only; every write
 * goes through booking.server.ts, which checks everything again.
 */

/** How far ahead "try Wednesday" looks for a day with free times. */
const LOOK_AHEAD_DAYS = 14;

// ---------------------------------------------------------------------------------------------
// Who a booking is for

/**
 * The client a booking flow is for: a client books for themselves (another client's id is a
 * 404); staff book for a client they can see, or first choose one (null); the owner may also
 * choose themselves (their own id).
 */
export async function bookingClient(tenant: Tenant, actor: User, clientId: string | undefined): Promise<User | null> {
  if (actor.role === "client") {
    if (clientId && clientId !== actor.id) throw new NotFound("There is no such client here.");
    return actor;
  }
  if (!clientId) return null;
  if (clientId === actor.id && mayBookOwn(actor)) return actor;
  const { client } = await requireVisibleClient(tenant, actor, clientId);
  return client;
}

/** Staff choosing whom to book for: the clients they can see, searchable (and themselves, the owner). */
export async function clientChoices(tenant: Tenant, actor: User, q: string, selectedLocation = ALL_LOCATIONS) {
  const list = await listClients(tenant, actor, { q, page: 1, selectedLocation });
  return {
    clients: list.clients.map((c) => ({ id: c.id, fullName: c.fullName, email: c.email })),
    more: list.total > list.clients.length,
    selfId: mayBookOwn(actor) ? actor.id : null,
  };
}

/**
 * Why the signed-in person cannot book anything online themselves (null: they can, or they are
 * staff): one message on the schedule and the home page instead of Book buttons that would fail.
 */
export async function ownBookingRefusal(tenant: Tenant, user: User | null) {
  return user?.role === "client" ? clientRefusal(tenant, user, user) : null;
}

/** Why this client cannot book online at all, before they pick anything (null: they can). */
async function clientRefusal(tenant: Tenant, actor: User, client: User) {
  if (actor.id !== client.id) return null;
  const settings = await findStudioSettings(database(), tenant);
  const verdict = canUserBook({
    client,
    service: { selfBookingEnabled: true, bookingMode: "self_booking" },
    parqMet: await parqRequirementMet(tenant, client.id, settings),
    emailMet: emailRequirementMet(client, settings),
  });
  return verdict.allowed ? null : { code: verdict.code, message: verdict.message };
}

/** Whether the actor may make this booking at all: the client's self-booking rules or staff's matrix. */
function mayBookService(actor: User, client: User, service: Service, locationId: string, instructorId = "") {
  const method = bookingMethodFor(actor, client.id, instructorId);
  if (method === "self_booked") return mayBookOwn(client) || serviceAllowsSelfBooking(service);
  return staffMayBook(actor, method, service, locationId);
}

function priceText(service: Service, currency: string) {
  if (service.requiresCredit) return "1 credit";
  return service.priceMinor === 0 ? "Free" : formatPrice(service.priceMinor, currency);
}

// ---------------------------------------------------------------------------------------------
// Step 1: the sessions on offer

export async function sessionChoices(tenant: Tenant, actor: User, client: User) {
  const db = database();
  const [services, locations, refusal] = await Promise.all([
    listServices(db, tenant, { type: "session" }),
    listActiveLocations(db, tenant),
    clientRefusal(tenant, actor, client),
  ]);
  const names = new Map(locations.map((l) => [l.id, l.name]));
  const offered = services
    .map((service) => {
      const places = service.locationIds.filter((id) => names.has(id));
      return {
        id: service.id,
        name: service.name,
        description: service.description,
        minutes: service.durationMinutes,
        price: priceText(service, tenant.studio.currency),
        locations: places.map((id) => names.get(id) as string),
        bookable: places.some((id) => mayBookService(actor, client, service, id)),
        instructorLed: service.bookingMode === "instructor_led",
      };
    })
    .filter((s) => s.locations.length > 0);
  return {
    refusal,
    bookable: offered.filter((s) => s.bookable),
    // Shown so a client knows they exist, with who books them.
    byArrangement: offered.filter((s) => !s.bookable),
    // Instructor-led sessions a client asks for instead (the requests page takes it from there).
    byRequest: offered.filter((s) => !s.bookable && s.instructorLed).map((s) => s.id),
  };
}

// ---------------------------------------------------------------------------------------------
// Step 2: a day's free times

async function requireSessionService(tenant: Tenant, serviceId: string) {
  const db = database();
  const [service, locations] = await Promise.all([findService(db, tenant, serviceId), listActiveLocations(db, tenant)]);
  if (service?.type !== "session" || service.archivedAt) throw new NotFound("There is no such session.");
  const places = locations.filter((l) => service.locationIds.includes(l.id));
  if (places.length === 0) throw new NotFound("There is no such session.");
  return { service, places };
}

/** A client (not VIP) booking themselves sees only the times their instructors open to self-booking. */
function seesAllSlots(actor: User, client: User) {
  return actor.id !== client.id || client.bookingPermissions === "vip" || mayBookOwn(client);
}

/** The owner booking themselves trains with someone else: their own times are not offered. */
function othersThan(client: User, instructors: InstructorSlots[]) {
  return instructors.filter((i) => i.id !== client.id);
}

type DayQuery = { serviceId: string; locationId: string; date: string; instructorId?: string };

/** The free start times of one day, for this person: one per time when any instructor will do. */
function timesOf(instructors: InstructorSlots[], everyone: boolean) {
  const times = new Map<string, { startsAt: string; time: string; instructorIds: string[] }>();
  for (const person of instructors) {
    for (const slot of person.slots) {
      if (!everyone && !slot.allowsSelfBooking) continue;
      const key = slot.startsAt.toISOString();
      const entry = times.get(key) ?? { startsAt: key, time: slot.localTime, instructorIds: [] };
      entry.instructorIds.push(person.id);
      times.set(key, entry);
    }
  }
  return [...times.values()].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/**
 * Staff booking for a client see the times inside the client's notice and beyond their
 * advance window; owners and managers also the free times outside published hours.
 */
function staffView(actor: User, client: User) {
  const forStaff = actor.id !== client.id;
  return { forStaff, pastHours: forStaff && mayBookPastHours(actor) };
}

async function freeTimes(tenant: Tenant, actor: User, client: User, query: DayQuery, now: Date) {
  const found = await availableSlots(tenant, { ...query, ...staffView(actor, client) }, now);
  const day = { ...found, instructors: othersThan(client, found.instructors) };
  return { day, slots: timesOf(day.instructors, seesAllSlots(actor, client)) };
}

/** One instructor's free times outside published hours, that an owner or manager may book after confirming. */
function offHoursTimes(instructors: InstructorSlots[], instructorId: string | undefined) {
  const person = instructors.find((i) => i.id === instructorId);
  return (person?.offHours ?? []).map((s) => ({ startsAt: s.startsAt.toISOString(), time: s.localTime }));
}

/** "Wednesday" for a day in the coming week, else "Wednesday 16 December". */
function nextDayName(date: string, from: string) {
  const days = DateTime.fromISO(date).diff(DateTime.fromISO(from), "days").days;
  return days <= 6 ? DateTime.fromISO(date).setLocale("en-GB").toFormat("cccc") : dayLabel(date);
}

/** Step 2 of booking a session: where, with whom, which day, and that day's free times. */
export async function sessionTimes(
  tenant: Tenant,
  actor: User,
  client: User,
  query: { serviceId: string; locationId?: string; instructorId?: string; date?: string },
  now = new Date(),
) {
  const { service, places } = await requireSessionService(tenant, query.serviceId);
  const location: Location =
    places.find((l) => l.id === query.locationId) ??
    places.find((l) => l.id === client.primaryLocationId) ??
    places.find((l) => actor.accessibleLocations.includes(l.id)) ??
    (places[0] as Location);
  const today = todayIn(location.timezone, now);
  const date = query.date && query.date > today ? query.date : today;
  const bookable = mayBookService(actor, client, service, location.id, query.instructorId);
  const base = {
    service: {
      id: service.id,
      name: service.name,
      minutes: service.durationMinutes,
      price: priceText(service, tenant.studio.currency),
    },
    locations: places.map((l) => ({ id: l.id, name: l.name })),
    location: { id: location.id, name: location.name },
    date,
    today,
    heading: dayLabel(date),
    previous: date > today ? addDays(date, -1) : null,
    next: addDays(date, 1),
    refusal: await clientRefusal(tenant, actor, client),
    bookable,
  };
  // All instructors at the location, for the choice; their times filtered below.
  const all = await freeTimes(tenant, actor, client, { serviceId: service.id, locationId: location.id, date }, now);
  const instructors = all.day.instructors.map((i) => ({ id: i.id, name: i.fullName }));
  const instructorId = instructors.some((i) => i.id === query.instructorId) ? query.instructorId : undefined;
  const slots = instructorId ? all.slots.filter((s) => s.instructorIds.includes(instructorId)) : all.slots;
  let nextFree: { date: string; name: string } | null = null;
  if (slots.length === 0 && bookable && !base.refusal) {
    const later = await availableSlotsOverDays(
      tenant,
      {
        serviceId: service.id,
        locationId: location.id,
        date: addDays(date, 1),
        instructorId,
        forStaff: actor.id !== client.id,
      },
      LOOK_AHEAD_DAYS,
      now,
    );
    const found = later.days.find(
      (day) => timesOf(othersThan(client, day.instructors), seesAllSlots(actor, client)).length > 0,
    );
    if (found) nextFree = { date: found.date, name: nextDayName(found.date, date) };
  }
  return {
    ...base,
    instructors,
    instructorId: instructorId ?? "",
    slots: slots.map((s) => ({ startsAt: s.startsAt, time: s.time })),
    // Only with one instructor chosen: whose hours a time is outside of must be clear.
    offHours: bookable ? offHoursTimes(all.day.instructors, instructorId) : [],
    nextFree,
  };
}

// ---------------------------------------------------------------------------------------------
// Step 3: confirm

const HOUR_MS = 60 * 60 * 1000;

/**
 * The cancellation policy in a sentence, for before booking: until when cancelling is free,
 * and what happens after.
 */
export function cancellationPolicy(
  startsAt: Date,
  windowHours: number,
  zone: string,
  requiresCredit: boolean,
  now = new Date(),
) {
  if (!requiresCredit) return "No credit is used: you can cancel online any time before it starts.";
  if (windowHours === 0) return "Free cancellation until it starts.";
  const freeUntil = new Date(startsAt.getTime() - windowHours * HOUR_MS);
  if (freeUntil.getTime() <= now.getTime())
    return `This is inside the ${windowHours}-hour cancellation window: if you cancel, the credit is used.`;
  const when = DateTime.fromJSDate(freeUntil, { zone }).setLocale("en-GB").toFormat("ccc d LLL, HH:mm");
  return `Free cancellation until ${when}; after that the credit is used.`;
}

/** How many of the client's credits would pay for this service here at that time. */
async function coveringCredits(
  tenant: Tenant,
  actor: User,
  clientId: string,
  service: Service,
  locationId: string,
  at: Date,
) {
  const { grants } = await clientCredits(tenant, actor, clientId);
  return grants
    .filter(
      (g) =>
        g.expiresAt.getTime() > at.getTime() &&
        (g.locationIds.length === 0 || g.locationIds.includes(locationId)) &&
        (g.serviceIds.length === 0 || g.serviceIds.includes(service.id)),
    )
    .reduce((total, g) => total + g.remaining, 0);
}

/** The confirm page: the chosen time, still free or not, with everything the person agrees to. */
export async function sessionConfirmation(
  tenant: Tenant,
  actor: User,
  client: User,
  slot: { serviceId: string; locationId: string; startsAt: Date; instructorId?: string },
  now = new Date(),
) {
  const { service, places } = await requireSessionService(tenant, slot.serviceId);
  const location = places.find((l) => l.id === slot.locationId);
  if (!location) throw new NotFound("There is no such session at this location.");
  const zone = location.timezone;
  const date = localDateOf(slot.startsAt, zone);
  const { day, slots } = await freeTimes(
    tenant,
    actor,
    client,
    { serviceId: service.id, locationId: location.id, date },
    now,
  );
  const at = slot.startsAt.toISOString();
  const free = slots.find(
    (s) => s.startsAt === at && (!slot.instructorId || s.instructorIds.includes(slot.instructorId)),
  );
  const instructor = slot.instructorId ? day.instructors.find((i) => i.id === slot.instructorId) : undefined;
  if (slot.instructorId && !instructor) throw new NotFound("No instructor with that id works at this location.");
  const offHours = free ? undefined : instructor?.offHours.find((s) => s.startsAt.toISOString() === at);
  const context = instructor && {
    weekday: DateTime.fromJSDate(slot.startsAt, { zone }).setLocale("en-GB").toFormat("ccc"),
    instructorName: instructor.fullName,
    instructorHours: instructor.publishedHours,
    locationName: location.name,
    opening: openingHoursOn(location, date),
  };
  // What booking this time overrides, for the owner or manager to confirm with "Book anyway".
  const overrides = (offHours?.outside ?? []).map((kind) => ({
    kind,
    text: context ? describeOverride(kind, context) : kind,
  }));
  const endsAt = new Date(slot.startsAt.getTime() + service.durationMinutes * 60_000);
  const method = bookingMethodFor(actor, client.id, slot.instructorId ?? "");
  const paying = paysWithCredits(service, client);
  const credits =
    paying && (free || offHours)
      ? await coveringCredits(tenant, actor, client.id, service, location.id, slot.startsAt)
      : null;
  return {
    available: Boolean(free || offHours),
    overrides,
    date,
    service: { id: service.id, name: service.name, minutes: service.durationMinutes },
    location: {
      id: location.id,
      name: location.name,
      address: [location.address.line1, location.address.line2, location.address.city, location.address.postcode]
        .filter(Boolean)
        .join(", "),
    },
    instructor: instructor ? { id: instructor.id, name: instructor.fullName } : null,
    when: `${dayDateAt(slot.startsAt, zone)}, ${localTimeOf(slot.startsAt, zone)}–${localTimeOf(endsAt, zone)}`,
    price: priceText(service, tenant.studio.currency),
    requiresCredit: paying,
    credits,
    pricePerPlaceMinor: paying && credits === 0 && actor.id === client.id ? pricePerPlaceMinor(service) : null,
    policy: cancellationPolicy(slot.startsAt, service.cancellationWindowHours, zone, paying, now),
    // Staff booking an instructor-led session (or the reverse) makes a pending booking.
    pending: initialStatus(method, service.bookingMode) === "pending",
    refusal: await clientRefusal(tenant, actor, client),
  };
}

// ---------------------------------------------------------------------------------------------
// The class page's booking panel

/**
 * What the class page offers the signed-in person: a client their place (or that they hold
 * one), staff the roster and a way to book a client in.
 */
export async function classBookingPanel(
  tenant: Tenant,
  actor: User | null,
  occurrenceId: string,
  options: { zone: string; q?: string; clientId?: string },
) {
  if (!actor) return null;
  const db = database();
  const occurrence = await findOccurrence(db, tenant, occurrenceId);
  if (!occurrence) throw new NotFound("Class not found");
  const [service, settings] = await Promise.all([
    findService(db, tenant, occurrence.serviceId),
    findStudioSettings(db, tenant),
  ]);
  if (!service) throw new NotFound("Class not found");
  const requiresCredit = service.requiresCredit;
  if (actor.role === "client") {
    const [held, refusal, credits] = await Promise.all([
      occurrencesBookedBy(db, tenant, actor.id, [occurrence.id]),
      clientRefusal(tenant, actor, actor),
      requiresCredit
        ? coveringCredits(tenant, actor, actor.id, service, occurrence.locationId, occurrence.startsAt)
        : null,
    ]);
    const bookingId = held.get(occurrence.id) ?? null;
    const own = bookingId ? await findBooking(db, tenant, bookingId) : undefined;
    return {
      kind: "client" as const,
      bookingId,
      // Held while the client pays for it: not booked yet.
      awaitingPayment: own?.status === "awaiting_payment",
      credits,
      selfBookable: mayBookService(actor, actor, service, occurrence.locationId),
      refusal,
      maxSpots: Math.max(1, Math.min(settings.maxSpotsPerBooking, occurrence.capacity)),
      requiresCredit,
      // With no credit for it, the client may pay this per place instead (where the studio takes cards online).
      pricePerPlaceMinor: credits === 0 ? pricePerPlaceMinor(service) : null,
      policy: cancellationPolicy(occurrence.startsAt, service.cancellationWindowHours, options.zone, requiresCredit),
    };
  }
  const roster = await classRoster(tenant, actor, occurrence.id).catch((error) => {
    if (error instanceof NotFound) return null;
    throw error;
  });
  const method = bookingMethodFor(actor, "", occurrence.instructorId);
  const mayBook =
    method !== "self_booked" && staffMayBook(actor, method, service, occurrence.locationId) && roster !== null;
  // The owner may take a place themselves, except in a class they teach.
  const mayBookSelf = mayBookOwn(actor) && occurrence.instructorId !== actor.id;
  const ownBookingId = mayBookSelf
    ? ((await occurrencesBookedBy(db, tenant, actor.id, [occurrence.id])).get(occurrence.id) ?? null)
    : null;
  const booked = new Set(roster?.bookings.map((b) => b.client.id) ?? []);
  const choices = mayBook
    ? await clientChoices(tenant, actor, options.q ?? "")
    : { clients: [], more: false, selfId: null };
  // A client chosen on their own page arrives by id, whether or not the list shows them.
  if (mayBook && options.clientId && !choices.clients.some((c) => c.id === options.clientId)) {
    const chosen = await bookingClient(tenant, actor, options.clientId).catch(() => null);
    if (chosen && chosen.id !== actor.id)
      choices.clients.unshift({ id: chosen.id, fullName: chosen.fullName, email: chosen.email });
  }
  return {
    kind: "staff" as const,
    roster: roster && {
      booked: roster.occurrence.bookedSpots,
      capacity: roster.occurrence.capacity,
      bookings: roster.bookings.map((b) => ({
        id: b.id,
        client: b.client.name,
        spots: b.spots,
        status: b.status,
      })),
    },
    mayBook,
    mayBookSelf,
    ownBookingId,
    clients: choices.clients.filter((c) => !booked.has(c.id)),
    moreClients: choices.more,
    maxSpots: Math.max(1, Math.min(settings.maxSpotsPerBooking, occurrence.capacity)),
    requiresCredit,
  };
}

// ---------------------------------------------------------------------------------------------
// Moving a class booking

/** Other dates of the same class at the same place in the coming weeks, each with its places left. */
export async function otherClassDates(
  tenant: Tenant,
  booking: { serviceId: string; occurrenceId: string | null; location: { id: string } },
  now = new Date(),
) {
  const classes = await listClasses(tenant, {
    from: now,
    to: new Date(now.getTime() + 35 * 24 * HOUR_MS),
    serviceId: booking.serviceId,
    locationIds: [booking.location.id],
  });
  return classes
    .filter((c) => c.id !== booking.occurrenceId && !c.cancelled)
    .map((c) => ({
      id: c.id,
      label: `${dayLabel(c.date)}, ${c.time}–${c.endTime}`,
      instructor: c.instructor,
      spotsLeft: c.spotsLeft,
    }));
}

// ---------------------------------------------------------------------------------------------
// A client's page, for staff

/** The client's next bookings (soonest first) and whether this staff member may book for them. */
export async function upcomingBookingsOf(tenant: Tenant, actor: User, clientId: string, now = new Date()) {
  const at = now.toISOString();
  const all = await clientBookings(tenant, actor, clientId);
  const upcoming = all.filter((b) => b.status !== "cancelled" && b.endsAt > at).reverse();
  return {
    bookings: upcoming.slice(0, 10).map(toBookingRow),
    more: upcoming.length > 10,
    canBook: mayEver(actor.role, "booking.create_for_client"),
  };
}

/**
 * Staff picking a class for a client (`/schedule?clientId=`): the client, if this person may
 * book for them; anyone else browses the plain schedule.
 */
export async function classClientFor(tenant: Tenant, actor: User | null, clientId: string | null) {
  if (!clientId || !/^[0-9a-f-]{36}$/i.test(clientId)) return null;
  if (!actor || actor.role === "client" || !mayEver(actor.role, "booking.create_for_client")) return null;
  const client = await bookingClient(tenant, actor, clientId).catch((error) => {
    if (error instanceof NotFound || error instanceof Forbidden) return null;
    throw error;
  });
  return client && { id: client.id, name: client.fullName };
}
