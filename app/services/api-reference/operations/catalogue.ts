import { z } from "zod";
import { SlotQuerySchema } from "~/route-handlers/availability-json";
import { RosterQuerySchema } from "~/services/booking/api.schema";
import { ServiceApiSchema, ServiceBrowseQuerySchema } from "~/services/catalogue/service.schema";
import { ClassAttendanceBody, ClassNoteBody } from "~/services/desk/attendance.schema";
import {
  CancelClassDateSchema,
  CancelOccurrenceSchema,
  ClassDateChangeSchema,
  ClassSeriesSchema,
  SubstituteSchema,
} from "~/services/schedule/class-series.schema";
import { ClassesQuerySchema } from "~/services/schedule/queries.schema";
import {
  type ApiErrorCase,
  type ApiOperation,
  FORBIDDEN,
  IdParams,
  INVALID_JSON,
  NOT_FOUND,
  PaginationSchema,
  VALIDATION,
} from "../operation";

const instant = z.string().datetime({ offset: true });
const localDate = z.string().openapi({ description: "A local day, YYYY-MM-DD.", example: "2026-12-07" });
const localTime = z.string().openapi({ description: "A local time, HH:MM.", example: "18:00" });
const named = z.object({ id: z.string().uuid(), name: z.string() });

const ServiceJson = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    description: z.string().nullable(),
    type: z.enum(["session", "class"]),
    duration_minutes: z.number().int(),
    capacity: z.number().int().nullable(),
    price_minor: z.number().int().openapi({ description: "In minor units of the studio's currency." }),
    available_at_locations: z.array(z.string().uuid()),
    booking_mode: z.string(),
    self_booking_enabled: z.boolean(),
    instructor_booking_enabled: z.boolean(),
    admin_booking_enabled: z.boolean(),
    cancellation_window_hours: z.number().int(),
    requires_credit: z.boolean(),
    archived: z.boolean(),
  })
  .openapi("Service");
const ServiceAnswer = z.object({ service: ServiceJson });

const Location = z.object({ id: z.string().uuid(), name: z.string(), timezone: z.string() });

const ClassJson = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    serviceId: z.string().uuid(),
    location: Location,
    instructor: named,
    startsAt: instant,
    endsAt: instant,
    localDate,
    localStartTime: localTime,
    localEndTime: localTime,
    durationMinutes: z.number().int(),
    capacity: z.number().int(),
    spotsLeft: z.number().int(),
    status: z.enum(["scheduled", "cancelled"]),
  })
  .openapi("ClassDate");

const ClassDetailJson = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    description: z.string().nullable(),
    location: Location.extend({ address: z.string() }),
    instructor: named,
    coveringFor: z.string().nullable().openapi({ description: "Who was planned to teach, when someone covers." }),
    startsAt: instant,
    endsAt: instant,
    localDate,
    localStartTime: localTime,
    localEndTime: localTime,
    durationMinutes: z.number().int(),
    capacity: z.number().int(),
    spotsLeft: z.number().int(),
    status: z.enum(["scheduled", "cancelled"]),
    cancelReason: z.string().nullable(),
  })
  .openapi("ClassDetail");
const ClassAnswer = z.object({ class: ClassDetailJson });

const OccurrenceJson = z
  .object({
    id: z.string().uuid(),
    seriesId: z.string().uuid().nullable(),
    serviceId: z.string().uuid(),
    locationId: z.string().uuid(),
    instructorId: z.string().uuid(),
    originalInstructorId: z.string().uuid().nullable(),
    startsAt: instant,
    endsAt: instant,
    capacity: z.number().int(),
    status: z.enum(["scheduled", "cancelled"]),
    cancelReason: z.string().nullable(),
  })
  .openapi("Occurrence");

/** 409 SCHEDULE_CONFLICT lists what the instructor is already doing; documented as an error. */
const SCHEDULE_CONFLICT: ApiErrorCase = {
  status: 409,
  code: "SCHEDULE_CONFLICT",
  when: "The instructor is already teaching or training then; the body adds `conflicts` (start, end, what, where).",
};

const RosterBooking = z
  .object({
    id: z.string().uuid(),
    status: z.string(),
    client: named,
    spots: z.number().int(),
    startsAt: instant,
    endsAt: instant,
  })
  .passthrough()
  .openapi("RosterBooking", { description: "A booking as `GET /api/bookings/{id}` shows it." });

const classExample = {
  id: "6f0c7a52-2d0e-4c55-9a4b-0d8f3b1c9e21",
  name: "Vinyasa",
  description: "A flowing class for every level.",
  location: {
    id: "0b7c3c1e-8d4a-4f7e-9a51-3c2d1e0f9a88",
    name: "Camden",
    address: "1 High Street, London, NW1 7JR",
    timezone: "Europe/London",
  },
  instructor: { id: "a3e1f0d2-5b6c-4d7e-8f90-1a2b3c4d5e6f", name: "Priya Shah" },
  coveringFor: null,
  startsAt: "2026-12-07T18:00:00.000Z",
  endsAt: "2026-12-07T19:00:00.000Z",
  localDate: "2026-12-07",
  localStartTime: "18:00",
  localEndTime: "19:00",
  durationMinutes: 60,
  capacity: 12,
  spotsLeft: 4,
  status: "scheduled",
  cancelReason: null,
};

const serviceExample = {
  id: "5d2e8f1a-3b4c-4d5e-9f60-7a8b9c0d1e2f",
  name: "Personal training",
  description: "One hour, one trainer.",
  type: "session",
  duration_minutes: 60,
  capacity: null,
  price_minor: 4500,
  available_at_locations: ["0b7c3c1e-8d4a-4f7e-9a51-3c2d1e0f9a88"],
  booking_mode: "instant",
  self_booking_enabled: true,
  instructor_booking_enabled: true,
  admin_booking_enabled: true,
  cancellation_window_hours: 24,
  requires_credit: true,
  archived: false,
};

const MANAGERS = "Owners, and location managers for their own locations.";
const SCHEDULERS = "Owners; managers and the front desk at the class's location; its instructor for their own class.";

export const CATALOGUE_OPERATIONS: ApiOperation[] = [
  {
    method: "get",
    path: "/api/services",
    tag: "Services",
    summary: "List the services on offer",
    description: "Sessions and classes the studio offers (archived ones left out), by `type` and `locationId`. Public.",
    access: "public",
    query: ServiceBrowseQuerySchema,
    paginated: true,
    responses: {
      200: {
        description: "A page of services.",
        schema: z.object({ services: z.array(ServiceJson), pagination: PaginationSchema }),
        example: {
          services: [serviceExample],
          pagination: { page: 1, perPage: 50, hasMore: false, nextPage: null },
        },
      },
    },
    errors: [NOT_FOUND],
  },
  {
    method: "post",
    path: "/api/services",
    tag: "Services",
    summary: "Create a service",
    description: `A session or a class, its price in minor units and where it is offered. ${MANAGERS}`,
    access: "signed-in",
    body: ServiceApiSchema,
    idempotent: true,
    responses: {
      201: { description: "The new service.", schema: ServiceAnswer, example: { service: serviceExample } },
    },
    errors: [FORBIDDEN, VALIDATION, INVALID_JSON, NOT_FOUND],
  },
  {
    method: "get",
    path: "/api/services/{id}",
    tag: "Services",
    summary: "Read a service",
    description: "Public; an archived service is a 404.",
    access: "public",
    params: IdParams,
    responses: { 200: { description: "The service.", schema: ServiceAnswer, example: { service: serviceExample } } },
    errors: [NOT_FOUND],
  },
  {
    method: "patch",
    path: "/api/services/{id}",
    tag: "Services",
    summary: "Change a service",
    description: `Replaces the service's settings: send them all. ${MANAGERS}`,
    access: "signed-in",
    params: IdParams,
    body: ServiceApiSchema,
    responses: { 200: { description: "The service as it now is.", schema: ServiceAnswer } },
    errors: [FORBIDDEN, NOT_FOUND, VALIDATION, INVALID_JSON],
  },
  {
    method: "delete",
    path: "/api/services/{id}",
    tag: "Services",
    summary: "Archive a service",
    description: `It is no longer offered; its bookings and history are kept. ${MANAGERS}`,
    access: "signed-in",
    params: IdParams,
    responses: { 200: { description: "The archived service (`archived: true`).", schema: ServiceAnswer } },
    errors: [FORBIDDEN, NOT_FOUND],
  },
  {
    method: "get",
    path: "/api/services/{id}/availability",
    tag: "Services",
    summary: "Bookable start times of a session",
    description:
      "Every instructor's free start times for this 1-on-1 session on one local `date` (or one `instructorId`'s). The location defaults to the first offering it. Public.",
    access: "public",
    params: IdParams,
    query: SlotQuerySchema.omit({ serviceId: true }),
    responses: {
      200: {
        description: "The day's start times by instructor.",
        schema: z.object({
          service: z.object({ id: z.string().uuid(), name: z.string(), durationMinutes: z.number().int() }),
          location: Location,
          date: localDate,
          instructors: z.array(
            z.object({
              id: z.string().uuid(),
              fullName: z.string(),
              slots: z.array(
                z.object({
                  startsAt: instant,
                  endsAt: instant,
                  localTime,
                  allowsSelfBooking: z.boolean(),
                }),
              ),
            }),
          ),
        }),
      },
    },
    errors: [NOT_FOUND, VALIDATION],
  },
  {
    method: "get",
    path: "/api/classes",
    tag: "Classes",
    summary: "A location's classes on one day",
    description:
      "The dated classes at `locationId` (the first location if left out) on the local `date` (today if left out), by `serviceId` or `instructorId`. Public.",
    access: "public",
    query: ClassesQuerySchema,
    paginated: true,
    responses: {
      200: {
        description: "A page of the day's classes.",
        schema: z.object({
          location: Location,
          date: localDate,
          nextDateWithClasses: localDate.nullable(),
          classes: z.array(ClassJson),
          pagination: PaginationSchema,
        }),
      },
    },
    errors: [NOT_FOUND],
  },
  {
    method: "get",
    path: "/api/classes/{id}",
    tag: "Classes",
    summary: "Read a class date",
    description: "One dated class: when, where, who teaches, places left. Public.",
    access: "public",
    params: IdParams,
    responses: { 200: { description: "The class.", schema: ClassAnswer, example: { class: classExample } } },
    errors: [NOT_FOUND],
  },
  {
    method: "patch",
    path: "/api/classes/{id}",
    tag: "Classes",
    summary: "Change one class date",
    description: `Any of: a new \`startsAt\` (the class keeps its length; its booked clients are told it moved), an \`instructorId\` (who must teach at its location and be free; the bookings follow, as with a substitute), a \`capacity\` (not below the places booked or offered). The rest of its series is untouched. Owners, and location managers for their own locations.

A class that has started or is cancelled cannot change.`,
    access: "signed-in",
    params: IdParams,
    body: ClassDateChangeSchema,
    responses: {
      200: { description: "The class as it now is.", schema: ClassAnswer, example: { class: classExample } },
    },
    errors: [
      FORBIDDEN,
      NOT_FOUND,
      VALIDATION,
      INVALID_JSON,
      SCHEDULE_CONFLICT,
      { status: 409, code: "CAPACITY_BELOW_BOOKED", when: "More places are booked or offered than the new capacity." },
      { status: 409, code: "CLASS_STARTED", when: "The class has started." },
      { status: 409, code: "CLASS_CANCELLED", when: "The class is cancelled." },
      { status: 409, code: "CLASS_AT_THAT_TIME", when: "Its series already meets at that time." },
    ],
  },
  {
    method: "delete",
    path: "/api/classes/{id}",
    tag: "Classes",
    summary: "Cancel one class date",
    description: `As \`POST /api/classes/{id}/cancel\`: booked clients get their credits back and are told, the waitlist closes, the date stays (cancelled). An optional \`reason\` is what they read. ${SCHEDULERS}`,
    access: "signed-in",
    params: IdParams,
    body: CancelClassDateSchema,
    responses: { 200: { description: "The class, now cancelled.", schema: ClassAnswer } },
    errors: [FORBIDDEN, NOT_FOUND, VALIDATION, INVALID_JSON],
  },
  {
    method: "get",
    path: "/api/classes/{id}/bookings",
    tag: "Classes",
    summary: "A class's roster",
    description:
      "Who is booked into one class: `id` is the dated class, or its weekly series with `date`. Its instructor, and staff who see all bookings at its location.",
    access: "signed-in",
    params: IdParams,
    query: RosterQuerySchema,
    paginated: true,
    responses: {
      200: {
        description: "The class and a page of its live bookings.",
        schema: z.object({
          occurrence: z.object({
            id: z.string().uuid(),
            seriesId: z.string().uuid().nullable(),
            name: z.string(),
            location: named,
            instructor: named,
            startsAt: instant,
            date: localDate,
            time: localTime,
            capacity: z.number().int(),
            bookedSpots: z.number().int(),
            status: z.enum(["scheduled", "cancelled"]),
          }),
          bookings: z.array(RosterBooking),
          pagination: PaginationSchema,
        }),
      },
    },
    errors: [FORBIDDEN, NOT_FOUND],
  },
  {
    method: "post",
    path: "/api/classes/{id}/attendance",
    tag: "Classes",
    summary: "Mark a class's attendance",
    description:
      "Who came (`attendees`) and who did not (`absent`), by client id, in one go; `id` a dated class or a series with `date`. Its instructor; the desk and managers at its location.",
    access: "signed-in",
    params: IdParams,
    body: ClassAttendanceBody,
    responses: {
      200: {
        description: "What changed, and what the no-show rule did for particular people.",
        schema: z.object({
          occurrenceId: z.string().uuid(),
          attended: z.number().int(),
          noShow: z.number().int(),
          unchanged: z.number().int(),
          messages: z.array(z.string()),
        }),
      },
    },
    errors: [
      FORBIDDEN,
      NOT_FOUND,
      VALIDATION,
      INVALID_JSON,
      { status: 400, code: "NOT_IN_CLASS", when: "A client named is not booked into this class." },
      { status: 409, code: "NOT_MARKABLE", when: "A booking is not confirmed yet, or the class has not started." },
    ],
  },
  {
    method: "post",
    path: "/api/classes/{id}/cancel",
    tag: "Classes",
    summary: "Cancel one class date",
    description: `Booked clients get their credits back and are told why (\`reason\`); the waitlist closes; the rest of the series is untouched. ${SCHEDULERS}`,
    access: "signed-in",
    params: IdParams,
    body: CancelOccurrenceSchema,
    responses: { 200: { description: "The cancelled date.", schema: z.object({ occurrence: OccurrenceJson }) } },
    errors: [FORBIDDEN, NOT_FOUND, VALIDATION, INVALID_JSON],
  },
  {
    method: "post",
    path: "/api/classes/{id}/notes",
    tag: "Classes",
    summary: "Write a class's note",
    description:
      "The note for one class date (a series with `date`), replacing the last; empty `notes` clear it. Its instructor; the desk and managers at its location.",
    access: "signed-in",
    params: IdParams,
    body: ClassNoteBody,
    idempotent: true,
    responses: {
      200: {
        description: "The note as saved.",
        schema: z.object({
          note: z.object({ occurrenceId: z.string().uuid(), notes: z.string(), updatedAt: instant.nullable() }),
        }),
      },
    },
    errors: [FORBIDDEN, NOT_FOUND, VALIDATION, INVALID_JSON],
  },
  {
    method: "post",
    path: "/api/classes/{id}/substitute",
    tag: "Classes",
    summary: "Someone covers one class date",
    description: `\`instructorId\` teaches this date instead (they must teach at its location and be free); the series keeps its instructor. ${SCHEDULERS}`,
    access: "signed-in",
    params: IdParams,
    body: SubstituteSchema,
    responses: { 200: { description: "The covered date.", schema: z.object({ occurrence: OccurrenceJson }) } },
    errors: [FORBIDDEN, NOT_FOUND, VALIDATION, INVALID_JSON, SCHEDULE_CONFLICT],
  },
  {
    method: "post",
    path: "/api/class-series",
    tag: "Classes",
    summary: "Schedule a recurring class",
    description: `A weekly (or every N weeks) class and its dates for the coming twelve weeks, all or nothing: if the instructor is busy at any of them, nothing is made and the clashes are listed. ${SCHEDULERS}`,
    access: "signed-in",
    body: ClassSeriesSchema,
    idempotent: true,
    responses: {
      201: {
        description: "The series and the ids of its dates.",
        schema: z.object({
          series: z.object({
            id: z.string().uuid(),
            serviceId: z.string().uuid(),
            locationId: z.string().uuid(),
            instructorId: z.string().uuid(),
            weekday: z.number().int().openapi({ description: "ISO weekday, 1 Monday to 7 Sunday." }),
            startTime: localTime,
            endTime: localTime,
            capacity: z.number().int(),
            intervalWeeks: z.number().int(),
            validFrom: localDate,
            validUntil: localDate.nullable(),
          }),
          occurrenceIds: z.array(z.string().uuid()),
        }),
      },
    },
    errors: [
      FORBIDDEN,
      NOT_FOUND,
      VALIDATION,
      INVALID_JSON,
      SCHEDULE_CONFLICT,
      { status: 409, code: "OUTSIDE_OPENING_HOURS", when: "The class is outside the location's opening hours." },
    ],
  },
];
