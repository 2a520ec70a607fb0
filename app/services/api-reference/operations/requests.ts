import { z } from "zod";
import { RequestApiSchema, RequestListQuerySchema, RespondApiSchema } from "~/services/requests/schema";
import { JoinWaitlistBody, JoinWaitlistByClassBody, LeaveWaitlistBody } from "~/services/waitlist/api.schema";
import { REQUEST_STATUSES, WAITLIST_STATUSES } from "~db/schema/tenant";
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
import { BookingViewSchema, instant } from "./booking-view";

/** Booking requests (instructor-led sessions) and class waitlists. */

const timeInWords = z.object({
  startTime: instant("The time."),
  text: z.string().openapi({ description: "The same time in words, on the location's clock." }),
});

export const BookingRequestSchema = z
  .object({
    id: z.string().uuid(),
    status: z.enum(REQUEST_STATUSES),
    statusText: z.string(),
    clientId: z.string().uuid(),
    clientName: z.string(),
    serviceId: z.string().uuid(),
    serviceName: z.string(),
    locationId: z.string().uuid(),
    locationName: z.string(),
    instructorId: z.string().uuid().nullable().openapi({ description: "Null: any instructor who teaches it there." }),
    instructorName: z.string(),
    preferredTimes: z.array(timeInWords),
    notes: z.string(),
    proposed: z
      .object({
        startTime: instant("The time the instructor proposed."),
        text: z.string(),
        instructorName: z.string().nullable(),
      })
      .nullable(),
    responseNote: z.string().nullable(),
    bookingId: z.string().uuid().nullable().openapi({ description: "The session booked when it was accepted." }),
    escalated: z.boolean().openapi({ description: "Still pending past the studio's deadline: the studio is told." }),
    expiresAt: instant("When an unanswered request ends."),
    expiresText: z.string(),
    createdAt: instant("When it was asked."),
  })
  .openapi("BookingRequest");

const WaitlistEntrySchema = z
  .object({
    id: z.string().uuid(),
    classId: z.string().uuid().openapi({ description: "The class date's id." }),
    clientId: z.string().uuid(),
    status: z.enum(WAITLIST_STATUSES),
    position: z.number().int().nullable().openapi({ description: "Place in line from 1; null once out of it." }),
    joinedAt: instant("When they joined."),
    offerExpiresAt: z.string().nullable().openapi({ description: "While a place is offered: when the offer ends." }),
    bookingId: z.string().uuid().nullable(),
  })
  .openapi("WaitlistEntry");

const ENTRY = z.object({ entry: WaitlistEntrySchema });

const REQUEST_REFUSALS: ApiErrorCase[] = [
  { status: 400, code: "INVALID_PREFERRED_TIMES", when: "A preferred time is past, too far ahead or repeated." },
  { status: 400, code: "LOCATION_NOT_OFFERED", when: "The service is not offered at that location." },
  { status: 400, code: "INSTRUCTOR_NOT_HERE", when: "That instructor does not teach at this location." },
  { status: 403, code: "ACCOUNT_INACTIVE", when: "The client's account cannot book." },
  { status: 403, code: "CLIENT_RESTRICTED", when: "The client must contact the studio to book." },
  { status: 409, code: "NOT_INSTRUCTOR_LED", when: "The session is booked directly, not by request." },
  { status: 409, code: "NO_INSTRUCTOR", when: "Nobody teaches this session at that location yet." },
];

const JOIN_REFUSALS: ApiErrorCase[] = [
  { status: 409, code: "PLACES_FREE", when: "The class has places free: book one instead." },
  { status: 409, code: "ALREADY_WAITING", when: "The client is already in this line." },
  { status: 409, code: "ALREADY_BOOKED", when: "The client already has a place in the class." },
  { status: 409, code: "CLASS_STARTED", when: "The class has started." },
  { status: 409, code: "CLASS_CANCELLED", when: "The class is cancelled." },
  { status: 409, code: "OWN_CLASS", when: "The caller teaches this class." },
  { status: 409, code: "CLIENT_INACTIVE", when: "The client's account is not active." },
];

const entryExample = {
  entry: {
    id: "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d",
    classId: "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0",
    clientId: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
    status: "waiting",
    position: 3,
    joinedAt: "2026-12-01T09:30:00.000Z",
    offerExpiresAt: null,
    bookingId: null,
  },
};

const joinDescription = (how: string) => `${how}

**Who:** a client for themselves; staff who may book clients at the class's location add a client (\`clientId\`). Only a full class has a line. When a place frees, the first in line is offered it (or booked straight in, as the class is set up).`;

export const REQUESTS_OPERATIONS: ApiOperation[] = [
  {
    method: "get",
    path: "/api/booking-requests",
    tag: "Booking requests",
    summary: "List booking requests",
    description:
      "A client's own requests; for staff, those they may answer: an instructor theirs and those for any instructor where they teach, managers their locations', the owner all. Receptionists answer none, so see none. Newest first.",
    access: "signed-in",
    query: RequestListQuerySchema,
    paginated: true,
    responses: {
      200: {
        description: "A page of requests.",
        schema: z.object({ requests: z.array(BookingRequestSchema), pagination: PaginationSchema }),
      },
    },
    errors: [VALIDATION],
  },
  {
    method: "post",
    path: "/api/booking-requests",
    tag: "Booking requests",
    summary: "Ask for a session",
    description:
      "A client asks for a session of an instructor-led service at a location, with up to a few `preferredTimes` (instants with an offset) and an instructor, or none for anyone who teaches it there. The instructor accepts one, proposes another or declines; unanswered, it is escalated to the studio and then ends.",
    access: "signed-in",
    body: RequestApiSchema,
    idempotent: true,
    responses: {
      201: { description: "The request, pending.", schema: z.object({ request: BookingRequestSchema }) },
    },
    errors: [VALIDATION, INVALID_JSON, FORBIDDEN, NOT_FOUND, ...REQUEST_REFUSALS],
  },
  {
    method: "post",
    path: "/api/booking-requests/{id}/respond",
    tag: "Booking requests",
    summary: "Answer a booking request",
    description: `The instructor (or the owner, or a manager at its location) answers a pending request:

- \`accept\` a \`startTime\` (one the client gave): the session is booked and \`bookingId\` is set;
- \`propose\` another \`startTime\`, with a \`note\`: the client is asked to agree;
- \`decline\` with a \`reason\`;
- \`reassign\` to another \`instructorId\` (owner and managers).

A refusal (the time taken since, no credit) leaves the request pending. The \`Idempotency-Key\` is the booking engine's own: an accepted request is booked once.`,
    access: "signed-in",
    params: IdParams,
    body: RespondApiSchema,
    idempotent: true,
    responses: {
      200: { description: "The request as answered.", schema: z.object({ request: BookingRequestSchema }) },
    },
    errors: [
      VALIDATION,
      INVALID_JSON,
      FORBIDDEN,
      NOT_FOUND,
      { status: 400, code: "NOT_A_PREFERRED_TIME", when: "Accepting a time the client did not ask for." },
      { status: 400, code: "TIME_PASSED", when: "Proposing a time in the past." },
      { status: 400, code: "TIME_TOO_FAR", when: "Proposing a time more than a year ahead." },
      { status: 400, code: "INSTRUCTOR_NOT_HERE", when: "That instructor does not teach this session there." },
      { status: 400, code: "CHOOSE_INSTRUCTOR", when: "An owner or manager accepting must say who teaches it." },
      { status: 409, code: "REQUEST_ANSWERED", when: "The request was answered or ended meanwhile." },
      { status: 409, code: "SLOT_UNAVAILABLE", when: "The instructor is not free then." },
      { status: 409, code: "INSTRUCTOR_GONE", when: "That instructor is no longer available." },
      { status: 409, code: "ALREADY_THEIRS", when: "Reassigning to the instructor who has it." },
    ],
  },
  {
    method: "post",
    path: "/api/waitlist",
    tag: "Waitlist",
    summary: "Join a class's waitlist",
    description: joinDescription("Takes a place in line for a full class (`classId`, a class date's id)."),
    access: "signed-in",
    body: JoinWaitlistByClassBody,
    idempotent: true,
    responses: { 201: { description: "The place in line.", schema: ENTRY, example: entryExample } },
    errors: [VALIDATION, INVALID_JSON, FORBIDDEN, NOT_FOUND, ...JOIN_REFUSALS],
  },
  {
    method: "delete",
    path: "/api/waitlist/{id}",
    tag: "Waitlist",
    summary: "Leave a waitlist",
    description:
      "The client leaves the line; staff at the class's location take someone off it and must give a `reason`. An open offer goes to the next in line at once. The body may be left out.",
    access: "signed-in",
    params: IdParams,
    body: LeaveWaitlistBody,
    responses: { 200: { description: "The entry, ended.", schema: ENTRY } },
    errors: [
      VALIDATION,
      INVALID_JSON,
      FORBIDDEN,
      NOT_FOUND,
      { status: 409, code: "NOT_WAITING", when: "This place in line has already ended." },
      { status: 422, code: "REASON_REQUIRED", when: "Staff must say why they take a client off." },
    ],
  },
  {
    method: "post",
    path: "/api/waitlist/{id}/accept",
    tag: "Waitlist",
    summary: "Take an offered place",
    description:
      "The entry's client takes the place offered to them: the class is booked with a credit, or, without one, the answer is a Stripe Checkout to pay for it (the place is held meanwhile). The `Idempotency-Key` is the booking engine's own.",
    access: "signed-in",
    params: IdParams,
    idempotent: true,
    responses: {
      200: {
        description: "The booking, or the payment to make.",
        schema: z.union([
          z.object({ booking: BookingViewSchema }),
          z.object({ payment: z.object({ id: z.string().uuid(), checkoutUrl: z.string().url() }) }),
        ]),
      },
    },
    errors: [
      NOT_FOUND,
      { status: 409, code: "OFFER_ANSWERED", when: "The offer was already taken or let go." },
      { status: 409, code: "NO_OFFER", when: "No place is offered to them yet." },
      { status: 409, code: "NOT_WAITING", when: "They are no longer in this line." },
      { status: 409, code: "WAITLIST_CLOSED", when: "The line is closed (the class started or was cancelled)." },
      { status: 410, code: "OFFER_EXPIRED", when: "The offer ran out; the place went to the next in line." },
    ],
  },
  {
    method: "get",
    path: "/api/classes/{id}/waitlist",
    tag: "Waitlist",
    summary: "A class's waitlist",
    description:
      "For staff who may book clients at the class's location: the line in order, a page of it. For a client: only their own place in it (`entry`, null when not in line), not paged.",
    access: "signed-in",
    params: IdParams,
    paginated: true,
    responses: {
      200: {
        description: "The line (staff), or the caller's place (a client).",
        schema: z.union([
          z.object({
            waitlist: z.array(WaitlistEntrySchema.extend({ clientName: z.string() })),
            pagination: PaginationSchema,
          }),
          z.object({ entry: WaitlistEntrySchema.nullable() }),
        ]),
      },
    },
    errors: [VALIDATION, FORBIDDEN, { status: 404, code: "NOT_FOUND", when: "No such class date." }],
  },
  {
    method: "post",
    path: "/api/classes/{id}/waitlist",
    tag: "Waitlist",
    summary: "Join this class's waitlist",
    description: joinDescription("Takes a place in line for this full class date. The body may be left out."),
    access: "signed-in",
    params: IdParams,
    body: JoinWaitlistBody,
    idempotent: true,
    responses: { 201: { description: "The place in line.", schema: ENTRY, example: entryExample } },
    errors: [VALIDATION, INVALID_JSON, FORBIDDEN, NOT_FOUND, ...JOIN_REFUSALS],
  },
];
