import { z } from "zod";
import { ConfirmApiSchema, CreateIntentSchema, PurchaseApiSchema } from "~/services/payments/api.schema";
import { RefundApiSchema } from "~/services/payments/refund.schema";
import { ChurnQuerySchema } from "~/services/reports/churn.schema";
import {
  type ApiErrorCase,
  type ApiOperation,
  FORBIDDEN,
  INVALID_JSON,
  NOT_FOUND,
  PaginationSchema,
  VALIDATION,
} from "../operation";

const Minor = z.number().int().openapi({ description: "Money in minor units (pence) of `currency`." });
const Currency = z.string().openapi({ description: "ISO 4217, as the studio's: `GBP`.", example: "GBP" });
const IsoDate = z.string().openapi({ description: "A local date, `YYYY-MM-DD`.", example: "2026-03-01" });
const Rate = z.number().nullable().openapi({ description: "A share from 0 to 1; null when nothing was counted." });
const LocationChoice = z.string().openapi({ description: "`all` or the location's id the answer covers." });
const Place = z.object({ id: z.string().uuid(), name: z.string() });

/** `from`, `to` and `location` of every money and people report. */
const ReportQuery = z.object({
  from: IsoDate.optional().openapi({ description: "First local day counted; with `to`. Default: this month." }),
  to: IsoDate.optional().openapi({ description: "Last local day counted (included)." }),
  location: z
    .string()
    .optional()
    .openapi({ description: "`all` or a location's id; one the caller may not see counts all of theirs." }),
});

const PERIOD_REFUSED: ApiErrorCase = {
  status: 400,
  code: "VALIDATION_ERROR",
  when: "`from`/`to` are not both dates, or `to` comes before `from`.",
};
const REPORT_VIEWERS =
  "For the owner, managers (their locations only) and the finance manager: the `report.view` permission.";
const NOT_READY: ApiErrorCase = {
  status: 409,
  code: "ONLINE_PAYMENT_NOT_READY",
  when: "The studio does not take card payments online (Stripe not connected).",
};
const CLIENTS_ONLY: ApiErrorCase = {
  ...FORBIDDEN,
  when: "Only clients pay online for themselves; staff use the desk.",
};

// ---------------------------------------------------------------- Packages

const PackageSchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    credits: z.number().int(),
    priceMinor: Minor,
    currency: Currency,
    validDays: z.number().int().openapi({ description: "Days the credits last from the purchase." }),
    locationIds: z.array(z.string().uuid()).openapi({ description: "Where the credits are spent; empty: anywhere." }),
    serviceIds: z.array(z.string().uuid()).openapi({ description: "What the credits buy; empty: any credit service." }),
  })
  .openapi("Package");

const PaymentStartSchema = z
  .object({
    payment: z.object({
      id: z.string().uuid(),
      status: z.enum(["pending", "paid", "partially_refunded", "refunded", "failed", "expired"]),
      amountMinor: Minor,
      currency: Currency,
    }),
    checkoutUrl: z
      .string()
      .url()
      .nullable()
      .openapi({ description: "Stripe's Checkout page to send the payer to; null once the payment is not open." }),
  })
  .openapi("PaymentStart");

const PAYMENT_START_EXAMPLE = {
  payment: { id: "6f1c7a52-3a0e-4f7e-9a55-1d2b0c9e8f10", status: "pending", amountMinor: 5500, currency: "GBP" },
  checkoutUrl: "https://checkout.stripe.com/c/pay/cs_test_a1b2c3",
};

const PAYMENT_STARTED = {
  201: {
    description: "The payment is open; pay at `checkoutUrl`.",
    schema: PaymentStartSchema,
    example: PAYMENT_START_EXAMPLE,
  },
  200: {
    description: "A repeat with the same `Idempotency-Key`: the first payment again (`Idempotent-Replayed: true`).",
    schema: PaymentStartSchema,
  },
} as const;

const PACKAGE_REFUSALS: ApiErrorCase[] = [
  { ...NOT_FOUND, when: "No such package on sale." },
  { status: 409, code: "INTRO_OFFER", when: "The package is the intro offer: it is taken on the intro offer page." },
  { status: 409, code: "NOTHING_TO_PAY", when: "The package is free: the desk adds it." },
];

const PACKAGES: ApiOperation[] = [
  {
    method: "get",
    path: "/api/packages",
    tag: "Packages",
    summary: "List the packages on sale",
    description: "Anyone may see them, cheapest first. Archived packages are left out.",
    access: "public",
    paginated: true,
    responses: {
      200: {
        description: "A page of the packages on sale.",
        schema: z.object({ packages: z.array(PackageSchema), pagination: PaginationSchema }),
        example: {
          packages: [
            {
              id: "0b7d3c1e-5a4f-4d2b-8c9e-1f2a3b4c5d6e",
              name: "10-class pack",
              credits: 10,
              priceMinor: 12000,
              currency: "GBP",
              validDays: 90,
              locationIds: [],
              serviceIds: [],
            },
          ],
          pagination: { page: 1, perPage: 50, hasMore: false, nextPage: null },
        },
      },
    },
    errors: [{ ...VALIDATION, when: "`page` or `perPage` is out of range." }],
  },
  {
    method: "post",
    path: "/api/packages/purchase",
    tag: "Packages",
    summary: "Buy a package",
    description:
      "A client buys a package for themselves, as the packages page's **Buy** does: an open payment is written " +
      "and Stripe's Checkout page opened on the studio's account.\n\n" +
      "Send the payer to `checkoutUrl`. The credits are granted when Stripe's webhook says the money arrived, " +
      "never by this call; follow the payment with `POST /api/payments/confirm`. With `Idempotency-Key`, a repeat " +
      "answers the same payment and page; the same key for another package is a 422.",
    access: "signed-in",
    body: PurchaseApiSchema,
    idempotent: true,
    responses: PAYMENT_STARTED,
    errors: [VALIDATION, INVALID_JSON, CLIENTS_ONLY, ...PACKAGE_REFUSALS, NOT_READY],
  },
];

// ---------------------------------------------------------------- Payments

const PaymentStateSchema = z
  .object({
    payment: z.object({
      id: z.string().uuid(),
      kind: z.enum(["package", "booking", "other", "no_show_fee"]),
      status: z.enum(["pending", "paid", "partially_refunded", "refunded", "failed", "expired"]).openapi({
        description: "`pending` until Stripe's word arrives; `failed` and `expired` never took money.",
      }),
      amountMinor: Minor,
      refundedMinor: Minor,
      currency: Currency,
      paidAt: z.string().datetime({ offset: true }).nullable(),
      failure: z.string().nullable().openapi({ description: "Why it failed or ended, or the last declined card." }),
    }),
    granted: z.object({
      credits: z
        .object({
          grantId: z.string().uuid(),
          credits: z.number().int(),
          expiresAt: z.string().datetime({ offset: true }),
        })
        .nullable()
        .openapi({ description: "The package's credits, once paid." }),
      bookingId: z.string().uuid().nullable().openapi({
        description: "The booking the payment confirmed, once paid (null if its place was released first).",
      }),
    }),
    checkoutUrl: z.string().url().nullable().openapi({ description: "Stripe's page, while it can still be paid." }),
  })
  .openapi("PaymentState");

const RefundAnswerSchema = z
  .object({
    refund: z.object({
      id: z.string().uuid(),
      paymentId: z.string().uuid(),
      amountMinor: Minor,
      currency: Currency,
      status: z.enum(["pending", "succeeded", "failed"]),
      reason: z.string(),
      creditsRemoved: z.number().int().openapi({ description: "Unused credits of the package taken back." }),
      createdAt: z.string().datetime({ offset: true }),
    }),
    payment: z.object({ id: z.string().uuid(), amountMinor: Minor, refundedMinor: Minor }),
  })
  .openapi("Refund");

const PAYMENTS: ApiOperation[] = [
  {
    method: "post",
    path: "/api/payments/create-intent",
    tag: "Payments",
    summary: "Start paying: a package or a booking awaiting payment",
    description:
      "The guide's Stripe \"payment intent\", on this product's Stripe Checkout design. Send `{ packageId }` to " +
      "buy a package (as `POST /api/packages/purchase`) or `{ bookingId }` for a booking of the caller's held " +
      "awaiting payment (the place stays held until the page expires, 30 minutes).\n\n" +
      "**The client pays on Stripe's page at `checkoutUrl`**; no card details pass through this API. " +
      "**Stripe's webhook grants** what was bought (the credits, or the booking confirmed) once the money " +
      "arrives; poll `POST /api/payments/confirm` to learn it. The same `Idempotency-Key` answers the same " +
      "payment and Checkout session; another body with it is a 422.",
    access: "signed-in",
    body: CreateIntentSchema,
    idempotent: true,
    responses: PAYMENT_STARTED,
    errors: [
      { ...VALIDATION, when: "Neither or both of `packageId` and `bookingId`, or not an id." },
      INVALID_JSON,
      CLIENTS_ONLY,
      ...PACKAGE_REFUSALS,
      { ...NOT_FOUND, when: "No such package on sale, or no booking of the caller's awaiting payment." },
      { status: 409, code: "ALREADY_PAID", when: "The booking is already paid for." },
      { status: 409, code: "PAYMENT_ENDED", when: "The booking's payment page expired: book again." },
      NOT_READY,
    ],
  },
  {
    method: "post",
    path: "/api/payments/confirm",
    tag: "Payments",
    summary: "Where a payment stands and what it gave",
    description:
      "For the payer, and staff who may see the payment (others: 404). It **grants nothing**: Stripe's webhook " +
      "does. While the payment is `pending`, Stripe is asked about its Checkout session and an answer the " +
      "webhook missed is applied exactly as the webhook would have; if Stripe cannot be reached the answer " +
      "stays `pending`. Call it again after the payer returns from Checkout until the status changes.",
    access: "signed-in",
    body: ConfirmApiSchema,
    responses: {
      200: {
        description: "The payment's state, and the credits or booking it gave.",
        schema: PaymentStateSchema,
        example: {
          payment: {
            id: "6f1c7a52-3a0e-4f7e-9a55-1d2b0c9e8f10",
            kind: "package",
            status: "paid",
            amountMinor: 5500,
            refundedMinor: 0,
            currency: "GBP",
            paidAt: "2026-03-05T10:15:00.000Z",
            failure: null,
          },
          granted: {
            credits: {
              grantId: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
              credits: 5,
              expiresAt: "2026-05-04T10:15:00.000Z",
            },
            bookingId: null,
          },
          checkoutUrl: null,
        },
      },
    },
    errors: [VALIDATION, INVALID_JSON, { ...NOT_FOUND, when: "No such payment, or not one the caller may see." }],
  },
  {
    method: "post",
    path: "/api/payments/refund",
    tag: "Payments",
    summary: "Refund some or all of a payment",
    description:
      "By the refund page's rules: owner, managers and the finance manager; receptionists up to the studio's " +
      "limit. A card payment is refunded through Stripe, cash at the desk; a package's unused credits go back " +
      "with it. With `Idempotency-Key`, a repeat answers the first refund (200) instead of making a second; " +
      "the key sent for another payment or amount is a 422.",
    access: "signed-in",
    body: RefundApiSchema,
    idempotent: true,
    responses: {
      201: {
        description: "The refund was made.",
        schema: RefundAnswerSchema,
        example: {
          refund: {
            id: "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f",
            paymentId: "6f1c7a52-3a0e-4f7e-9a55-1d2b0c9e8f10",
            amountMinor: 1500,
            currency: "GBP",
            status: "succeeded",
            reason: "Class cancelled by the studio",
            creditsRemoved: 0,
            createdAt: "2026-03-06T09:00:00.000Z",
          },
          payment: { id: "6f1c7a52-3a0e-4f7e-9a55-1d2b0c9e8f10", amountMinor: 5500, refundedMinor: 1500 },
        },
      },
      200: { description: "A repeat with the same `Idempotency-Key`: the first refund.", schema: RefundAnswerSchema },
    },
    errors: [
      VALIDATION,
      INVALID_JSON,
      { ...FORBIDDEN, when: "The caller's role may not refund, or not this much (a receptionist's limit)." },
      { ...NOT_FOUND, when: "No such payment, or not one the caller may see." },
      { status: 409, code: "NOT_PAID", when: "The payment has not gone through (or Stripe has not confirmed it yet)." },
      { status: 409, code: "DUPLICATE_SUBMISSION", when: "The same key is being answered just now." },
      { status: 422, code: "REFUND_TOO_LARGE", when: "More than what is left of the payment." },
      { status: 422, code: "IDEMPOTENCY_KEY_REUSED", when: "The key was used for another payment or amount." },
    ],
  },
  {
    method: "post",
    path: "/api/payments/webhooks/stripe",
    tag: "Payments",
    summary: "Stripe's events (Connect webhook)",
    description:
      "Stripe posts events from the studios' connected accounts here; the `Stripe-Signature` header over the " +
      "exact body, not a session, says it is Stripe. This is the only thing that grants credits or confirms a " +
      "paid booking. A 2xx tells Stripe to stop sending the event (a repeat answers `duplicate: true`); a 503 " +
      "asks it to send it again later. `GET` answers 405.",
    access: "stripe",
    body: z.object({}).passthrough().openapi({ description: "A Stripe event, as Stripe signed it." }),
    responses: {
      200: {
        description: "The event was received (applied, ignored, or waiting for the event it depends on).",
        schema: z.object({
          received: z.literal(true),
          id: z.string(),
          type: z.string(),
          outcome: z.enum(["applied", "ignored", "waiting"]),
          duplicate: z.boolean(),
        }),
        example: {
          received: true,
          id: "evt_1",
          type: "checkout.session.completed",
          outcome: "applied",
          duplicate: false,
        },
      },
    },
    errors: [
      { status: 400, code: "SIGNATURE_MISSING", when: "No `Stripe-Signature` header." },
      { status: 400, code: "SIGNATURE_INVALID", when: "The signature does not match this endpoint's secret." },
      { status: 400, code: "INVALID_EVENT", when: "The signed body is not a Stripe event." },
      { status: 404, code: "WEBHOOKS_NOT_SET_UP", when: "This deployment has no Stripe webhook secret." },
    ],
  },
];

// ---------------------------------------------------------------- Dashboard

const Money = z.object({ minor: Minor, display: z.string().openapi({ example: "£12.34" }) });
const Share = z.object({ rate: Rate, display: z.string() });

const DashboardSchema = z
  .object({
    scope: z.object({
      selected: LocationChoice,
      label: z.string(),
      options: z.array(Place).openapi({ description: "The locations the caller may choose." }),
      locations: z.array(Place.extend({ timezone: z.string() })).openapi({ description: "The locations counted." }),
    }),
    currency: Currency,
    severalClocks: z.boolean().openapi({ description: "The locations counted keep different time zones." }),
    periods: z.array(
      z.object({
        period: z.enum(["today", "week", "month"]),
        title: z.string(),
        description: z.string(),
        dates: z.object({ from: IsoDate, to: IsoDate, previousFrom: IsoDate, previousTo: IsoDate }),
        revenue: z.object({ net: Money, taken: Money, refunded: Money, previousNet: Money, change: z.string() }),
        bookings: z.object({
          made: z.number().int(),
          previous: z.number().int(),
          change: z.string(),
          cancellations: z.number().int(),
          lateCancellations: z.number().int(),
        }),
        attendance: Share.extend({
          attended: z.number().int(),
          noShows: z.number().int(),
          unmarked: z.number().int(),
          previousDisplay: z.string(),
          change: z.string().nullable(),
        }),
        utilisation: Share.extend({
          booked: z.number().int(),
          capacity: z.number().int(),
          previousDisplay: z.string(),
          change: z.string().nullable(),
        }),
        newClients: z.object({ count: z.number().int(), previous: z.number().int(), change: z.string() }),
      }),
    ),
    locations: z
      .array(
        z.object({
          locationId: z.string().uuid(),
          name: z.string(),
          net: Money,
          bookingsMade: z.number().int(),
          attendance: Share,
          utilisation: Share,
          newClients: z.number().int(),
        }),
      )
      .openapi({ description: "This month by location (when more than one is counted)." }),
    today: z.array(
      z.object({
        location: Place,
        heading: z.string(),
        items: z.array(
          z.object({
            kind: z.enum(["class", "session"]),
            id: z.string().uuid(),
            name: z.string(),
            instructor: z.string(),
            time: z.string().openapi({ example: "18:00" }),
            endTime: z.string(),
            booked: z.number().int(),
            capacity: z.number().int(),
            arrived: z.number().int(),
            cancelled: z.boolean(),
          }),
        ),
      }),
    ),
  })
  .openapi("Dashboard");

const RevenueFigures = z.object({
  payments: z.number().int(),
  takenMinor: Minor,
  refunds: z.number().int(),
  refundedMinor: Minor,
  netMinor: Minor,
});
const RevenueGroup = RevenueFigures.extend({
  key: z.string().openapi({ description: "Stable within the answer: an id, `none`, or a kind of sale." }),
  label: z.string(),
});
const OverTime = z.object({
  start: IsoDate.openapi({ description: "The day, or the first day of the week or month." }),
  netMinor: Minor,
});
const Grain = z.enum(["day", "week", "month"]).openapi({
  description: "The width of `overTime`'s buckets: days up to two months, weeks up to a year, then months.",
});

const DASHBOARD: ApiOperation[] = [
  {
    method: "get",
    path: "/api/dashboard",
    tag: "Dashboard",
    summary: "Today, this week and this month",
    description:
      "Today, this week and this month so far beside the same stretch before (money in minor units and " +
      "formatted), this month by location and today's classes and sessions. For the owner and managers. " +
      "Without `location`, the header's last choice; a location the caller may not see falls back to all of theirs.",
    access: "signed-in",
    query: z.object({ location: ReportQuery.shape.location }),
    responses: { 200: { description: "The dashboard's figures.", schema: DashboardSchema } },
    errors: [{ ...FORBIDDEN, when: "Only the owner and managers see the dashboard." }],
  },
  {
    method: "get",
    path: "/api/dashboard/churn",
    tag: "Dashboard",
    summary: "Clients at risk of leaving",
    description:
      "The clients the caller looks after (owner and managers) whose visits dropped against their own habit, " +
      "who have not come for the studio's number of days, or whose credits expire unused soon; most at risk " +
      "first. Not paged: `limit` (default 100, at most 500) caps the list, and `total` says how many there are.",
    access: "signed-in",
    query: ChurnQuerySchema,
    responses: {
      200: {
        description: "The clients at risk, with the reasons in words and the facts behind them.",
        schema: z.object({
          location: LocationChoice,
          label: z.string(),
          settings: z.object({ inactiveDays: z.number().int(), creditExpiryDays: z.number().int() }),
          total: z.number().int().openapi({ description: "How many clients are at risk, beyond `limit` too." }),
          clients: z.array(
            z.object({
              clientId: z.string().uuid(),
              fullName: z.string(),
              email: z.string(),
              phone: z.string().nullable(),
              homeLocation: z.string().nullable(),
              baselineVisits: z.number().int().openapi({ description: "Visits in the 12 weeks before the last 4." }),
              recentVisits: z.number().int().openapi({ description: "Visits in the last 4 weeks." }),
              lastVisitDate: IsoDate.nullable(),
              daysSinceLastVisit: z.number().int().nullable(),
              dropped: z.boolean(),
              inactive: z.boolean(),
              expiringCredits: z.number().int(),
              firstExpiryDate: IsoDate.nullable(),
              lastExpiryDate: IsoDate.nullable(),
              score: z.number(),
              reasons: z.array(z.string()),
            }),
          ),
        }),
      },
    },
    errors: [VALIDATION, { ...FORBIDDEN, when: "Only the owner and managers see clients at risk." }],
  },
  {
    method: "get",
    path: "/api/dashboard/revenue",
    tag: "Dashboard",
    summary: "Revenue analytics",
    description:
      "Net revenue (taken less refunded) over time and by location, service and instructor at once, over the " +
      "days and places asked for; the revenue report's figures, in minor units of `currency`. " +
      REPORT_VIEWERS,
    access: "signed-in",
    query: ReportQuery,
    responses: {
      200: {
        description: "The totals, the net per bucket of time and per group.",
        schema: z.object({
          period: z.object({ from: IsoDate, to: IsoDate }),
          location: LocationChoice,
          currency: Currency,
          totals: RevenueFigures,
          grain: Grain,
          overTime: z.array(OverTime),
          byLocation: z.array(RevenueGroup),
          byService: z.array(RevenueGroup),
          byInstructor: z.array(RevenueGroup),
        }),
        example: {
          period: { from: "2026-03-01", to: "2026-03-31" },
          location: "all",
          currency: "GBP",
          totals: { payments: 7, takenMinor: 21800, refunds: 2, refundedMinor: 4300, netMinor: 17500 },
          grain: "day",
          overTime: [{ start: "2026-03-01", netMinor: 4500 }],
          byLocation: [
            {
              key: "3f2e1d0c-9b8a-4765-8432-10fedcba9876",
              label: "Camden",
              payments: 3,
              takenMinor: 12300,
              refunds: 1,
              refundedMinor: 300,
              netMinor: 12000,
            },
          ],
          byService: [],
          byInstructor: [],
        },
      },
    },
    errors: [PERIOD_REFUSED, { ...FORBIDDEN, when: "The caller may not see reports." }],
  },
];

// ---------------------------------------------------------------- Reports

const ReportFilters = {
  selected: LocationChoice,
  from: IsoDate,
  to: IsoDate,
  currency: Currency,
  locations: z.array(Place).openapi({ description: "The locations the caller may choose." }),
  scope: z.string().openapi({ description: "What is counted, in words: `All locations`, `Camden`." }),
};
const REPORT_FORBIDDEN = { ...FORBIDDEN, when: "The caller may not see reports." };

const CreditLine = z.object({
  key: z.string(),
  label: z.string(),
  clients: z.number().int(),
  credits: z.number().int().openapi({ description: "Unused credits held now." }),
  valueMinor: Minor,
  expiringSoon: z.number().int(),
  expiringSoonMinor: Minor,
  expired: z.number().int().openapi({ description: "Credits that expired unused in the days." }),
  expiredMinor: Minor,
});

const MethodLine = z.object({
  payments: z.number().int(),
  takenMinor: Minor,
  feesMinor: Minor,
  refunds: z.number().int(),
  refundedMinor: Minor,
  netMinor: Minor,
});

const PeopleFigures = {
  bookingsMade: z.number().int(),
  cancellations: z.number().int(),
  lateCancellations: z.number().int(),
  attended: z.number().int(),
  noShows: z.number().int(),
  unmarked: z.number().int(),
  attendanceRate: Rate,
  bookedSpots: z.number().int(),
  capacity: z.number().int(),
  utilisation: Rate,
  newClients: z.number().int(),
  activeClients: z.number().int(),
};
const LocationLine = z.object({
  locationId: z.string().uuid().nullable(),
  name: z.string(),
  takenMinor: Minor,
  refundedMinor: Minor,
  netRevenueMinor: Minor,
  ...PeopleFigures,
});

const REPORTS: ApiOperation[] = [
  {
    method: "get",
    path: "/api/reports/revenue",
    tag: "Reports",
    summary: "Revenue by location, service or instructor",
    description: `What was taken, refunded and kept per group, and the net per day (week, month). ${REPORT_VIEWERS}`,
    access: "signed-in",
    query: ReportQuery.extend({ by: z.enum(["location", "service", "instructor"]).optional() }),
    responses: {
      200: {
        description: "The revenue report.",
        schema: z.object({
          ...ReportFilters,
          by: z.enum(["location", "service", "instructor"]),
          groups: z.array(
            RevenueGroup.extend({
              creditsUsed: z.number().int().nullable().openapi({ description: "Null by location." }),
              creditsUsedMinor: Minor.nullable(),
            }),
          ),
          totals: RevenueGroup.extend({ creditsUsed: z.number().int().nullable(), creditsUsedMinor: Minor.nullable() }),
          grain: Grain,
          overTime: z.array(OverTime.extend({ label: z.string(), short: z.string() })),
        }),
      },
    },
    errors: [PERIOD_REFUSED, REPORT_FORBIDDEN],
  },
  {
    method: "get",
    path: "/api/reports/credits",
    tag: "Reports",
    summary: "Outstanding and expired credits",
    description: `Unused credits per package now, those expiring soon, and those that expired unused in the days. ${REPORT_VIEWERS}`,
    access: "signed-in",
    query: ReportQuery,
    responses: {
      200: {
        description: "The credits report.",
        schema: z.object({ ...ReportFilters, packages: z.array(CreditLine), totals: CreditLine }),
      },
    },
    errors: [PERIOD_REFUSED, REPORT_FORBIDDEN],
  },
  {
    method: "get",
    path: "/api/reports/payments",
    tag: "Reports",
    summary: "Payments and refunds by method and by day",
    description: `Money taken and given back, by payment method and by day, with the platform's fees. ${REPORT_VIEWERS}`,
    access: "signed-in",
    query: ReportQuery,
    responses: {
      200: {
        description: "The payments report.",
        schema: z.object({
          ...ReportFilters,
          totals: MethodLine.extend({ method: z.null() }),
          byMethod: z.array(MethodLine.extend({ method: z.string(), label: z.string() })),
          byDay: z.array(MethodLine.omit({ feesMinor: true }).extend({ day: IsoDate })),
          fullList: z.boolean().openapi({ description: "Whether `byDay` holds every day (false: cut short)." }),
        }),
      },
    },
    errors: [PERIOD_REFUSED, REPORT_FORBIDDEN],
  },
  {
    method: "get",
    path: "/api/reports/instructors",
    tag: "Reports",
    summary: "Instructors' sessions, attendance and rebooking",
    description:
      "Each instructor's sessions, classes, attendance and rebooking over the days (each location on its own " +
      "clock). For the owner and managers.",
    access: "signed-in",
    query: ReportQuery,
    responses: {
      200: {
        description: "The instructors report.",
        schema: z.object({
          period: z.object({ from: IsoDate, to: IsoDate }),
          location: LocationChoice,
          locations: z.array(Place.extend({ timezone: z.string() })),
          rebookWindowDays: z.number().int(),
          instructors: z.array(
            z.object({
              instructorId: z.string().uuid(),
              name: z.string(),
              sessions: z.number().int(),
              classes: z.number().int(),
              placesFilled: z.number().int(),
              capacity: z.number().int(),
              attended: z.number().int(),
              noShows: z.number().int(),
              unmarked: z.number().int(),
              lateCancellations: z.number().int(),
              attendedClients: z.number().int(),
              rebookedClients: z.number().int().openapi({ description: "Booked again within `rebookWindowDays`." }),
              attendanceRate: Rate,
              rebookingRate: Rate,
              classFill: Rate,
            }),
          ),
        }),
      },
    },
    errors: [
      { status: 400, code: "INVALID_PERIOD", when: PERIOD_REFUSED.when },
      { ...FORBIDDEN, when: "Only the owner and managers see this report." },
    ],
  },
  {
    method: "get",
    path: "/api/reports/locations",
    tag: "Reports",
    summary: "Locations side by side",
    description:
      "Each location's money, bookings, attendance, utilisation and clients over the days (each on its own " +
      "clock), and their total; money in minor units of `currency`. For the owner and managers.",
    access: "signed-in",
    query: ReportQuery,
    responses: {
      200: {
        description: "The locations report.",
        schema: z.object({
          period: z.object({ from: IsoDate, to: IsoDate }),
          location: LocationChoice,
          currency: Currency,
          locations: z.array(LocationLine),
          total: LocationLine,
        }),
      },
    },
    errors: [
      { status: 400, code: "INVALID_PERIOD", when: PERIOD_REFUSED.when },
      { ...FORBIDDEN, when: "Only the owner and managers see this report." },
    ],
  },
];

export const MONEY_OPERATIONS: ApiOperation[] = [...PACKAGES, ...PAYMENTS, ...DASHBOARD, ...REPORTS];
