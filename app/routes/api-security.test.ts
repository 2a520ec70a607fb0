/// <reference types="vite/client" />
import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { insertBooking } from "~/models/booking.server";
import { insertBookingRequest } from "~/models/booking-request.server";
import { insertOccurrence } from "~/models/occurrence.server";
import { insertService } from "~/models/service.server";
import { insertUser } from "~/models/user.server";
import { insertWaitlistEntry } from "~/models/waitlist.server";
import { bookClass } from "~/services/booking/engine.server";
import { grantCredits } from "~/services/credits/ledger.server";
import { signIn } from "~/services/identity/auth.server";
import { database } from "~db/client";
import { createTestStudio } from "../../test/factories";

// The SMS webhooks answer nobody until their secrets are set; set, a call without one is a 401.
vi.hoisted(() => {
  process.env.SMS_DELIVERY_REPORT_SECRET = "api-security-sms-secret-0123456789";
  process.env.SMS_INBOUND_SECRET = "api-security-sms-secret-0123456789";
  process.env.STRIPE_WEBHOOK_SECRET = "whsec_api_security_at_least_24_characters";
});

/**
 * Every API route, tried the way an attacker would: with no credentials, with a client's
 * session where staff are required, and with another studio's ids. A new api.* route must be
 * added to ROUTES (a test below fails until it is).
 */
/**
 * "webhook": the provider's shared secret instead of a person's session; "stripe": Stripe's
 * signature of the body (without it: 400).
 */
type Access = "public" | "signed-in" | "staff" | "webhook" | "stripe";
type Handler = (args: LoaderFunctionArgs) => Promise<Response>;
type Method = "GET" | "POST" | "PATCH" | "DELETE";
type Ids = {
  location: string;
  client: string;
  user: string;
  service: string;
  classService: string;
  occurrence: string;
  /** A client's class booking, to read, change and cancel. */
  booking: string;
  /** Another, to read, change and cancel by DELETE. */
  cancellable: string;
  /** Another of their class bookings, to move to `later` (another date of that class). */
  movable: string;
  later: string;
  /** A client's pending booking request, to answer. */
  request: string;
  /** The client's place in line for `occurrence`. */
  waitlistEntry: string;
  /** A client's booking of a class starting in ten minutes, to check in. */
  arriving: string;
  /** A class that has started, and the client's booking in it: attendance is marked from the start. */
  startedClass: string;
  startedBooking: string;
};
// A client may read their own record; the 403 checks aim at another client of the same studio.
type Call = { method: Method; access: Access; body?: (ids: Ids) => unknown };
type RouteSpec = { path: (ids: Ids) => string; params: (ids: Ids) => Record<string, string>; calls: Call[] };

const hours = { mon: null, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null };
const newLocation = () => ({
  name: `Pop-up ${Math.random()}`,
  address: { line1: "1 Road", city: "Leeds", postcode: "LS1", country: "GB" },
  timezone: "Europe/London",
  operatingHours: hours,
});
const newService = (ids: Ids) => ({
  name: "Probe",
  type: "session",
  duration_minutes: 30,
  price_minor: 0,
  available_at_locations: [ids.location],
  booking_mode: "self_booking",
});

const classSeriesBody = (ids: Ids) => ({
  serviceId: ids.classService,
  locationId: ids.location,
  instructorId: ids.user,
  weekday: 2,
  startTime: "06:00",
  validFrom: "2031-02-01",
  validUntil: "2031-02-28",
});

const sessionBookingBody = (ids: Ids) => ({
  serviceId: ids.service,
  locationId: ids.location,
  startTime: "2031-01-06T10:00:00Z",
  clientId: ids.client,
});

const ROUTES: Record<string, RouteSpec> = {
  "api.auth.login": { path: () => "/api/auth/login", params: () => ({}), calls: [] },
  "api.openapi[.]json": { path: () => "/api/openapi.json", params: () => ({}), calls: [] },
  "api.auth.signup": { path: () => "/api/auth/signup", params: () => ({}), calls: [] },
  // With a token it is public (the token is the proof); without one it needs a signed-in person.
  "api.auth.verify": {
    path: () => "/api/auth/verify",
    params: () => ({}),
    calls: [{ method: "POST", access: "signed-in", body: () => ({}) }],
  },
  "api.auth.logout": {
    path: () => "/api/auth/logout",
    params: () => ({}),
    calls: [{ method: "POST", access: "signed-in" }],
  },
  "api.dashboard": {
    path: (ids) => `/api/dashboard?location=${ids.location}`,
    params: () => ({}),
    calls: [{ method: "GET", access: "staff" }],
  },
  "api.locations": {
    path: () => "/api/locations",
    params: () => ({}),
    calls: [
      { method: "GET", access: "signed-in" },
      { method: "POST", access: "staff", body: newLocation },
    ],
  },
  "api.locations.$id": {
    path: (ids) => `/api/locations/${ids.location}`,
    params: (ids) => ({ id: ids.location }),
    calls: [
      { method: "GET", access: "signed-in" },
      { method: "PATCH", access: "staff", body: () => ({ name: "Renamed" }) },
    ],
  },
  "api.instructors": {
    path: () => "/api/instructors",
    params: () => ({}),
    calls: [{ method: "GET", access: "signed-in" }],
  },
  "api.payments.webhooks.stripe": {
    path: () => "/api/payments/webhooks/stripe",
    params: () => ({}),
    calls: [{ method: "POST", access: "stripe", body: () => ({ id: "evt_1", type: "account.updated" }) }],
  },
  "api.sms.delivery-report": {
    path: () => "/api/sms/delivery-report",
    params: () => ({}),
    calls: [{ method: "POST", access: "webhook", body: () => ({ results: [] }) }],
  },
  "api.sms.inbound": {
    path: () => "/api/sms/inbound",
    params: () => ({}),
    calls: [{ method: "POST", access: "webhook", body: () => ({ results: [] }) }],
  },
  "api.users.$id.locations": {
    path: (ids) => `/api/users/${ids.user}/locations`,
    params: (ids) => ({ id: ids.user }),
    calls: [{ method: "POST", access: "staff", body: (ids) => ({ accessible_locations: [ids.location] }) }],
  },
  "api.clients": {
    path: () => "/api/clients",
    params: () => ({}),
    calls: [
      { method: "GET", access: "staff" },
      {
        method: "POST",
        access: "staff",
        body: (ids) => ({ fullName: "Probe", email: `probe-${Math.random()}@example.com`, locationId: ids.location }),
      },
    ],
  },
  "api.locations.$id.schedule": {
    path: (ids) => `/api/locations/${ids.location}/schedule`,
    params: (ids) => ({ id: ids.location }),
    calls: [{ method: "GET", access: "signed-in" }],
  },
  "api.locations.$id.services": {
    path: (ids) => `/api/locations/${ids.location}/services`,
    params: (ids) => ({ id: ids.location }),
    calls: [{ method: "GET", access: "signed-in" }],
  },
  "api.locations.$id.instructors": {
    path: (ids) => `/api/locations/${ids.location}/instructors`,
    params: (ids) => ({ id: ids.location }),
    calls: [{ method: "GET", access: "signed-in" }],
  },
  "api.reports.revenue": {
    path: () => "/api/reports/revenue?by=service",
    params: () => ({}),
    calls: [{ method: "GET", access: "staff" }],
  },
  "api.reports.credits": {
    path: (ids) => `/api/reports/credits?location=${ids.location}`,
    params: () => ({}),
    calls: [{ method: "GET", access: "staff" }],
  },
  "api.reports.payments": {
    path: () => "/api/reports/payments",
    params: () => ({}),
    calls: [{ method: "GET", access: "staff" }],
  },
  "api.clients.$id": {
    path: (ids) => `/api/clients/${ids.client}`,
    params: (ids) => ({ id: ids.client }),
    calls: [
      { method: "GET", access: "staff" },
      { method: "PATCH", access: "staff", body: () => ({ phone: "+447700900999" }) },
    ],
  },
  "api.clients.me": {
    path: () => "/api/clients/me",
    params: () => ({}),
    calls: [{ method: "GET", access: "signed-in" }],
  },
  "api.clients.$id.parq": {
    path: (ids) => `/api/clients/${ids.client}/parq`,
    params: (ids) => ({ id: ids.client }),
    calls: [{ method: "GET", access: "staff" }],
  },
  "api.clients.$id.credits": {
    path: (ids) => `/api/clients/${ids.client}/credits`,
    params: (ids) => ({ id: ids.client }),
    // The client themself may read it too; the 403 check aims at another client.
    calls: [{ method: "GET", access: "staff" }],
  },
  "api.packages": { path: () => "/api/packages", params: () => ({}), calls: [{ method: "GET", access: "public" }] },
  // Ids in the body: another studio's package, booking or payment is a 404 (api.payments.test.ts).
  "api.packages.purchase": {
    path: () => "/api/packages/purchase",
    params: () => ({}),
    calls: [{ method: "POST", access: "signed-in", body: (ids) => ({ packageId: ids.booking }) }],
  },
  "api.payments.create-intent": {
    path: () => "/api/payments/create-intent",
    params: () => ({}),
    calls: [{ method: "POST", access: "signed-in", body: (ids) => ({ bookingId: ids.booking }) }],
  },
  "api.payments.confirm": {
    path: () => "/api/payments/confirm",
    params: () => ({}),
    calls: [{ method: "POST", access: "signed-in", body: (ids) => ({ paymentId: ids.booking }) }],
  },
  "api.dashboard.revenue": {
    path: (ids) => `/api/dashboard/revenue?location=${ids.location}`,
    params: () => ({}),
    calls: [{ method: "GET", access: "staff" }],
  },
  // The payment is named in the body; another studio's payment is a 404 (refunds-pages.test.ts).
  "api.payments.refund": {
    path: () => "/api/payments/refund",
    params: () => ({}),
    calls: [
      {
        method: "POST",
        access: "staff",
        body: (ids) => ({ paymentId: ids.booking, amountMinor: 100, reason: "Probe" }),
      },
    ],
  },
  "api.services": {
    path: () => "/api/services",
    params: () => ({}),
    calls: [
      { method: "GET", access: "public" },
      { method: "POST", access: "staff", body: newService },
    ],
  },
  "api.instructors.$id.availability": {
    path: (ids) => `/api/instructors/${ids.user}/availability?date=2030-01-07`,
    params: (ids) => ({ id: ids.user }),
    calls: [
      { method: "GET", access: "public" },
      {
        method: "POST",
        access: "staff",
        body: (ids) => ({ action: "add_block", weekday: 1, locationId: ids.location, start: "09:00", end: "10:00" }),
      },
    ],
  },
  "api.instructors.$id": {
    path: (ids) => `/api/instructors/${ids.user}`,
    params: (ids) => ({ id: ids.user }),
    calls: [{ method: "GET", access: "signed-in" }],
  },
  "api.instructors.$id.schedule": {
    path: (ids) => `/api/instructors/${ids.user}/schedule?from=2031-01-06&to=2031-01-12`,
    params: (ids) => ({ id: ids.user }),
    calls: [{ method: "GET", access: "staff" }],
  },
  "api.instructors.$id.clients": {
    path: (ids) => `/api/instructors/${ids.user}/clients`,
    params: (ids) => ({ id: ids.user }),
    calls: [{ method: "GET", access: "staff" }],
  },
  "api.instructors.me.bookings": {
    path: () => "/api/instructors/me/bookings?from=2031-01-01&to=2031-01-31",
    params: () => ({}),
    calls: [{ method: "GET", access: "staff" }],
  },
  "api.services.$id.availability": {
    path: (ids) => `/api/services/${ids.service}/availability?date=2030-01-07`,
    params: (ids) => ({ id: ids.service }),
    calls: [{ method: "GET", access: "public" }],
  },
  "api.class-series": {
    path: () => "/api/class-series",
    params: () => ({}),
    calls: [{ method: "POST", access: "staff", body: (ids) => classSeriesBody(ids) }],
  },
  "api.classes.$id.substitute": {
    path: (ids) => `/api/classes/${ids.occurrence}/substitute`,
    params: (ids) => ({ id: ids.occurrence }),
    calls: [{ method: "POST", access: "staff", body: (ids) => ({ instructorId: ids.user }) }],
  },
  "api.classes.$id": {
    path: (ids) => `/api/classes/${ids.occurrence}`,
    params: (ids) => ({ id: ids.occurrence }),
    calls: [
      { method: "GET", access: "public" },
      { method: "PATCH", access: "staff", body: () => ({ capacity: 20 }) },
      { method: "DELETE", access: "staff", body: () => ({ reason: "Probe" }) },
    ],
  },
  "api.classes.$id.cancel": {
    path: (ids) => `/api/classes/${ids.occurrence}/cancel`,
    params: (ids) => ({ id: ids.occurrence }),
    calls: [{ method: "POST", access: "staff", body: () => ({ reason: "Probe" }) }],
  },
  "api.classes": {
    path: (ids) => `/api/classes?locationId=${ids.location}&date=2031-01-06`,
    params: () => ({}),
    calls: [{ method: "GET", access: "public" }],
  },
  "api.instructors.me.schedule": {
    path: () => "/api/instructors/me/schedule?date=2031-01-06&view=week",
    params: () => ({}),
    calls: [{ method: "GET", access: "signed-in" }],
  },
  "api.booking-requests": {
    path: () => "/api/booking-requests?status=pending",
    params: () => ({}),
    calls: [
      { method: "GET", access: "signed-in" },
      {
        method: "POST",
        access: "signed-in",
        body: (ids) => ({ serviceId: ids.service, locationId: ids.location, preferredTimes: ["2031-01-06T10:00:00Z"] }),
      },
    ],
  },
  "api.booking-requests.$id.respond": {
    path: (ids) => `/api/booking-requests/${ids.request}/respond`,
    params: (ids) => ({ id: ids.request }),
    calls: [{ method: "POST", access: "staff", body: () => ({ action: "decline", reason: "Probe" }) }],
  },
  "api.instructors.me.requests": {
    path: () => "/api/instructors/me/requests",
    params: () => ({}),
    calls: [{ method: "GET", access: "staff" }],
  },
  "api.reports.instructors": {
    path: () => "/api/reports/instructors?from=2031-01-01&to=2031-01-31",
    params: () => ({}),
    calls: [{ method: "GET", access: "staff" }],
  },
  "api.reports.locations": {
    path: () => "/api/reports/locations?from=2031-01-01&to=2031-01-31",
    params: () => ({}),
    calls: [{ method: "GET", access: "staff" }],
  },
  "api.bookings": {
    path: () => "/api/bookings?from=2031-01-01",
    params: () => ({}),
    calls: [
      { method: "GET", access: "signed-in" },
      { method: "POST", access: "signed-in", body: (ids) => ({ type: "class", occurrenceId: ids.later }) },
    ],
  },
  "api.bookings.session": {
    path: () => "/api/bookings/session",
    params: () => ({}),
    calls: [{ method: "POST", access: "signed-in", body: sessionBookingBody }],
  },
  "api.bookings.class": {
    path: () => "/api/bookings/class",
    params: () => ({}),
    calls: [{ method: "POST", access: "signed-in", body: (ids) => ({ occurrenceId: ids.later }) }],
  },
  "api.bookings.$id": {
    path: (ids) => `/api/bookings/${ids.cancellable}`,
    params: (ids) => ({ id: ids.cancellable }),
    calls: [
      { method: "GET", access: "signed-in" },
      { method: "PATCH", access: "staff", body: () => ({ notes: "Probe" }) },
      { method: "DELETE", access: "signed-in", body: () => ({ reason: "Probe" }) },
    ],
  },
  "api.bookings.$id.reschedule": {
    path: (ids) => `/api/bookings/${ids.movable}/reschedule`,
    params: (ids) => ({ id: ids.movable }),
    calls: [{ method: "POST", access: "signed-in", body: (ids) => ({ occurrenceId: ids.later }) }],
  },
  "api.bookings.$id.cancel": {
    path: (ids) => `/api/bookings/${ids.booking}/cancel`,
    params: (ids) => ({ id: ids.booking }),
    calls: [{ method: "POST", access: "signed-in", body: () => ({ reason: "Probe" }) }],
  },
  "api.bookings.$id.checkin": {
    path: (ids) => `/api/bookings/${ids.arriving}/checkin`,
    params: (ids) => ({ id: ids.arriving }),
    calls: [{ method: "POST", access: "signed-in" }],
  },
  "api.bookings.$id.complete": {
    path: (ids) => `/api/bookings/${ids.startedBooking}/complete`,
    params: (ids) => ({ id: ids.startedBooking }),
    calls: [{ method: "POST", access: "staff", body: () => ({ attended: true, notes: "Probe" }) }],
  },
  "api.classes.$id.attendance": {
    path: (ids) => `/api/classes/${ids.startedClass}/attendance`,
    params: (ids) => ({ id: ids.startedClass }),
    calls: [{ method: "POST", access: "staff", body: (ids) => ({ attendees: [ids.client], absent: [] }) }],
  },
  "api.classes.$id.notes": {
    path: (ids) => `/api/classes/${ids.startedClass}/notes`,
    params: (ids) => ({ id: ids.startedClass }),
    calls: [{ method: "POST", access: "staff", body: () => ({ notes: "Probe" }) }],
  },
  "api.dashboard.churn": {
    path: () => "/api/dashboard/churn?location=all",
    params: () => ({}),
    calls: [{ method: "GET", access: "staff" }],
  },
  "api.clients.$id.bookings": {
    path: (ids) => `/api/clients/${ids.client}/bookings`,
    params: (ids) => ({ id: ids.client }),
    calls: [{ method: "GET", access: "staff" }],
  },
  "api.classes.$id.bookings": {
    path: (ids) => `/api/classes/${ids.occurrence}/bookings`,
    params: (ids) => ({ id: ids.occurrence }),
    calls: [{ method: "GET", access: "staff" }],
  },
  "api.classes.$id.waitlist": {
    path: (ids) => `/api/classes/${ids.occurrence}/waitlist`,
    params: (ids) => ({ id: ids.occurrence }),
    calls: [{ method: "GET", access: "signed-in" }],
  },
  "api.waitlist": {
    path: () => "/api/waitlist",
    params: () => ({}),
    calls: [{ method: "POST", access: "signed-in", body: (ids) => ({ classId: ids.occurrence }) }],
  },
  "api.waitlist.$id": {
    path: (ids) => `/api/waitlist/${ids.waitlistEntry}`,
    params: (ids) => ({ id: ids.waitlistEntry }),
    calls: [{ method: "DELETE", access: "signed-in", body: () => ({ reason: "Probe" }) }],
  },
  // Only the entry's client may accept (the owner's own-ids call would be a 404): its
  // ownership and foreign-id refusals are proven in waitlist-pages.test.ts.
  "api.waitlist.$id.accept": {
    path: (ids) => `/api/waitlist/${ids.waitlistEntry}/accept`,
    params: () => ({}),
    calls: [{ method: "POST", access: "signed-in" }],
  },
  "api.services.$id": {
    path: (ids) => `/api/services/${ids.service}`,
    params: (ids) => ({ id: ids.service }),
    calls: [
      { method: "GET", access: "public" },
      { method: "PATCH", access: "staff", body: newService },
      { method: "DELETE", access: "staff" },
    ],
  },
};

const modules = import.meta.glob<{ loader?: Handler; action?: Handler }>(["./api.*.ts", "!./*.test.ts"], {
  eager: true,
});
const moduleFor = (name: string) => modules[`./${name}.ts`];

type Studio = Awaited<ReturnType<typeof createTestStudio>>;
let a: Studio;
let b: Studio;
let ids: { a: Ids; b: Ids };
let cookies: { owner: string; client: string };
let otherClientId: string;

async function cookieFor(studio: Studio, userId: string) {
  const response = await signIn(studio.tenant, { ...studio.owner, id: userId });
  return (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

async function idsOf(studio: Studio): Promise<Ids> {
  const client = await insertUser(database(), studio.tenant, {
    email: `client-${Math.random()}@example.com`,
    fullName: "Probe Client",
    role: "client",
    accessibleLocations: [studio.location.id],
  });
  const instructor = await insertUser(database(), studio.tenant, {
    email: `instructor-${Math.random()}@example.com`,
    fullName: "Probe Instructor",
    role: "instructor",
    accessibleLocations: [studio.location.id],
  });
  const service = await insertService(database(), studio.tenant, {
    name: "Probe PT",
    type: "session",
    durationMinutes: 60,
    locationIds: [studio.location.id],
  });
  const yoga = await insertService(database(), studio.tenant, {
    name: "Probe Yoga",
    type: "class",
    durationMinutes: 60,
    capacity: 8,
    locationIds: [studio.location.id],
  });
  const startsAt = new Date(Date.UTC(2031, 0, 6, 9 + Math.floor(Math.random() * 8)));
  const occurrence = await insertOccurrence(database(), studio.tenant, {
    serviceId: yoga.id,
    locationId: studio.location.id,
    instructorId: studio.owner.id,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 3_600_000),
    capacity: 8,
  });
  // Later dates of the class: one booked, one booked to be moved, one to move to, one to DELETE.
  const [first, second, later, spare] = await Promise.all(
    [13, 20, 27, 29].map(async (day) => {
      const at = new Date(Date.UTC(2031, 0, day, 10));
      const row = await insertOccurrence(database(), studio.tenant, {
        serviceId: yoga.id,
        locationId: studio.location.id,
        instructorId: studio.owner.id,
        startsAt: at,
        endsAt: new Date(at.getTime() + 3_600_000),
        capacity: 8,
      });
      return row!;
    }),
  );
  await grantCredits(studio.tenant, studio.owner, {
    clientId: client.id,
    credits: 5,
    validDays: 3650,
    reason: "Probe",
  });
  const soon = new Date(Date.now() + 10 * 60_000);
  const arriving = await insertOccurrence(database(), studio.tenant, {
    serviceId: yoga.id,
    locationId: studio.location.id,
    instructorId: studio.owner.id,
    startsAt: soon,
    endsAt: new Date(soon.getTime() + 3_600_000),
    capacity: 8,
  });
  const book = (occurrenceId: string) =>
    bookClass(studio.tenant, studio.owner, { occurrenceId, clientId: client.id }).then((o) => o.booking.id);
  const privateSession = await insertService(database(), studio.tenant, {
    name: "Probe Private",
    type: "session",
    durationMinutes: 60,
    locationIds: [studio.location.id],
    bookingMode: "instructor_led",
  });
  const request = await insertBookingRequest(database(), studio.tenant, {
    clientId: client.id,
    serviceId: privateSession.id,
    locationId: studio.location.id,
    preferredTimes: [new Date(Date.UTC(2031, 1, 3, 10))],
    escalateAt: new Date(Date.UTC(2031, 0, 1)),
    expiresAt: new Date(Date.UTC(2031, 0, 2)),
  });
  // Written directly: booking a class that has started is refused, marking it is not.
  const startedAt = new Date(Date.now() - 3_600_000);
  const started = await insertOccurrence(database(), studio.tenant, {
    serviceId: yoga.id,
    locationId: studio.location.id,
    instructorId: studio.owner.id,
    startsAt: startedAt,
    endsAt: new Date(startedAt.getTime() + 3_600_000),
    capacity: 8,
  });
  const startedBooking = await insertBooking(database(), studio.tenant, {
    clientId: client.id,
    serviceId: yoga.id,
    instructorId: studio.owner.id,
    locationId: studio.location.id,
    occurrenceId: started!.id,
    startsAt: startedAt,
    endsAt: new Date(startedAt.getTime() + 3_600_000),
    status: "confirmed",
    bookingMethod: "admin_created",
    createdById: studio.owner.id,
  });
  return {
    startedClass: started!.id,
    startedBooking: startedBooking.id,
    location: studio.location.id,
    client: client.id,
    user: instructor.id,
    service: service.id,
    classService: yoga.id,
    occurrence: occurrence!.id,
    booking: await book(first!.id),
    cancellable: await book(spare!.id),
    movable: await book(second!.id),
    later: later!.id,
    arriving: await book(arriving!.id),
    request: request.id,
    // Written directly: the class has places free, which joining would refuse.
    waitlistEntry: (
      await insertWaitlistEntry(database(), studio.tenant, {
        occurrenceId: occurrence!.id,
        clientId: client.id,
        createdById: client.id,
      })
    ).id,
  };
}

async function call(name: string, spec: RouteSpec, c: Call, studioIds: Ids, cookie?: string) {
  const mod = moduleFor(name);
  const handler = c.method === "GET" ? mod?.loader : mod?.action;
  if (!handler) throw new Error(`${name} has no handler for ${c.method}`);
  const host = `${a.tenant.studio.slug}.localhost`;
  const body = c.body ? JSON.stringify(c.body(studioIds)) : c.method === "GET" ? undefined : "{}";
  const request = new Request(`http://${host}${spec.path(studioIds)}`, {
    method: c.method,
    headers: { host, "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body,
  });
  return handler({ request, params: spec.params(studioIds), context: { requestId: "t", clientIp: "127.0.0.1" } });
}

const cases = Object.entries(ROUTES).flatMap(([name, spec]) =>
  spec.calls.map((c) => [`${c.method} ${name}`, name, spec, c] as const),
);

describe("the API refuses what it must", () => {
  beforeAll(async () => {
    a = await createTestStudio();
    b = await createTestStudio();
    ids = { a: await idsOf(a), b: await idsOf(b) };
    cookies = { owner: await cookieFor(a, a.owner.id), client: await cookieFor(a, ids.a.client) };
    otherClientId = (await idsOf(a)).client;
  });

  test("every API route module is listed here", () => {
    const files = Object.keys(modules).map((file) => file.replace("./", "").replace(/\.ts$/, ""));
    expect(files.sort()).toEqual(Object.keys(ROUTES).sort());
  });

  test.each(cases.filter(([, , , c]) => c.access === "stripe"))(
    "%s without Stripe's signature: 400",
    async (_, name, spec, c) => {
      const response = await call(name, spec, c, ids.a, cookies.owner);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: "SIGNATURE_MISSING" });
    },
  );

  test.each(cases.filter(([, , , c]) => c.access !== "public" && c.access !== "stripe"))(
    "%s without credentials: 401",
    async (_, name, spec, c) => {
      const response = await call(name, spec, c, ids.a);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: "UNAUTHENTICATED" });
    },
  );

  test.each(cases.filter(([, , , c]) => c.access === "staff"))(
    "%s with a client's session: 403",
    async (_, name, spec, c) => {
      const response = await call(name, spec, c, { ...ids.a, client: otherClientId }, cookies.client);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: "INSUFFICIENT_PERMISSIONS" });
    },
  );

  const placeholder: Ids = {
    location: "l",
    client: "c",
    user: "u",
    service: "s",
    classService: "k",
    occurrence: "o",
    booking: "b",
    cancellable: "x",
    movable: "m",
    later: "t",
    request: "r",
    waitlistEntry: "w",
    arriving: "a",
    startedClass: "sc",
    startedBooking: "sb",
  };
  const withIds = cases.filter(([, , spec]) => Object.keys(spec.params(placeholder)).length > 0);
  test.each(withIds)("%s with another studio's id: 404 and nothing changed", async (_, name, spec, c) => {
    const response = await call(name, spec, c, ids.b, cookies.owner);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: "NOT_FOUND" });
  });

  // In table order: the cover comes before the cancel, which retires the occurrence.
  test("the same calls with this studio's own ids work for the owner", async () => {
    for (const [label, name, spec, c] of withIds) {
      const response = await call(name, spec, c, ids.a, cookies.owner);
      expect([label, response.status]).toEqual([label, expect.any(Number)]);
      expect(response.status, label).toBeLessThan(300);
    }
  });
});
