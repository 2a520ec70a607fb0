import { z } from "zod";
import { SlotQuerySchema } from "~/route-handlers/availability-json";
import {
  InstructorScheduleQuerySchema,
  InstructorsQuerySchema,
  SCHEDULE_MAX_DAYS,
  TeachingBookingsQuerySchema,
} from "~/services/booking/instructor-api.schema";
import { AvailabilityChangeSchema } from "~/services/schedule/availability.schema";
import { TeachingQuerySchema } from "~/services/schedule/queries.schema";
import { BOOKING_STATUSES, SERVICE_TYPES } from "~db/schema/tenant";
import {
  type ApiOperation,
  FORBIDDEN,
  IdParams,
  INVALID_JSON,
  NOT_FOUND,
  PaginationSchema,
  VALIDATION,
} from "../operation";
import { BookingViewSchema, instant, Named } from "./booking-view";
import { BookingRequestSchema } from "./requests";

/** Instructors: the team who teach, their profiles, hours, schedules, bookings and clients. */

const TEACHING_ROLE = z
  .enum(["instructor", "trainer", "org_owner"])
  .openapi({ description: "Owners nearly always train clients too, so they are instructors here." });

const InstructorSummarySchema = z
  .object({
    id: z.string().uuid(),
    fullName: z.string(),
    role: TEACHING_ROLE,
    locations: z.array(Named),
  })
  .openapi("InstructorSummary");

const InstructorProfileSchema = z
  .object({
    id: z.string().uuid(),
    fullName: z.string(),
    role: TEACHING_ROLE,
    locations: z.array(Named).openapi({ description: "The open locations they work at (an owner: all)." }),
    services: z
      .array(
        z.object({
          id: z.string().uuid(),
          name: z.string(),
          type: z.enum(SERVICE_TYPES),
          durationMinutes: z.number().int(),
        }),
      )
      .openapi({ description: "Classes of their running series, and the 1:1 sessions offered where they work." }),
    contact: z.object({ email: z.string(), phone: z.string().nullable() }).nullable().openapi({
      description: "For the instructor themselves and staff who see the team at their locations; else null.",
    }),
  })
  .openapi("InstructorProfile");

const InstructorClassSchema = z
  .object({
    id: z.string().uuid().openapi({ description: "The class date's id (for /api/classes/{id})." }),
    name: z.string(),
    serviceId: z.string().uuid(),
    location: z.object({ id: z.string().uuid(), name: z.string(), timezone: z.string() }),
    instructor: z.object({ id: z.string().uuid(), name: z.string() }),
    startsAt: instant("When it starts."),
    endsAt: instant("When it ends."),
    localDate: z.string().openapi({ description: "YYYY-MM-DD on the location's clock." }),
    localStartTime: z.string().openapi({ description: "HH:MM on the location's clock." }),
    localEndTime: z.string(),
    durationMinutes: z.number().int(),
    capacity: z.number().int(),
    spotsLeft: z.number().int(),
    status: z.enum(["scheduled", "cancelled"]),
  })
  .openapi("InstructorClass");

const TeachingSessionSchema = z
  .object({
    id: z.string().uuid().openapi({ description: "The booking's id." }),
    status: z.enum(BOOKING_STATUSES),
    serviceId: z.string().uuid(),
    serviceName: z.string(),
    location: Named,
    client: Named,
    startsAt: instant("When it starts."),
    endsAt: instant("When it ends."),
  })
  .openapi("TeachingSession");

const WeeklyHoursSchema = z
  .object({
    instructor: z.object({ id: z.string().uuid(), fullName: z.string() }),
    blocks: z.array(
      z.object({
        id: z.string().uuid(),
        weekday: z.number().int().openapi({ description: "1 Monday … 7 Sunday." }),
        locationId: z.string().uuid(),
        locationName: z.string(),
        start: z.string().openapi({ description: "HH:MM on the location's clock." }),
        end: z.string(),
        allowsSelfBooking: z.boolean(),
      }),
    ),
    exceptions: z
      .array(
        z.object({
          id: z.string().uuid(),
          kind: z.enum(["time_off", "extra_hours"]),
          date: z.string().openapi({ description: "YYYY-MM-DD." }),
          start: z.string().nullable().openapi({ description: "HH:MM; null with `end` for a whole day off." }),
          end: z.string().nullable(),
          locationName: z.string().nullable().openapi({ description: "Extra hours' location; null for time off." }),
          allowsSelfBooking: z.boolean(),
          note: z.string().nullable(),
        }),
      )
      .openapi({ description: "Dates from today on." }),
  })
  .openapi("WeeklyHours");

const StrandedSessionSchema = z.object({
  date: z.string().openapi({ description: "In words, e.g. Mon 7 Dec 2026." }),
  time: z.string().openapi({ description: "09:00–10:00 on the location's clock." }),
  locationName: z.string(),
});

const NOT_AN_INSTRUCTOR = {
  status: 404,
  code: "NOT_FOUND",
  when: "No active instructor, trainer or owner of this studio has that id.",
} as const;
const TEACHES_NOTHING = {
  status: 403,
  code: "INSUFFICIENT_PERMISSIONS",
  when: "A client, receptionist or finance manager: they teach nothing.",
} as const;

const instructorExample = {
  id: "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
  fullName: "Sam Rivers",
  role: "instructor",
  locations: [{ id: "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", name: "Leeds Central" }],
};

const pageExample = { page: 1, perPage: 50, hasMore: false, nextPage: null };

export const INSTRUCTORS_OPERATIONS: ApiOperation[] = [
  {
    method: "get",
    path: "/api/instructors",
    tag: "Instructors",
    summary: "List instructors",
    description:
      "The active instructors, trainers and owners who can be booked, by name, optionally only those working at `locationId`. Anyone signed in: clients choose their trainer here.",
    access: "signed-in",
    query: InstructorsQuerySchema,
    paginated: true,
    responses: {
      200: {
        description: "A page of instructors.",
        schema: z.object({ instructors: z.array(InstructorSummarySchema), pagination: PaginationSchema }),
        example: { instructors: [instructorExample], pagination: pageExample },
      },
    },
    errors: [
      VALIDATION,
      { status: 404, code: "NOT_FOUND", when: "`locationId` is not an open location of this studio." },
    ],
  },
  {
    method: "get",
    path: "/api/instructors/{id}",
    tag: "Instructors",
    summary: "An instructor's profile",
    description:
      "Who they are, where they work and what they teach: anyone signed in. `contact` (email, phone) is filled for the instructor themselves and for staff who see the team at one of their locations, and is null for everyone else.",
    access: "signed-in",
    params: IdParams,
    responses: {
      200: {
        description: "The profile.",
        schema: z.object({ instructor: InstructorProfileSchema }),
        example: {
          instructor: {
            ...instructorExample,
            services: [
              {
                id: "c4d5e6f7-0a1b-4c2d-9e3f-4a5b6c7d8e9f",
                name: "Personal training",
                type: "session",
                durationMinutes: 60,
              },
            ],
            contact: { email: "sam@example.com", phone: "+447700900123" },
          },
        },
      },
    },
    errors: [NOT_AN_INSTRUCTOR],
  },
  {
    method: "get",
    path: "/api/instructors/{id}/schedule",
    tag: "Instructors",
    summary: "An instructor's schedule",
    description: `The classes they teach (a class they cover as substitute is the substitute's) and the 1:1 sessions booked with them, starting on the local days \`from\` to \`to\` (both included, at most ${SCHEDULE_MAX_DAYS} days: one answer, not a paged list).

**Who:** the instructor themselves, and staff who see the studio's bookings (front desk, managers, the owner) for an instructor at one of their locations; staff other than the owner see only what happens at their own locations. A client gets 403: sessions name other clients, and the public timetable is \`GET /api/classes\`. Another instructor gets 403 too.`,
    access: "signed-in",
    params: IdParams,
    query: InstructorScheduleQuerySchema,
    responses: {
      200: {
        description: "Their classes and sessions, in time order.",
        schema: z.object({
          from: z.string(),
          to: z.string(),
          instructor: Named,
          classes: z.array(InstructorClassSchema),
          sessions: z.array(TeachingSessionSchema),
        }),
      },
    },
    errors: [
      VALIDATION,
      { status: 403, code: "INSUFFICIENT_PERMISSIONS", when: "Not the instructor, nor staff at their locations." },
      NOT_AN_INSTRUCTOR,
    ],
  },
  {
    method: "get",
    path: "/api/instructors/{id}/clients",
    tag: "Instructors",
    summary: "An instructor's assigned clients",
    description:
      "The clients assigned to them (the permission matrix's _assigned clients_), by name. **Who:** the instructor themselves, the owner, and managers of one of their locations (who see those of the clients tied to their own locations).",
    access: "signed-in",
    params: IdParams,
    paginated: true,
    responses: {
      200: {
        description: "A page of clients.",
        schema: z.object({
          clients: z.array(
            z.object({ id: z.string().uuid(), fullName: z.string(), email: z.string(), phone: z.string().nullable() }),
          ),
          pagination: PaginationSchema,
        }),
      },
    },
    errors: [
      VALIDATION,
      { status: 403, code: "INSUFFICIENT_PERMISSIONS", when: "Not the instructor, their manager or the owner." },
      NOT_AN_INSTRUCTOR,
    ],
  },
  {
    method: "get",
    path: "/api/instructors/{id}/availability",
    tag: "Instructors",
    summary: "An instructor's bookable times on a day",
    description:
      "The start times one instructor can be booked for on `date`, for a service (`serviceId`) at a location (`locationId`). Public, like the schedule.",
    access: "public",
    params: IdParams,
    query: SlotQuerySchema.omit({ instructorId: true }),
    responses: {
      200: {
        description: "The free start times.",
        schema: z.object({
          instructor: z.object({ id: z.string().uuid(), fullName: z.string() }),
          location: z.object({ id: z.string().uuid(), name: z.string(), timezone: z.string() }),
          service: z.object({ id: z.string().uuid(), name: z.string(), durationMinutes: z.number().int() }),
          date: z.string(),
          slots: z.array(
            z.object({
              startsAt: instant("When the session would start."),
              endsAt: instant("When it would end."),
              localTime: z.string().openapi({ description: "HH:MM on the location's clock." }),
              allowsSelfBooking: z.boolean(),
            }),
          ),
        }),
      },
    },
    errors: [VALIDATION, NOT_FOUND],
  },
  {
    method: "post",
    path: "/api/instructors/{id}/availability",
    tag: "Instructors",
    summary: "Change an instructor's hours",
    description: `One change to their weekly hours or dates, as the availability pages make it, named by \`action\`:

- \`add_block\`: weekly hours on a \`weekday\` (1 Monday … 7 Sunday) at a location, \`start\`–\`end\` (HH:MM, quarter hours).
- \`remove_block\`: a block by \`id\`.
- \`add_time_off\`: a whole \`date\`, or \`start\`–\`end\` that day.
- \`add_extra_hours\`: hours on one \`date\` at a location.
- \`remove_exception\`: time off or extra hours by \`id\`.

**Who:** the instructor for themselves; the owner, and managers for an instructor at their locations (at those locations). A change that would leave booked 1:1 sessions outside the hours is refused (409 \`SESSIONS_STRANDED\`, naming them) unless it says \`confirmed: true\`; the sessions are then kept and listed in \`kept\`. Answers the hours as they now are.`,
    access: "signed-in",
    params: IdParams,
    body: AvailabilityChangeSchema,
    idempotent: true,
    responses: {
      201: {
        description: "Added: the hours now.",
        schema: z.object({ availability: WeeklyHoursSchema, kept: z.array(StrandedSessionSchema) }),
        example: {
          availability: {
            instructor: { id: instructorExample.id, fullName: "Sam Rivers" },
            blocks: [
              {
                id: "5d6e7f80-1a2b-4c3d-8e4f-5a6b7c8d9e0f",
                weekday: 1,
                locationId: instructorExample.locations[0]?.id,
                locationName: "Leeds Central",
                start: "09:00",
                end: "13:00",
                allowsSelfBooking: true,
              },
            ],
            exceptions: [],
          },
          kept: [],
        },
      },
      200: {
        description: "Removed: the hours now.",
        schema: z.object({ availability: WeeklyHoursSchema, kept: z.array(StrandedSessionSchema) }),
      },
    },
    errors: [
      VALIDATION,
      INVALID_JSON,
      FORBIDDEN,
      { status: 404, code: "NOT_FOUND", when: "No such instructor, block or date, or not a location they work at." },
      { status: 409, code: "AVAILABILITY_CLASH", when: "The block overlaps another of theirs on that weekday." },
      {
        status: 409,
        code: "SESSIONS_STRANDED",
        when: "Booked sessions would fall outside the hours; send `confirmed: true` to keep them.",
      },
    ],
  },
  {
    method: "get",
    path: "/api/instructors/me/schedule",
    tag: "Instructors",
    summary: "My teaching schedule",
    description:
      "The classes the caller teaches on a day or in a week (`view`), on their home location's days, with the travel between locations back to back. For instructors, trainers and owners; their 1:1 sessions are `GET /api/instructors/me/bookings`.",
    access: "signed-in",
    query: TeachingQuerySchema,
    responses: {
      200: {
        description: "The days and their classes.",
        schema: z.object({
          view: z.enum(["day", "week"]),
          date: z.string(),
          days: z.array(
            z.object({
              date: z.string(),
              atTwoLocations: z.boolean(),
              items: z.array(
                InstructorClassSchema.extend({
                  kind: z.literal("class"),
                  travel: z
                    .object({
                      from: z.string(),
                      gapMinutes: z.number().int(),
                      travelMinutes: z.number().int().nullable(),
                      tight: z.boolean(),
                    })
                    .nullable(),
                }),
              ),
            }),
          ),
        }),
      },
    },
    errors: [
      VALIDATION,
      { status: 403, code: "INSUFFICIENT_PERMISSIONS", when: "The caller does not teach." },
      { status: 404, code: "NOT_FOUND", when: "`locationId` is not one of theirs." },
    ],
  },
  {
    method: "get",
    path: "/api/instructors/me/bookings",
    tag: "Instructors",
    summary: "The bookings I teach",
    description:
      "The sessions and class places booked with the caller, soonest first, each as `GET /api/bookings` shows it. `from`/`to` are instants with an offset or local dates (a `to` date includes that day). For those who teach (instructors, trainers, managers, the owner).",
    access: "signed-in",
    query: TeachingBookingsQuerySchema,
    paginated: true,
    responses: {
      200: {
        description: "A page of bookings.",
        schema: z.object({ bookings: z.array(BookingViewSchema), pagination: PaginationSchema }),
      },
    },
    errors: [VALIDATION, TEACHES_NOTHING],
  },
  {
    method: "get",
    path: "/api/instructors/me/requests",
    tag: "Instructors",
    summary: "Requests waiting on me",
    description:
      "The open booking requests the caller may answer: those asked of them, and those for any instructor of a session they teach where they work. Answer with `POST /api/booking-requests/{id}/respond`.",
    access: "signed-in",
    paginated: true,
    responses: {
      200: {
        description: "A page of open requests.",
        schema: z.object({ requests: z.array(BookingRequestSchema), pagination: PaginationSchema }),
      },
    },
    errors: [VALIDATION, TEACHES_NOTHING],
  },
];
