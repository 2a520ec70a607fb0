import { z } from "zod";
import {
  ClientApiQuerySchema,
  ClientPatchSchema,
  NewClientSchema,
  OwnProfilePatchSchema,
} from "~/services/people/client.schema";
import { ParqSubmissionSchema } from "~/services/people/parq.schema";
import { StaffLocationsSchema } from "~/services/people/team.schema";
import { DateRangeFields, MAX_RANGE_DAYS } from "~/services/schedule/range.schema";
import { LocationPatchSchema, LocationSchema } from "~/services/studio/location.schema";
import {
  BOOKING_METHODS,
  BOOKING_MODES,
  BOOKING_PERMISSIONS,
  BOOKING_STATUSES,
  MESSAGE_CHANNELS,
  SERVICE_TYPES,
} from "~db/schema/tenant";
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

// ---- What the answers are made of -------------------------------------------------------

const id = z.string().uuid();
const instant = z.string().datetime({ offset: true });
const localDay = z.string().openapi({ description: "A local date, YYYY-MM-DD.", example: "2026-12-07" });
const localTime = z.string().openapi({ description: "Local wall-clock time, HH:MM.", example: "18:30" });
const named = z.object({ id, name: z.string() });
const STAFF_ROLES = [
  "org_owner",
  "location_manager",
  "instructor",
  "trainer",
  "receptionist",
  "finance_manager",
] as const;

const ParqStatus = z
  .enum(["missing", "on_file", "needs_review"])
  .openapi({ description: "`needs_review`: the latest questionnaire has a yes." });

const ClientListItemSchema = z
  .object({
    id,
    fullName: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    emailOnly: z
      .string()
      .nullable()
      .openapi({ description: "Why this client's phone cannot be texted (messages go by email), or null." }),
    bookingPermissions: z.enum(BOOKING_PERMISSIONS),
    parqNeedsReview: z
      .boolean()
      .openapi({ description: "The latest PAR-Q has a yes; only ever true for callers who may read the answers." }),
    parqMissing: z.boolean().openapi({ description: "The studio requires a PAR-Q and this client has none." }),
  })
  .openapi("ClientListItem");

const ClientSchema = z
  .object({
    id,
    fullName: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    emergencyContactName: z.string().nullable(),
    emergencyContactPhone: z.string().nullable(),
    notes: z.string().nullable().openapi({ description: "The studio's notes; never shown to the client." }),
    bookingPermissions: z.enum(BOOKING_PERMISSIONS),
    marketingConsent: z.boolean(),
    messages: z.string().openapi({ description: 'Where booking messages go, in words: "Email and text messages".' }),
    discountPercent: z.number().int(),
    instructors: z.array(z.object({ id, fullName: z.string() })),
    locations: z.array(named).openapi({ description: "Home locations." }),
    memberSince: localDay,
    parq: z.object({ status: ParqStatus, lastDeclaredOn: localDay.nullable() }),
  })
  .openapi("Client");

const CLIENT_EXAMPLE = {
  id: "4f7c2d9e-1b6a-4c1e-9f3d-2a8b7c6d5e4f",
  fullName: "Amara Okafor",
  email: "amara@example.com",
  phone: "+447700900101",
  emergencyContactName: null,
  emergencyContactPhone: null,
  notes: null,
  bookingPermissions: "standard",
  marketingConsent: false,
  messages: "Email and text messages",
  discountPercent: 0,
  instructors: [],
  locations: [{ id: "9a1d3e5f-7b2c-4d6e-8f1a-3b5c7d9e1f2a", name: "Camden" }],
  memberSince: "2026-12-05",
  parq: { status: "missing", lastDeclaredOn: null },
};

const OwnProfileSchema = z
  .object({
    id,
    fullName: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    emergencyContactName: z.string().nullable(),
    emergencyContactPhone: z.string().nullable(),
    marketingConsent: z.boolean(),
    messageChannels: z.enum(MESSAGE_CHANNELS),
    noTexts: z.string().nullable().openapi({ description: "Why texts are not on offer (no mobile number), or null." }),
    memberSince: localDay,
    parq: z
      .object({
        status: ParqStatus,
        required: z.boolean().openapi({ description: "The studio asks for one before the first booking." }),
      })
      .nullable(),
  })
  .openapi("OwnProfile");

// Bookings, services, classes and instructors are described beside their own routes too; these
// say exactly what the people and location routes send.
const BookingSchema = z.object({
  id,
  kind: z.enum(SERVICE_TYPES),
  status: z.enum(BOOKING_STATUSES),
  method: z.enum(BOOKING_METHODS),
  serviceId: id,
  serviceName: z.string(),
  occurrenceId: id.nullable(),
  checkInCode: z.string().openapi({ description: "Shown (or scanned) at the desk to check in." }),
  startsAt: instant,
  endsAt: instant,
  timezone: z.string(),
  date: localDay,
  dateLabel: z.string(),
  time: localTime,
  endTime: localTime,
  location: named,
  instructor: named,
  client: named,
  spots: z.number().int(),
  notes: z.string().nullable(),
  cancelledAt: instant.nullable(),
  cancelReason: z.string().nullable(),
  creditForfeited: z.boolean(),
  rescheduledFromId: id.nullable(),
  confirmedBy: named.nullable(),
  confirmedAt: instant.nullable(),
  confirmationOverrideReason: z.string().nullable(),
});

const CreditsSchema = z
  .object({
    balance: z.number().int().openapi({ description: "Credits left on grants that have not expired." }),
    grants: z.array(
      z.object({
        id,
        name: z.string(),
        remaining: z.number().int(),
        expiresAt: instant,
        expired: z.boolean(),
        locationIds: z.array(id).openapi({ description: "Where it may be spent; empty: anywhere." }),
        serviceIds: z.array(id).openapi({ description: "What it may be spent on; empty: anything." }),
      }),
    ),
    ledger: z
      .array(
        z.object({
          id,
          grantId: id,
          grantName: z.string(),
          kind: z.enum(["grant", "adjustment", "spend", "refund"]),
          delta: z.number().int(),
          reason: z.string(),
          bookingId: id.nullable(),
          actorId: id.nullable(),
          actorName: z.string().nullable(),
          createdAt: instant,
        }),
      )
      .openapi({ description: "The latest 100 movements, newest first." }),
  })
  .openapi("ClientCredits");

const ParqLatest = z
  .object({
    answers: z.array(z.boolean()).openapi({ description: "The seven answers in order; true is yes." }),
    anyYes: z.boolean(),
    declarationName: z.string(),
    declaredOn: localDay,
  })
  .nullable();
const ParqHistory = z.array(z.object({ id, declaredOn: localDay, anyYes: z.boolean() }));
const ParqRecordSchema = z
  .object({ client: z.object({ id, fullName: z.string() }), latest: ParqLatest, history: ParqHistory })
  .openapi("ParqRecord");

const Hours = z.object({ open: localTime, close: localTime }).nullable().openapi({ description: "Null: closed." });
const LocationOutSchema = z
  .object({
    id,
    name: z.string(),
    address: z.object({
      line1: z.string(),
      line2: z.string().optional(),
      city: z.string(),
      postcode: z.string(),
      country: z.string().openapi({ description: "ISO 3166 two-letter code." }),
    }),
    timezone: z.string().openapi({ example: "Europe/London" }),
    operatingHours: z.object({ mon: Hours, tue: Hours, wed: Hours, thu: Hours, fri: Hours, sat: Hours, sun: Hours }),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    isActive: z.boolean(),
  })
  .openapi("Location");

const OPEN = { open: "07:00", close: "21:00" };
const LOCATION_EXAMPLE = {
  id: "9a1d3e5f-7b2c-4d6e-8f1a-3b5c7d9e1f2a",
  name: "Camden",
  address: { line1: "12 Parkway", city: "London", postcode: "NW1 7AA", country: "GB" },
  timezone: "Europe/London",
  operatingHours: {
    mon: OPEN,
    tue: OPEN,
    wed: OPEN,
    thu: OPEN,
    fri: OPEN,
    sat: { open: "09:00", close: "14:00" },
    sun: null,
  },
  latitude: 51.5392,
  longitude: -0.1426,
  isActive: true,
};

const ServiceSchema = z.object({
  id,
  name: z.string(),
  description: z.string(),
  type: z.enum(SERVICE_TYPES),
  duration_minutes: z.number().int(),
  capacity: z.number().int().nullable().openapi({ description: "Classes: places in each; sessions: null." }),
  price_minor: z.number().int().openapi({ description: "In minor units of the studio's currency." }),
  available_at_locations: z.array(id),
  booking_mode: z.enum(BOOKING_MODES),
  self_booking_enabled: z.boolean(),
  instructor_booking_enabled: z.boolean(),
  admin_booking_enabled: z.boolean(),
  cancellation_window_hours: z.number().int(),
  requires_credit: z.boolean(),
  archived: z.boolean(),
});

const InstructorSchema = z.object({
  id,
  fullName: z.string(),
  role: z.enum(STAFF_ROLES),
  locations: z.array(named),
});

const StaffMemberSchema = z
  .object({
    id,
    fullName: z.string(),
    role: z.enum(STAFF_ROLES),
    status: z.enum(["active", "invited", "deactivated"]),
    locations: z.array(named).openapi({ description: "Where they work (open and closed locations)." }),
  })
  .openapi("StaffMember");

const placeOf = z.object({ id, name: z.string(), timezone: z.string() });
const ScheduledClassItem = z.object({
  kind: z.literal("class"),
  id: id.openapi({ description: "The class date (occurrence): book it with `POST /api/bookings/class`." }),
  name: z.string(),
  serviceId: id,
  location: placeOf,
  instructor: named,
  startsAt: instant,
  endsAt: instant,
  localDate: localDay,
  localStartTime: localTime,
  localEndTime: localTime,
  durationMinutes: z.number().int(),
  capacity: z.number().int(),
  spotsLeft: z.number().int(),
  status: z.enum(["scheduled", "cancelled"]),
});
const ScheduledSessionItem = z.object({
  kind: z.literal("session"),
  id: id.openapi({ description: "The booking." }),
  name: z.string().openapi({ description: "The service booked." }),
  client: z
    .object({ name: z.string() })
    .nullable()
    .openapi({ description: "Null when the caller may not see whose booking it is." }),
  status: z.enum(BOOKING_STATUSES),
  instructor: z.object({ name: z.string() }),
  location: placeOf,
  startsAt: instant,
  endsAt: instant,
  localDate: localDay,
  localStartTime: localTime,
  localEndTime: localTime,
});
const ScheduleItemSchema = z
  .discriminatedUnion("kind", [ScheduledClassItem, ScheduledSessionItem])
  .openapi("LocationScheduleItem");

// ---- The errors particular to these routes ----------------------------------------------

const EMAIL_TAKEN: ApiErrorCase = {
  status: 409,
  code: "EMAIL_TAKEN",
  when: "Someone at this studio already uses that email.",
};
const INVALID_PHONE: ApiErrorCase = {
  status: 400,
  code: "INVALID_PHONE",
  when: "A phone number is not one, in the studio's country or with its own `+code`.",
};
const LOCATION_NAME_TAKEN: ApiErrorCase = {
  status: 409,
  code: "LOCATION_NAME_TAKEN",
  when: "Another location already has this name.",
};
const LOCATION_NOT_FOUND: ApiErrorCase = {
  ...NOT_FOUND,
  when: "No open location with this id here (a closed one is found only by those who may reopen it).",
};
const CLIENT_NOT_FOUND: ApiErrorCase = { ...NOT_FOUND, when: "No client with this id at this studio." };
const FOR_STAFF: ApiErrorCase = {
  ...FORBIDDEN,
  when: "The caller is a client, or staff who do not look after this client.",
};

const clientsPage = { clients: z.array(ClientListItemSchema), pagination: PaginationSchema };

// ---- The operations --------------------------------------------------------------------

export const PEOPLE_OPERATIONS: ApiOperation[] = [
  {
    method: "get",
    path: "/api/clients",
    tag: "Clients",
    summary: "List clients",
    description: `The clients the caller looks after, sorted by name, as the **Clients** page lists them: an instructor or trainer sees their assigned clients; the front desk and managers the clients of their locations (a home location or a booking there, narrowed to the location chosen in the header); the owner everyone.

\`q\` matches name, email or phone (typed any way: \`07700 900101\` finds \`+447700900101\`).`,
    access: "signed-in",
    query: ClientApiQuerySchema,
    paginated: true,
    responses: {
      200: {
        description: "A page of clients.",
        schema: z.object(clientsPage),
        example: {
          clients: [
            {
              id: CLIENT_EXAMPLE.id,
              fullName: "Amara Okafor",
              email: "amara@example.com",
              phone: "+447700900101",
              emailOnly: null,
              bookingPermissions: "standard",
              parqNeedsReview: false,
              parqMissing: true,
            },
          ],
          pagination: { page: 1, perPage: 50, hasMore: false, nextPage: null },
        },
      },
    },
    errors: [{ ...FORBIDDEN, when: "Clients and the finance manager do not see the client list." }, VALIDATION],
  },
  {
    method: "post",
    path: "/api/clients",
    tag: "Clients",
    summary: "Add a client",
    description: `Staff add a client as **Add a client** does: an active account with no password yet; the client sets one with **Forgot password** on the sign-in page. The front desk, managers (at their locations) and the owner may; \`locationId\` is the client's home location and must be an open one the caller works at.`,
    access: "signed-in",
    body: NewClientSchema,
    idempotent: true,
    responses: {
      201: {
        description: "The new client.",
        schema: z.object({ client: ClientSchema }),
        example: { client: CLIENT_EXAMPLE },
      },
    },
    errors: [
      {
        ...FORBIDDEN,
        when: "Clients, instructors and the finance manager do not add clients; nobody adds one at a location they do not work at.",
      },
      VALIDATION,
      INVALID_JSON,
      INVALID_PHONE,
      EMAIL_TAKEN,
    ],
  },
  {
    method: "get",
    path: "/api/clients/{id}",
    tag: "Clients",
    summary: "Read a client",
    description: "A client as their page shows them, for staff who look after them.",
    access: "signed-in",
    params: IdParams,
    responses: {
      200: {
        description: "The client.",
        schema: z.object({ client: ClientSchema }),
        example: { client: CLIENT_EXAMPLE },
      },
    },
    errors: [FOR_STAFF, CLIENT_NOT_FOUND],
  },
  {
    method: "patch",
    path: "/api/clients/{id}",
    tag: "Clients",
    summary: "Change a client's details",
    description: `Only the fields sent change; \`null\` or \`""\` clears an optional one. \`locationIds\` is the client's whole set of home locations (at least one). The front desk may change everything but \`discountPercent\`; a request that would change a field the caller may not is refused whole (403) and nothing of it is saved. A field that is not a client's is a 400 naming it.`,
    access: "signed-in",
    params: IdParams,
    body: ClientPatchSchema,
    responses: { 200: { description: "The client as now saved.", schema: z.object({ client: ClientSchema }) } },
    errors: [FOR_STAFF, CLIENT_NOT_FOUND, VALIDATION, INVALID_JSON, INVALID_PHONE, EMAIL_TAKEN],
  },
  {
    method: "get",
    path: "/api/clients/{id}/bookings",
    tag: "Clients",
    summary: "A client's bookings",
    description:
      "Every booking of the client, latest first, cancelled ones included: the client themself, or staff who look after them.",
    access: "signed-in",
    params: IdParams,
    paginated: true,
    responses: {
      200: {
        description: "A page of bookings.",
        schema: z.object({ bookings: z.array(BookingSchema), pagination: PaginationSchema }),
      },
    },
    errors: [
      { ...FORBIDDEN, when: "Another client, or staff who do not look after this client." },
      CLIENT_NOT_FOUND,
      VALIDATION,
    ],
  },
  {
    method: "get",
    path: "/api/clients/{id}/credits",
    tag: "Clients",
    summary: "A client's credits",
    description: "Balance, grants and the latest ledger entries: the client themself, or staff who look after them.",
    access: "signed-in",
    params: IdParams,
    responses: {
      200: {
        description: "The client's credits.",
        schema: CreditsSchema,
        example: { balance: 4, grants: [], ledger: [] },
      },
    },
    errors: [{ ...FORBIDDEN, when: "Another client, or staff who do not look after this client." }, CLIENT_NOT_FOUND],
  },
  {
    method: "get",
    path: "/api/clients/{id}/parq",
    tag: "Clients",
    summary: "A client's health questionnaire",
    description:
      "The latest PAR-Q answers and every earlier declaration: the client themself, or staff who may read them (the owner, managers at the client's locations, the client's instructors). The front desk sees only the status, on the client.",
    access: "signed-in",
    params: IdParams,
    responses: { 200: { description: "The answers.", schema: ParqRecordSchema } },
    errors: [{ ...FORBIDDEN, when: "The caller may not read this client's answers." }, CLIENT_NOT_FOUND],
  },
  {
    method: "post",
    path: "/api/clients/{id}/parq",
    tag: "Clients",
    summary: "Fill in the health questionnaire",
    description: `Only the client themself, with the seven answers in order (\`true\` is yes) and their full name as on their account as the declaration. Each submission is kept; the latest counts.`,
    access: "signed-in",
    params: IdParams,
    body: ParqSubmissionSchema,
    idempotent: true,
    responses: {
      201: {
        description: "The answers as now on file.",
        schema: z.object({ latest: ParqLatest, history: ParqHistory }),
      },
    },
    errors: [
      { ...FORBIDDEN, when: "Someone other than the client themself." },
      { ...VALIDATION, when: "A field is not valid, or the declaration is not the client's name." },
      INVALID_JSON,
    ],
  },
  {
    method: "get",
    path: "/api/clients/me",
    tag: "Clients",
    summary: "My details",
    description: "The signed-in client's own details (never the studio's notes about them).",
    access: "signed-in",
    responses: { 200: { description: "The client's details.", schema: z.object({ client: OwnProfileSchema }) } },
    errors: [{ ...FORBIDDEN, when: "The caller is staff, not a client." }],
  },
  {
    method: "patch",
    path: "/api/clients/me",
    tag: "Clients",
    summary: "Change my details",
    description:
      "The client's own fields only; a field the studio keeps (booking permission, discount, notes) is a 400 naming it. Texts (`messageChannels` `sms` or `both`) need a mobile number.",
    access: "signed-in",
    body: OwnProfilePatchSchema,
    responses: { 200: { description: "The details as now saved.", schema: z.object({ client: OwnProfileSchema }) } },
    errors: [
      { ...FORBIDDEN, when: "The caller is staff, not a client." },
      VALIDATION,
      INVALID_JSON,
      INVALID_PHONE,
      { status: 400, code: "NO_MOBILE", when: "Texts were asked for without a mobile number." },
    ],
  },
  {
    method: "get",
    path: "/api/locations",
    tag: "Locations",
    summary: "List locations",
    description: "The studio's open locations, for anyone signed in.",
    access: "signed-in",
    paginated: true,
    responses: {
      200: {
        description: "A page of locations.",
        schema: z.object({ locations: z.array(LocationOutSchema), pagination: PaginationSchema }),
        example: {
          locations: [LOCATION_EXAMPLE],
          pagination: { page: 1, perPage: 50, hasMore: false, nextPage: null },
        },
      },
    },
    errors: [VALIDATION],
  },
  {
    method: "post",
    path: "/api/locations",
    tag: "Locations",
    summary: "Open a location",
    description:
      "The owner only. A day of `operatingHours` is `null` (or `{ closed: true }`) when closed. The country defaults to `GB`.",
    access: "signed-in",
    body: LocationSchema,
    idempotent: true,
    responses: {
      201: {
        description: "The new location.",
        schema: z.object({ location: LocationOutSchema }),
        example: { location: LOCATION_EXAMPLE },
      },
    },
    errors: [{ ...FORBIDDEN, when: "Anyone but the owner." }, VALIDATION, INVALID_JSON, LOCATION_NAME_TAKEN],
  },
  {
    method: "get",
    path: "/api/locations/{id}",
    tag: "Locations",
    summary: "Read a location",
    description: "An open location for anyone signed in; a closed one for those who may reopen it.",
    access: "signed-in",
    params: IdParams,
    responses: {
      200: {
        description: "The location.",
        schema: z.object({ location: LocationOutSchema }),
        example: { location: LOCATION_EXAMPLE },
      },
    },
    errors: [LOCATION_NOT_FOUND],
  },
  {
    method: "patch",
    path: "/api/locations/{id}",
    tag: "Locations",
    summary: "Change a location",
    description: `The owner, or a manager of this location, changes any of its fields (\`null\` clears a coordinate; \`isActive: false\` closes it). New opening hours that would leave upcoming classes or booked sessions outside them answer 409 \`OUTSIDE_NEW_HOURS\`, naming each in \`fieldErrors.operatingHours\`, unless \`confirmOutsideHours: true\` is sent.`,
    access: "signed-in",
    params: IdParams,
    body: LocationPatchSchema.extend({
      confirmOutsideHours: z
        .boolean()
        .optional()
        .openapi({ description: "Save new hours even though classes or sessions fall outside them." }),
    }),
    responses: {
      200: { description: "The location as now saved.", schema: z.object({ location: LocationOutSchema }) },
    },
    errors: [
      { ...FORBIDDEN, when: "Anyone but the owner or a manager of this location." },
      LOCATION_NOT_FOUND,
      VALIDATION,
      INVALID_JSON,
      LOCATION_NAME_TAKEN,
      { status: 409, code: "LAST_OPEN_LOCATION", when: "Closing the studio's only open location." },
      {
        status: 409,
        code: "OUTSIDE_NEW_HOURS",
        when: "Classes or booked sessions would fall outside the new hours; send `confirmOutsideHours: true`.",
      },
    ],
  },
  {
    method: "get",
    path: "/api/locations/{id}/schedule",
    tag: "Locations",
    summary: "A location's schedule",
    description: `What happens at the location from \`from\` to \`to\` (its local days, both included; at most ${MAX_RANGE_DAYS} days), in time order. Everyone signed in gets its classes (cancelled ones marked), as \`GET /api/classes\` shows them. Whoever sees every booking there (its front desk and managers, the owner) gets its 1:1 sessions too, with the client's name: \`withSessions\` says which the answer is.`,
    access: "signed-in",
    params: IdParams,
    query: DateRangeFields,
    paginated: true,
    responses: {
      200: {
        description: "A page of the schedule.",
        schema: z.object({
          location: placeOf,
          from: localDay,
          to: localDay,
          withSessions: z.boolean().openapi({ description: "Whether the caller's answer includes 1:1 sessions." }),
          items: z.array(ScheduleItemSchema),
          pagination: PaginationSchema,
        }),
        example: {
          location: { id: LOCATION_EXAMPLE.id, name: "Camden", timezone: "Europe/London" },
          from: "2026-12-07",
          to: "2026-12-13",
          withSessions: false,
          items: [
            {
              kind: "class",
              id: "0c8e2f4a-6b1d-4e3f-9a5c-7d2e4f6a8b1c",
              name: "Mat Pilates",
              serviceId: "5e2a7c9d-1f3b-4a6c-8e2d-4f6a8c1e3b5d",
              location: { id: LOCATION_EXAMPLE.id, name: "Camden", timezone: "Europe/London" },
              instructor: { id: "7b3d5f1a-9c2e-4d6f-8a1b-3c5e7f9a2b4d", name: "Joe Park" },
              startsAt: "2026-12-07T18:30:00.000Z",
              endsAt: "2026-12-07T19:25:00.000Z",
              localDate: "2026-12-07",
              localStartTime: "18:30",
              localEndTime: "19:25",
              durationMinutes: 55,
              capacity: 12,
              spotsLeft: 3,
              status: "scheduled",
            },
          ],
          pagination: { page: 1, perPage: 50, hasMore: false, nextPage: null },
        },
      },
    },
    errors: [
      { ...VALIDATION, when: "A date is not YYYY-MM-DD, or the range runs backwards or is too long." },
      LOCATION_NOT_FOUND,
    ],
  },
  {
    method: "get",
    path: "/api/locations/{id}/services",
    tag: "Locations",
    summary: "Services at a location",
    description:
      "What is on offer at the location (archived services left out), as `GET /api/services?locationId=` lists it.",
    access: "signed-in",
    params: IdParams,
    paginated: true,
    responses: {
      200: {
        description: "A page of services.",
        schema: z.object({ services: z.array(ServiceSchema), pagination: PaginationSchema }),
      },
    },
    errors: [LOCATION_NOT_FOUND, VALIDATION],
  },
  {
    method: "get",
    path: "/api/locations/{id}/instructors",
    tag: "Locations",
    summary: "Instructors at a location",
    description:
      "Who can be booked to teach or train at the location (instructors, trainers and the owner, active ones), as `GET /api/instructors?locationId=` shows them.",
    access: "signed-in",
    params: IdParams,
    paginated: true,
    responses: {
      200: {
        description: "A page of instructors.",
        schema: z.object({ instructors: z.array(InstructorSchema), pagination: PaginationSchema }),
      },
    },
    errors: [{ ...NOT_FOUND, when: "No open location with this id here." }, VALIDATION],
  },
  {
    method: "post",
    path: "/api/users/{id}/locations",
    tag: "Team",
    summary: "Set where someone works",
    description: `\`accessible_locations\` is the complete new list of where the staff member works (at least one). The owner sets any; a manager adds or takes away only their own locations, and the member's others must come back unchanged. Nobody is newly sent to a closed location. Sending the same list again changes nothing, so no \`Idempotency-Key\` is needed.`,
    access: "signed-in",
    params: IdParams,
    body: StaffLocationsSchema,
    responses: {
      200: { description: "The staff member as now saved.", schema: z.object({ user: StaffMemberSchema }) },
    },
    errors: [
      { ...FORBIDDEN, when: "Anyone but the owner or a manager; a manager changing a location that is not theirs." },
      { ...NOT_FOUND, when: "No one on the team has this id." },
      { ...VALIDATION, when: "A field is not valid, or a location is not an open one of this studio." },
      INVALID_JSON,
    ],
  },
];
