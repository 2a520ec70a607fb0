import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  smallint,
  text,
  time,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const STAFF_ROLES = [
  "org_owner",
  "location_manager",
  "instructor",
  "trainer",
  "receptionist",
  "finance_manager",
] as const;
export const ROLES = [...STAFF_ROLES, "client"] as const;
export type Role = (typeof ROLES)[number];
export type StaffRole = (typeof STAFF_ROLES)[number];

export const STUDIO_TYPES = ["session_based", "class_based", "hybrid"] as const;

/**
 * Where a message is: waiting for its job ("pending"), claimed by one ("sending"), accepted
 * by the provider ("sent"), confirmed on the phone ("delivered") or refused there
 * ("undeliverable"), waiting for a retry after an error ("retrying"), given up ("failed"),
 * kept because no provider is configured ("not_sent"), or unknown because a worker stopped
 * between handing it over and recording that ("unconfirmed": never resent on its own).
 */
export const MESSAGE_STATUSES = [
  "pending",
  "sending",
  "sent",
  "delivered",
  "undeliverable",
  "retrying",
  "failed",
  "not_sent",
  "unconfirmed",
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
/** What a person may send again: delivery gave up, or nobody knows whether it went. */
export const RESENDABLE_STATUSES = ["failed", "not_sent", "unconfirmed", "undeliverable"] as const;

/** How a client hears about their bookings. */
export const MESSAGE_CHANNELS = ["email", "sms", "both"] as const;
export type MessageChannels = (typeof MESSAGE_CHANNELS)[number];

/** A file sent with an email (a booking's .ics), its content in base64. */
export type MessageAttachment = { filename: string; contentType: string; contentBase64: string };
export type StudioType = (typeof STUDIO_TYPES)[number];
/**
 * `awaiting_payment`: a place or an instructor's time held while the client pays online; it
 * counts against capacity like any live booking and becomes confirmed (or pending) only when
 * Stripe confirms the payment, or cancelled when the payment page expires.
 */
export const BOOKING_STATUSES = [
  "pending",
  "confirmed",
  "checked_in",
  "completed",
  "no_show",
  "cancelled",
  "awaiting_payment",
] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
/** What a no-show costs the client; see studio_settings.no_show_rule. */
export const NO_SHOW_RULES = ["forfeit_credit", "charge_fee", "return_credit"] as const;
export type NoShowRule = (typeof NO_SHOW_RULES)[number];
/** Who checked a booking in: staff (desk or roster), a scanned code at the desk, or the client. */
export const CHECK_IN_SOURCES = ["staff", "code", "client"] as const;
export type CheckInSource = (typeof CHECK_IN_SOURCES)[number];
export const BOOKING_METHODS = ["self_booked", "instructor_created", "admin_created"] as const;
export type BookingMethod = (typeof BOOKING_METHODS)[number];

/** What a payment is for: a package's credits, one booking, or anything else sold at the desk. */
export const PAYMENT_KINDS = ["package", "booking", "other", "no_show_fee"] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];
/**
 * How it was paid: `online_card` through Stripe Checkout in the client's browser, `desk_card`
 * through Checkout on the front desk's browser, `cash` and `terminal` (the studio's own card
 * machine) recorded by staff with a reason.
 */
export const PAYMENT_METHODS = ["online_card", "desk_card", "cash", "terminal"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
/** `open` while Checkout is waiting; then `succeeded`, `failed` (could not start) or `expired`. */
export const PAYMENT_STATUSES = ["open", "succeeded", "failed", "expired"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export const REFUND_STATUSES = ["pending", "succeeded", "failed"] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/**
 * A place in a full class's line. `waiting` and `offered` are the active entries (in line);
 * `offered` holds one free place for the client until `offer_expires_at` (it counts in
 * `occurrences.offered_spots`); `booked` ends it with a booking; the rest end it without one
 * (`left` by the client, `declined` or `expired` an offer, `removed` by staff, `closed` when the
 * class started or was cancelled with the client still in line).
 */
export const WAITLIST_STATUSES = [
  "waiting",
  "offered",
  "booked",
  "left",
  "declined",
  "expired",
  "removed",
  "closed",
] as const;
export type WaitlistStatus = (typeof WAITLIST_STATUSES)[number];
/** Per class service: offer a freed place to the next in line, or book them at once if they hold a credit. */
export const WAITLIST_MODES = ["offer", "auto_book"] as const;
export type WaitlistMode = (typeof WAITLIST_MODES)[number];

/**
 * A client's request for a session with an instructor-led service. `proposed`: the instructor
 * offered another time, waiting for the client; `accepted` ends it with a booking.
 */
export const REQUEST_STATUSES = ["pending", "proposed", "accepted", "declined", "expired", "withdrawn"] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/**
 * A new client's intro offer: `awaiting_payment` while Checkout is open, `to_match` once paid
 * (or to pay at the desk), `matched` with the first booking made, `cancelled` by staff or
 * because the payment never came.
 */
export const INTRO_STATUSES = ["awaiting_payment", "to_match", "matched", "cancelled"] as const;
export type IntroStatus = (typeof INTRO_STATUSES)[number];
/** Parts of the day an intro client can come, in the location's wall-clock time. */
export const DAY_PARTS = ["morning", "afternoon", "evening"] as const;
export type DayPart = (typeof DAY_PARTS)[number];

const AUTH_TOKEN_PURPOSES = ["handoff", "invite", "password_reset", "sign_in_link", "email_verification"] as const;

export const BOOKING_PERMISSIONS = ["standard", "vip", "restricted"] as const;
export type BookingPermission = (typeof BOOKING_PERMISSIONS)[number];

export const SERVICE_TYPES = ["session", "class"] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];
export const BOOKING_MODES = ["self_booking", "instructor_led", "admin_only", "hybrid"] as const;
export type BookingMode = (typeof BOOKING_MODES)[number];

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** Opening hours in the location's wall-clock time ("06:30"); null means closed that day. */
export type OperatingHours = Record<Weekday, { open: string; close: string } | null>;

export type Address = {
  line1: string;
  line2?: string;
  city: string;
  postcode: string;
  country: string;
};

/**
 * Every per-studio table, bound to one studio's schema. Call it only through
 * `tenantTablesFor` (cached), so each request reuses the same table objects.
 */
export function tenantTables(schemaName: string) {
  const schema = pgSchema(schemaName);

  const locations = schema.table("locations", {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    name: text("name").notNull(),
    address: jsonb("address").$type<Address>().notNull(),
    timezone: text("timezone").notNull(),
    operatingHours: jsonb("operating_hours").$type<OperatingHours>().notNull(),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default({}),
    isActive: boolean("is_active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  });

  const users = schema.table(
    "users",
    {
      id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
      email: text("email").notNull(),
      fullName: text("full_name").notNull(),
      phone: text("phone"),
      role: text("role", { enum: ROLES }).notNull(),
      status: text("status", { enum: ["active", "invited", "deactivated"] })
        .notNull()
        .default("active"),
      passwordHash: text("password_hash"),
      primaryLocationId: uuid("primary_location_id").references(() => locations.id),
      accessibleLocations: uuid("accessible_locations").array().notNull().default(sql`'{}'::uuid[]`),
      bookingPermissions: text("booking_permissions", { enum: BOOKING_PERMISSIONS }).notNull().default("standard"),
      emergencyContactName: text("emergency_contact_name"),
      emergencyContactPhone: text("emergency_contact_phone"),
      notes: text("notes"),
      marketingConsent: boolean("marketing_consent").notNull().default(false),
      // How the client hears about their bookings; separate from marketing consent.
      messageChannels: text("message_channels", { enum: MESSAGE_CHANNELS }).notNull().default("both"),
      // A standing discount on this client's purchases (staff or family rates): a financial field.
      discountPercent: integer("discount_percent").notNull().default(0),
      settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default({}),
      // When the person proved they read this address (the link emailed at sign-up, or setting
      // their password from an invitation); null until then. See email-verification.server.ts.
      emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (users) => [
      // One account per email per studio; the same person may hold accounts at two studios.
      uniqueIndex("users_email_key").on(sql`lower(${users.email})`),
      index("users_role_idx").on(users.role),
      // New clients in a period.
      index("users_client_created_idx").on(users.createdAt).where(sql`${users.role} = 'client'`),
      // The client search (models/client.server.ts) matches any part of a name, email or phone,
      // and the phone's digits however it was typed; trigram indexes answer those ILIKE/LIKE
      // '%...%' tests from three characters on, so the desk does not read every client per key.
      // The digits expression must stay word for word the one the search compares.
      index("users_full_name_trgm_idx").using("gin", users.fullName.op("gin_trgm_ops")),
      index("users_email_trgm_idx").using("gin", users.email.op("gin_trgm_ops")),
      index("users_phone_trgm_idx").using("gin", users.phone.op("gin_trgm_ops")),
      index("users_phone_digits_trgm_idx").using(
        "gin",
        sql`regexp_replace(coalesce(${users.phone}, ''), '\\D', '', 'g') gin_trgm_ops`,
      ),
    ],
  );

  /**
   * One-time sign-in tokens. Only a hash is stored, so a database leak cannot be replayed.
   * `handoff` carries a new owner from the apex domain to their studio's subdomain, where the
   * host-only session cookie can be set.
   */
  const authTokens = schema.table("auth_tokens", {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: AUTH_TOKEN_PURPOSES }).notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  });

  /**
   * Signed-in browser sessions. The signed cookie names one row; signing out deletes it, so a
   * copied cookie stops working at once, on every process. `lastSeenAt` (to the minute) ends a
   * session left idle too long (identity/session.server.ts).
   */
  const sessions = schema.table(
    "sessions",
    {
      id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
      userId: uuid("user_id")
        .notNull()
        .references(() => users.id, { onDelete: "cascade" }),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
      lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (table) => [index("sessions_user_idx").on(table.userId)],
  );

  /** Which instructors look after which clients: instructors see only their assigned clients. */
  const clientInstructors = schema.table(
    "client_instructors",
    {
      clientId: uuid("client_id")
        .notNull()
        .references(() => users.id, { onDelete: "cascade" }),
      instructorId: uuid("instructor_id")
        .notNull()
        .references(() => users.id, { onDelete: "cascade" }),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (table) => [
      primaryKey({ columns: [table.clientId, table.instructorId] }),
      index("client_instructors_instructor_idx").on(table.instructorId),
    ],
  );

  /** The studio's own settings: exactly one row (id = 1), created with the studio. */
  const studioSettings = schema.table(
    "studio_settings",
    {
      id: integer("id").primaryKey().default(1),
      requireParqBeforeFirstBooking: boolean("require_parq_before_first_booking").notNull().default(false),
      // Off: a client books themselves only once they confirmed their email address.
      unverifiedClientsMayBook: boolean("unverified_clients_may_book").notNull().default(true),
      // Receptionists may refund up to this much per payment, in minor units (5000 = £50.00).
      receptionistRefundLimitMinor: integer("receptionist_refund_limit_minor").notNull().default(5000),
      // The slot engine's rules for 1:1 sessions (spec §13).
      slotStepMinutes: integer("slot_step_minutes").notNull().default(30),
      minNoticeMinutes: integer("min_notice_minutes").notNull().default(60),
      maxAdvanceDays: integer("max_advance_days").notNull().default(62),
      sessionBufferMinutes: integer("session_buffer_minutes").notNull().default(0),
      // How many places one class booking may take (a client bringing friends).
      maxSpotsPerBooking: integer("max_spots_per_booking").notNull().default(1),
      // How long staff may undo a booking they made themselves, whatever the cancellation window.
      undoMinutes: integer("undo_minutes").notNull().default(10),
      // Spec §2: what the studio mostly sells; sets defaults and what the navigation puts first.
      studioType: text("studio_type", { enum: STUDIO_TYPES }).notNull().default("hybrid"),
      // Messages: the default region for phone numbers written without +, the 2-hour SMS
      // reminder, and the local hours when no SMS goes out ("21:00" to "08:00").
      country: text("country").notNull().default("GB"),
      smsReminders: boolean("sms_reminders").notNull().default(true),
      quietHoursStart: text("quiet_hours_start").notNull().default("21:00"),
      quietHoursEnd: text("quiet_hours_end").notNull().default("08:00"),
      // Payments: whether refunding a package takes back its unused credits (in proportion to
      // the amount refunded) or leaves them with the client.
      refundRemovesCredits: boolean("refund_removes_credits").notNull().default(true),
      // Waitlists: how long a client has to take an offered place, and how long before the class
      // the offers stop (a place is never offered past the class's start minus this).
      waitlistOfferMinutes: integer("waitlist_offer_minutes").notNull().default(30),
      waitlistCutoffMinutes: integer("waitlist_cutoff_minutes").notNull().default(60),
      // Booking requests: unanswered ones go to the location's managers and the owner after
      // `escalation`, and expire (the client told) after `expiry`.
      requestEscalationHours: integer("request_escalation_hours").notNull().default(12),
      requestExpiryHours: integer("request_expiry_hours").notNull().default(48),
      // Check-in: open from `opens` minutes before a booking's start to `closes` minutes after,
      // on the location's clock. Clients may check themselves in from their phone when they are
      // within `radius` metres of the location (their browser's position, given on request).
      checkInOpensMinutes: integer("check_in_opens_minutes").notNull().default(30),
      checkInClosesMinutes: integer("check_in_closes_minutes").notNull().default(15),
      clientCheckIn: boolean("client_check_in").notNull().default(true),
      checkInRadiusMetres: integer("check_in_radius_metres").notNull().default(500),
      // What a no-show costs: the credit spent stays spent (`forfeit_credit`), a fee charged to the
      // card on file through Payments with the credit returned (`charge_fee`), or nothing at all,
      // the credit returned (`return_credit`).
      noShowRule: text("no_show_rule", { enum: NO_SHOW_RULES }).notNull().default("forfeit_credit"),
      noShowFeeMinor: integer("no_show_fee_minor").notNull().default(0),
      // Churn alerts: a client with no booking for this many days, or credits expiring this soon.
      churnInactiveDays: integer("churn_inactive_days").notNull().default(30),
      churnCreditExpiryDays: integer("churn_credit_expiry_days").notNull().default(14),
      updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (table) => [
      check("studio_settings_single_row", sql`${table.id} = 1`),
      check("studio_settings_undo_minutes", sql`${table.undoMinutes} BETWEEN 0 AND 120`),
      check("studio_settings_waitlist_offer_minutes", sql`${table.waitlistOfferMinutes} BETWEEN 5 AND 1440`),
      check("studio_settings_waitlist_cutoff_minutes", sql`${table.waitlistCutoffMinutes} BETWEEN 0 AND 1440`),
      check(
        "studio_settings_request_hours",
        sql`${table.requestEscalationHours} BETWEEN 1 AND 168 AND ${table.requestExpiryHours} BETWEEN 1 AND 336`,
      ),
      check("studio_settings_studio_type", sql`${table.studioType} IN ('session_based', 'class_based', 'hybrid')`),
      check(
        "studio_settings_check_in",
        sql`${table.checkInOpensMinutes} BETWEEN 0 AND 1440 AND ${table.checkInClosesMinutes} BETWEEN 0 AND 1440 AND ${table.checkInRadiusMetres} BETWEEN 50 AND 50000`,
      ),
      check(
        "studio_settings_no_show",
        sql`${table.noShowRule} IN ('forfeit_credit', 'charge_fee', 'return_credit') AND ${table.noShowFeeMinor} >= 0`,
      ),
      check(
        "studio_settings_churn",
        sql`${table.churnInactiveDays} BETWEEN 7 AND 365 AND ${table.churnCreditExpiryDays} BETWEEN 1 AND 90`,
      ),
    ],
  );

  /** PAR-Q health screening: append-only, so every past answer stays on record. */
  const parqResponses = schema.table(
    "parq_responses",
    {
      id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
      clientId: uuid("client_id")
        .notNull()
        .references(() => users.id, { onDelete: "cascade" }),
      answers: jsonb("answers").$type<boolean[]>().notNull(),
      anyYes: boolean("any_yes").notNull(),
      declarationName: text("declaration_name").notNull(),
      declaredOn: date("declared_on").notNull(),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (table) => [index("parq_responses_client_idx").on(table.clientId, table.createdAt)],
  );

  /** Bearer tokens for API clients; only a hash is kept, and a token can be revoked. */
  const apiTokens = schema.table("api_tokens", {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    label: text("label").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  });

  /** Failed sign-ins, counted per email and per address to slow down password guessing. */
  const signInFailures = schema.table(
    "sign_in_failures",
    {
      id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
      email: text("email").notNull(),
      ip: text("ip").notNull(),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (table) => [
      index("sign_in_failures_email_idx").on(table.email, table.createdAt),
      index("sign_in_failures_ip_idx").on(table.ip, table.createdAt),
    ],
  );

  /**
   * The studio's message log: every email and SMS, written in the same transaction as the
   * change that causes it, together with the job that delivers it (app/models/outbox.server.ts).
   * The delivery job claims a row by moving it to "sending" before it calls the provider, so a
   * message is handed over at most once per attempt; `dedupe_key` keeps a reminder to one row
   * however many workers run its job.
   */
  const outboxMessages = schema.table(
    "outbox_messages",
    {
      id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
      channel: text("channel", { enum: ["email", "sms"] }).notNull(),
      recipient: text("recipient").notNull(),
      subject: text("subject"),
      body: text("body").notNull(),
      html: text("html"),
      attachments: jsonb("attachments").$type<MessageAttachment[]>().notNull().default([]),
      template: text("template").notNull(),
      status: text("status", { enum: MESSAGE_STATUSES }).notNull().default("pending"),
      attempts: integer("attempts").notNull().default(0),
      // Who it is for and what it is about, for staff filters and the desk's locations.
      userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
      bookingId: uuid("booking_id"),
      locationId: uuid("location_id"),
      dedupeKey: text("dedupe_key"),
      // Not before this moment (an SMS held back by quiet hours).
      sendAfter: timestamp("send_after", { withTimezone: true }),
      provider: text("provider"),
      providerMessageId: text("provider_message_id"),
      lastError: text("last_error"),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
      updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
      sentAt: timestamp("sent_at", { withTimezone: true }),
      deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    },
    (table) => [
      index("outbox_messages_status_idx").on(table.status, table.createdAt),
      index("outbox_messages_created_idx").on(table.createdAt),
      uniqueIndex("outbox_messages_dedupe_key").on(table.dedupeKey),
      index("outbox_messages_provider_id_idx").on(table.providerMessageId),
      index("outbox_messages_booking_idx").on(table.bookingId),
      index("outbox_messages_recipient_idx").on(table.recipient, table.createdAt),
    ],
  );

  /** What the studio sells: a 1:1 session or a class with capacity. Archived, never deleted. */
  const services = schema.table(
    "services",
    {
      id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
      name: text("name").notNull(),
      description: text("description").notNull().default(""),
      type: text("type", { enum: SERVICE_TYPES }).notNull(),
      durationMinutes: integer("duration_minutes").notNull(),
      // Classes only: the default size of each occurrence.
      capacity: integer("capacity"),
      priceMinor: integer("price_minor").notNull().default(0),
      locationIds: uuid("location_ids").array().notNull().default(sql`'{}'::uuid[]`),
      bookingMode: text("booking_mode", { enum: BOOKING_MODES }).notNull().default("self_booking"),
      selfBookingEnabled: boolean("self_booking_enabled").notNull().default(true),
      instructorBookingEnabled: boolean("instructor_booking_enabled").notNull().default(true),
      adminBookingEnabled: boolean("admin_booking_enabled").notNull().default(true),
      cancellationWindowHours: integer("cancellation_window_hours").notNull().default(24),
      // Whether booking spends a credit (or needs a payment); free taster sessions do not.
      requiresCredit: boolean("requires_credit").notNull().default(true),
      // Classes: what a freed place does for the waitlist (WAITLIST_MODES).
      waitlistMode: text("waitlist_mode", { enum: WAITLIST_MODES }).notNull().default("offer"),
      archivedAt: timestamp("archived_at", { withTimezone: true }),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (table) => [
      check("services_duration_positive", sql`${table.durationMinutes} > 0`),
      check("services_price_not_negative", sql`${table.priceMinor} >= 0`),
      check("services_class_capacity", sql`${table.type} = 'session' OR ${table.capacity} > 0`),
      check("services_waitlist_mode", sql`${table.waitlistMode} IN ('offer', 'auto_book')`),
    ],
  );

  /** Weekly recurring hours an instructor takes 1:1 sessions, in the location's wall-clock time. */
  const instructorAvailability = schema.table(
    "instructor_availability",
    {
      id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
      instructorId: uuid("instructor_id")
        .notNull()
        .references(() => users.id, { onDelete: "cascade" }),
      locationId: uuid("location_id")
        .notNull()
        .references(() => locations.id),
      // ISO weekday: 1 = Monday … 7 = Sunday.
      weekday: smallint("weekday").notNull(),
      startTime: time("start_time").notNull(),
      endTime: time("end_time").notNull(),
      allowsSelfBooking: boolean("allows_self_booking").notNull().default(true),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (table) => [
      index("instructor_availability_lookup_idx").on(table.instructorId, table.weekday),
      check("instructor_availability_weekday", sql`${table.weekday} BETWEEN 1 AND 7`),
      check("instructor_availability_order", sql`${table.endTime} > ${table.startTime}`),
    ],
  );

  /** Date-specific changes to the weekly hours: time off, or extra hours at a location. */
  const availabilityExceptions = schema.table(
    "availability_exceptions",
    {
      id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
      instructorId: uuid("instructor_id")
        .notNull()
        .references(() => users.id, { onDelete: "cascade" }),
      kind: text("kind", { enum: ["time_off", "extra_hours"] }).notNull(),
      date: date("date").notNull(),
      // Null times on time off mean the whole day.
      startTime: time("start_time"),
      endTime: time("end_time"),
      locationId: uuid("location_id").references(() => locations.id),
      // The zone whose clock a location-less time off's date and times are read on, so that it
      // covers the same instants at every location (null on extra hours: the location's zone).
      timezone: text("timezone"),
      allowsSelfBooking: boolean("allows_self_booking").notNull().default(true),
      note: text("note"),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (table) => [index("availability_exceptions_lookup_idx").on(table.instructorId, table.date)],
  );

  /** Minutes an instructor needs to get from one location to another, per ordered pair. */
  const travelTimes = schema.table(
    "location_travel_times",
    {
      fromLocationId: uuid("from_location_id")
        .notNull()
        .references(() => locations.id, { onDelete: "cascade" }),
      toLocationId: uuid("to_location_id")
        .notNull()
        .references(() => locations.id, { onDelete: "cascade" }),
      minutes: integer("minutes").notNull(),
    },
    (table) => [
      primaryKey({ columns: [table.fromLocationId, table.toLocationId] }),
      check("location_travel_times_minutes", sql`${table.minutes} >= 0`),
    ],
  );

  /** A recurring class (the guide's "classes"): the template its dated occurrences come from. */
  const classSeries = schema.table("class_series", {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id),
    instructorId: uuid("instructor_id")
      .notNull()
      .references(() => users.id),
    locationId: uuid("location_id")
      .notNull()
      .references(() => locations.id),
    weekday: smallint("weekday").notNull(),
    startTime: time("start_time").notNull(),
    endTime: time("end_time").notNull(),
    capacity: integer("capacity").notNull(),
    // Every week (1), every other week (2)…, counted from valid_from's week.
    intervalWeeks: integer("interval_weeks").notNull().default(1),
    validFrom: date("valid_from").notNull(),
    validUntil: date("valid_until"),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  });

  /** One dated instance of a class. Cancelling or substituting one never touches the series. */
  const occurrences = schema.table(
    "occurrences",
    {
      id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
      seriesId: uuid("series_id").references(() => classSeries.id),
      serviceId: uuid("service_id")
        .notNull()
        .references(() => services.id),
      locationId: uuid("location_id")
        .notNull()
        .references(() => locations.id),
      instructorId: uuid("instructor_id")
        .notNull()
        .references(() => users.id),
      // Set when someone covers: who was scheduled before the substitution.
      originalInstructorId: uuid("original_instructor_id").references(() => users.id),
      startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
      endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
      // Set when one date is moved (PATCH /api/classes/:id): where its series planned it, so the
      // nightly planning finds that week taken and does not create the class there again.
      plannedStartsAt: timestamp("planned_starts_at", { withTimezone: true }),
      capacity: integer("capacity").notNull(),
      // Places taken by every live booking (pending to no-show), kept by a trigger on bookings; the
      // check below is what makes overbooking impossible, however many requests race.
      bookedSpots: integer("booked_spots").notNull().default(0),
      // Places offered to the waitlist and not yet answered, kept by a trigger on waitlist
      // entries; with the check below, offers never outnumber the free places.
      offeredSpots: integer("offered_spots").notNull().default(0),
      status: text("status", { enum: ["scheduled", "cancelled"] })
        .notNull()
        .default("scheduled"),
      cancelReason: text("cancel_reason"),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (table) => [
      uniqueIndex("occurrences_series_start_key").on(table.seriesId, table.startsAt),
      uniqueIndex("occurrences_series_planned_key").on(
        table.seriesId,
        sql`coalesce(${table.plannedStartsAt}, ${table.startsAt})`,
      ),
      index("occurrences_location_time_idx").on(table.locationId, table.startsAt),
      index("occurrences_instructor_time_idx").on(table.instructorId, table.startsAt),
      check("occurrences_order", sql`${table.endsAt} > ${table.startsAt}`),
      check("occurrences_capacity", sql`${table.capacity} > 0`),
      check("occurrences_not_overbooked", sql`${table.bookedSpots} BETWEEN 0 AND ${table.capacity}`),
      check(
        "occurrences_offers_within_capacity",
        sql`${table.offeredSpots} >= 0 AND ${table.bookedSpots} + ${table.offeredSpots} <= ${table.capacity}`,
      ),
    ],
  );

  /**
   * A 1:1 session (occurrence_id null) or places in one class occurrence. Never deleted: a
   * cancellation keeps the row with who, when and whether the credit came back.
   */
  const bookings = schema.table(
    "bookings",
    {
      id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
      clientId: uuid("client_id")
        .notNull()
        .references(() => users.id),
      serviceId: uuid("service_id")
        .notNull()
        .references(() => services.id),
      instructorId: uuid("instructor_id")
        .notNull()
        .references(() => users.id),
      locationId: uuid("location_id")
        .notNull()
        .references(() => locations.id),
      occurrenceId: uuid("occurrence_id").references(() => occurrences.id),
      startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
      endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
      status: text("status", { enum: BOOKING_STATUSES }).notNull(),
      bookingMethod: text("booking_method", { enum: BOOKING_METHODS }).notNull(),
      spotsBooked: integer("spots_booked").notNull().default(1),
      notes: text("notes"),
      createdById: uuid("created_by_id")
        .notNull()
        .references(() => users.id),
      // The booking this one replaced when it was rescheduled.
      rescheduledFromId: uuid("rescheduled_from_id"),
      cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
      cancelledById: uuid("cancelled_by_id").references(() => users.id),
      cancelReason: text("cancel_reason"),
      // A late cancellation keeps the credit spent.
      creditForfeited: boolean("credit_forfeited").notNull().default(false),
      // What a staff booking went past (minimum notice, the booking window, the instructor's
      // hours, the location's opening hours), as confirmed by the person who made it.
      staffOverrides: text("staff_overrides").array().notNull().default(sql`'{}'::text[]`),
      // Who confirmed a pending booking, and when; an owner or manager confirming in the
      // instructor's place gives a reason, kept here.
      confirmedById: uuid("confirmed_by_id").references(() => users.id),
      confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
      confirmationOverrideReason: text("confirmation_override_reason"),
      // The short code on the booking page, its QR code and the confirmation email, which the
      // desk types or scans to check the client in: 8 characters of a 32-letter alphabet drawn
      // from a strong random source by the database (40 bits), looked up only in this studio.
      checkInCode: text("check_in_code")
        .notNull()
        .default(sql.raw(`"${schemaName}".new_check_in_code()`)),
      checkedInAt: timestamp("checked_in_at", { withTimezone: true }),
      checkedInById: uuid("checked_in_by_id").references(() => users.id),
      checkInSource: text("check_in_source", { enum: CHECK_IN_SOURCES }),
      // A client's own check-in: how far from the location their browser said they were.
      checkInDistanceMetres: integer("check_in_distance_metres"),
      // Attendance (completed or no_show): who marked it, when, and their note.
      attendanceMarkedAt: timestamp("attendance_marked_at", { withTimezone: true }),
      attendanceMarkedById: uuid("attendance_marked_by_id").references(() => users.id),
      attendanceNote: text("attendance_note"),
      // A no-show under the `charge_fee` rule: the fee's payment.
      noShowFeePaymentId: uuid("no_show_fee_payment_id"),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
      updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (table) => [
      index("bookings_check_in_code_idx").on(table.checkInCode),
      // Migration 0018 adds INCLUDE (status), which drizzle cannot express: churn counts each
      // client's visits from this index alone.
      index("bookings_client_time_idx").on(table.clientId, table.startsAt),
      index("bookings_instructor_time_idx").on(table.instructorId, table.startsAt),
      index("bookings_location_time_idx").on(table.locationId, table.startsAt),
      index("bookings_occurrence_idx").on(table.occurrenceId),
      // Reports count bookings made and cancelled in a period. Migration 0018 adds INCLUDE columns
      // drizzle cannot express (location_id, status, spots_booked / credit_forfeited), so those
      // counts are read from the indexes alone.
      index("bookings_created_idx").on(table.createdAt),
      index("bookings_cancelled_idx").on(table.cancelledAt).where(sql`${table.cancelledAt} IS NOT NULL`),
      // A client holds at most one live booking per class occurrence (more places: spots_booked).
      uniqueIndex("bookings_one_per_client_occurrence")
        .on(table.occurrenceId, table.clientId)
        .where(sql`${table.status} <> 'cancelled' AND ${table.occurrenceId} IS NOT NULL`),
      check("bookings_order", sql`${table.endsAt} > ${table.startsAt}`),
      check("bookings_spots_positive", sql`${table.spotsBooked} > 0`),
      check(
        "bookings_status",
        sql`${table.status} IN ('pending', 'confirmed', 'checked_in', 'completed', 'no_show', 'cancelled', 'awaiting_payment')`,
      ),
      check("bookings_method", sql`${table.bookingMethod} IN ('self_booked', 'instructor_created', 'admin_created')`),
      check(
        "bookings_check_in_source",
        sql`${table.checkInSource} IS NULL OR ${table.checkInSource} IN ('staff', 'code', 'client')`,
      ),
    ],
  );

  /** What the studio sells credits in: a pack of N credits valid for some days. Archived, never deleted. */
  const packages = schema.table(
    "packages",
    {
      id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
      name: text("name").notNull(),
      credits: integer("credits").notNull(),
      priceMinor: integer("price_minor").notNull(),
      validDays: integer("valid_days").notNull(),
      // Empty means every location, or every service.
      locationIds: uuid("location_ids").array().notNull().default(sql`'{}'::uuid[]`),
      serviceIds: uuid("service_ids").array().notNull().default(sql`'{}'::uuid[]`),
      // Published on the studio's public intro page, for new clients only (one each).
      introOffer: boolean("intro_offer").notNull().default(false),
      archivedAt: timestamp("archived_at", { withTimezone: true }),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (table) => [
      check("packages_credits_positive", sql`${table.credits} > 0`),
      check("packages_price_not_negative", sql`${table.priceMinor} >= 0`),
      check("packages_valid_days_positive", sql`${table.validDays} > 0`),
    ],
  );

  /**
   * Credits a client holds from one purchase or staff grant, with where they are valid and when
   * they expire. `remaining` is kept by a trigger from the ledger (never written directly), and
   * its check is what stops a credit being spent twice.
   */
  const creditGrants = schema.table(
    "credit_grants",
    {
      id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
      clientId: uuid("client_id")
        .notNull()
        .references(() => users.id),
      packageId: uuid("package_id").references(() => packages.id),
      name: text("name").notNull(),
      locationIds: uuid("location_ids").array().notNull().default(sql`'{}'::uuid[]`),
      serviceIds: uuid("service_ids").array().notNull().default(sql`'{}'::uuid[]`),
      expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
      remaining: integer("remaining").notNull().default(0),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (table) => [
      index("credit_grants_client_expiry_idx").on(table.clientId, table.expiresAt),
      // Outstanding credits (a liability) and credits about to expire unused.
      index("credit_grants_open_expiry_idx").on(table.expiresAt).where(sql`${table.remaining} > 0`),
      check("credit_grants_remaining_not_negative", sql`${table.remaining} >= 0`),
    ],
  );

  /** Every credit movement, append-only (a trigger refuses updates and deletes). */
  const creditLedger = schema.table(
    "credit_ledger",
    {
      id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
      clientId: uuid("client_id")
        .notNull()
        .references(() => users.id),
      grantId: uuid("grant_id")
        .notNull()
        .references(() => creditGrants.id),
      bookingId: uuid("booking_id").references(() => bookings.id),
      delta: integer("delta").notNull(),
      kind: text("kind", { enum: ["grant", "adjustment", "spend", "refund"] }).notNull(),
      reason: text("reason").notNull(),
      actorId: uuid("actor_id").references(() => users.id),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (table) => [
      index("credit_ledger_client_idx").on(table.clientId, table.createdAt),
      index("credit_ledger_grant_idx").on(table.grantId),
      index("credit_ledger_booking_idx").on(table.bookingId),
      check("credit_ledger_delta_not_zero", sql`${table.delta} <> 0`),
    ],
  );

  /**
   * One-time keys carried by forms that create or spend something: a resubmission (a phone
   * re-sending on a bad connection) finds the first result here instead of acting twice.
   */
  const idempotencyKeys = schema.table(
    "idempotency_keys",
    {
      userId: uuid("user_id")
        .notNull()
        .references(() => users.id, { onDelete: "cascade" }),
      key: text("key").notNull(),
      action: text("action").notNull(),
      result: jsonb("result").$type<Record<string, unknown>>().notNull(),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (table) => [primaryKey({ columns: [table.userId, table.key] })],
  );

  /**
   * What happened, written in the same transaction as the change, for notifications and
   * waitlists to consume in order. `processed_at` is for those consumers.
   */
  const domainEvents = schema.table(
    "domain_events",
    {
      id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
      type: text("type").notNull(),
      bookingId: uuid("booking_id"),
      occurrenceId: uuid("occurrence_id"),
      payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
      processedAt: timestamp("processed_at", { withTimezone: true }),
    },
    (table) => [
      index("domain_events_unprocessed_idx").on(table.createdAt).where(sql`${table.processedAt} IS NULL`),
      index("domain_events_booking_idx").on(table.bookingId),
    ],
  );

  /**
   * Time an instructor is committed, whatever for (a class now, a 1:1 booking next). One table,
   * so one exclusion constraint (custom migration) makes double-booking impossible across
   * classes, sessions and locations. Cancelling removes the row.
   */
  const instructorCommitments = schema.table(
    "instructor_commitments",
    {
      id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
      instructorId: uuid("instructor_id")
        .notNull()
        .references(() => users.id),
      startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
      endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
      locationId: uuid("location_id")
        .notNull()
        .references(() => locations.id),
      occurrenceId: uuid("occurrence_id").references(() => occurrences.id, { onDelete: "cascade" }),
      // A 1:1 session booking; the row goes when the booking is cancelled.
      bookingId: uuid("booking_id").references(() => bookings.id, { onDelete: "cascade" }),
    },
    (table) => [
      uniqueIndex("instructor_commitments_occurrence_key").on(table.occurrenceId),
      uniqueIndex("instructor_commitments_booking_key").on(table.bookingId),
      index("instructor_commitments_time_idx").on(table.instructorId, table.startsAt),
    ],
  );

  /**
   * Money taken for the studio: online through Stripe Checkout on the studio's connected account
   * (a direct charge), or at the desk in cash or on the studio's terminal. Amounts are integer
   * minor units of `currency`. Never deleted; refunds are rows of their own.
   */
  const payments = schema.table(
    "payments",
    {
      id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
      clientId: uuid("client_id")
        .notNull()
        .references(() => users.id),
      kind: text("kind", { enum: PAYMENT_KINDS }).notNull(),
      method: text("method", { enum: PAYMENT_METHODS }).notNull(),
      status: text("status", { enum: PAYMENT_STATUSES }).notNull(),
      amountMinor: integer("amount_minor").notNull(),
      currency: text("currency").notNull(),
      // The platform's fee on an online payment (0 at the desk), taken by Stripe from the charge.
      applicationFeeMinor: integer("application_fee_minor").notNull().default(0),
      // The sum of succeeded and pending refunds, kept with each refund row.
      refundedMinor: integer("refunded_minor").notNull().default(0),
      // What the client sees on the receipt: "10-class pack", "Yoga Flow, Tue 3 Mar 18:00".
      description: text("description").notNull(),
      packageId: uuid("package_id").references(() => packages.id),
      bookingId: uuid("booking_id").references(() => bookings.id),
      // The credits this payment granted (a package), once it succeeded.
      creditGrantId: uuid("credit_grant_id").references(() => creditGrants.id),
      // Where it was taken or what it was for; staff see payments of their locations.
      locationId: uuid("location_id").references(() => locations.id),
      // Cash or terminal: why (what staff wrote).
      reason: text("reason"),
      takenById: uuid("taken_by_id")
        .notNull()
        .references(() => users.id),
      stripeCheckoutSessionId: text("stripe_checkout_session_id").unique(),
      stripeCheckoutUrl: text("stripe_checkout_url"),
      stripePaymentIntentId: text("stripe_payment_intent_id").unique(),
      stripeChargeId: text("stripe_charge_id"),
      // When the Checkout page (and any place held for it) expires.
      expiresAt: timestamp("expires_at", { withTimezone: true }),
      paidAt: timestamp("paid_at", { withTimezone: true }),
      // The last card decline or why Checkout could not start, in words for the client.
      failureMessage: text("failure_message"),
      // A chargeback opened in Stripe: flagged for the owner.
      disputedAt: timestamp("disputed_at", { withTimezone: true }),
      disputeReason: text("dispute_reason"),
      // Paid after its hold had been released: the money arrived but the place did not.
      needsAttention: text("needs_attention"),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
      updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (table) => [
      index("payments_client_idx").on(table.clientId, table.createdAt),
      index("payments_created_idx").on(table.createdAt),
      // Reports date money by when it was paid. Migration 0018 adds INCLUDE (location_id,
      // amount_minor), which drizzle cannot express: the sums are read from the index alone.
      index("payments_paid_idx").on(table.paidAt).where(sql`${table.status} = 'succeeded'`),
      index("payments_booking_idx").on(table.bookingId),
      index("payments_open_idx").on(table.expiresAt).where(sql`${table.status} = 'open'`),
      check("payments_amount_positive", sql`${table.amountMinor} > 0`),
      check("payments_fee_range", sql`${table.applicationFeeMinor} BETWEEN 0 AND ${table.amountMinor}`),
      check("payments_refunded_range", sql`${table.refundedMinor} BETWEEN 0 AND ${table.amountMinor}`),
      check("payments_kind", sql`${table.kind} IN ('package', 'booking', 'other', 'no_show_fee')`),
      check("payments_method", sql`${table.method} IN ('online_card', 'desk_card', 'cash', 'terminal')`),
      check("payments_status", sql`${table.status} IN ('open', 'succeeded', 'failed', 'expired')`),
    ],
  );

  /** Money given back, from Wondrous or from Stripe's dashboard (`actor_id` null). */
  const refunds = schema.table(
    "refunds",
    {
      id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
      paymentId: uuid("payment_id")
        .notNull()
        .references(() => payments.id),
      amountMinor: integer("amount_minor").notNull(),
      status: text("status", { enum: REFUND_STATUSES }).notNull(),
      reason: text("reason").notNull(),
      // Unused credits of the payment's package taken back with this refund.
      creditsRemoved: integer("credits_removed").notNull().default(0),
      stripeRefundId: text("stripe_refund_id").unique(),
      actorId: uuid("actor_id").references(() => users.id),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
      updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (table) => [
      index("refunds_payment_idx").on(table.paymentId),
      index("refunds_created_idx").on(table.createdAt),
      check("refunds_amount_positive", sql`${table.amountMinor} > 0`),
      check("refunds_status", sql`${table.status} IN ('pending', 'succeeded', 'failed')`),
    ],
  );

  /** Private iCalendar subscription links; only a hash of the secret is kept. */
  const calendarFeeds = schema.table("calendar_feeds", {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  });

  /**
   * A client in line for a full class occurrence. Order is `line_key` (first come; staff moves
   * renumber it). The offer's link token is stored hashed, single use, and dies with the offer.
   */
  const waitlistEntries = schema.table(
    "waitlist_entries",
    {
      id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
      occurrenceId: uuid("occurrence_id")
        .notNull()
        .references(() => occurrences.id),
      clientId: uuid("client_id")
        .notNull()
        .references(() => users.id),
      status: text("status", { enum: WAITLIST_STATUSES }).notNull().default("waiting"),
      lineKey: bigint("line_key", { mode: "number" }).notNull().generatedByDefaultAsIdentity(),
      joinedAt: timestamp("joined_at", { withTimezone: true }).notNull().defaultNow(),
      createdById: uuid("created_by_id").references(() => users.id),
      offeredAt: timestamp("offered_at", { withTimezone: true }),
      offerExpiresAt: timestamp("offer_expires_at", { withTimezone: true }),
      offerTokenHash: text("offer_token_hash").unique(),
      answeredAt: timestamp("answered_at", { withTimezone: true }),
      bookingId: uuid("booking_id").references(() => bookings.id),
      autoBooked: boolean("auto_booked").notNull().default(false),
      // The last staff move (every move is also a `waitlist.moved` domain event).
      movedById: uuid("moved_by_id").references(() => users.id),
      moveReason: text("move_reason"),
      movedAt: timestamp("moved_at", { withTimezone: true }),
      endReason: text("end_reason"),
    },
    (table) => [
      uniqueIndex("waitlist_one_active_per_client")
        .on(table.occurrenceId, table.clientId)
        .where(sql`${table.status} IN ('waiting', 'offered')`),
      index("waitlist_line_idx")
        .on(table.occurrenceId, table.lineKey)
        .where(sql`${table.status} IN ('waiting', 'offered')`),
      index("waitlist_offers_due_idx").on(table.offerExpiresAt).where(sql`${table.status} = 'offered'`),
      index("waitlist_client_idx").on(table.clientId),
      check(
        "waitlist_entries_status",
        sql`${table.status} IN ('waiting', 'offered', 'booked', 'left', 'declined', 'expired', 'removed', 'closed')`,
      ),
      check(
        "waitlist_offer_complete",
        sql`${table.status} <> 'offered' OR (${table.offerExpiresAt} IS NOT NULL AND ${table.offerTokenHash} IS NOT NULL)`,
      ),
    ],
  );

  /**
   * A client asking for a session of an instructor-led service: an instructor (or anyone at the
   * location), up to three preferred times. `instructor_id` is whose queue it is in now (null:
   * every instructor of the location); `requested_instructor_id` is who the client asked for.
   */
  const bookingRequests = schema.table(
    "booking_requests",
    {
      id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
      clientId: uuid("client_id")
        .notNull()
        .references(() => users.id),
      serviceId: uuid("service_id")
        .notNull()
        .references(() => services.id),
      locationId: uuid("location_id")
        .notNull()
        .references(() => locations.id),
      requestedInstructorId: uuid("requested_instructor_id").references(() => users.id),
      instructorId: uuid("instructor_id").references(() => users.id),
      preferredTimes: timestamp("preferred_times", { withTimezone: true }).array().notNull(),
      notes: text("notes").notNull().default(""),
      status: text("status", { enum: REQUEST_STATUSES }).notNull().default("pending"),
      // A time the instructor proposed instead; the client's one-tap link token, hashed.
      proposedStartsAt: timestamp("proposed_starts_at", { withTimezone: true }),
      proposedInstructorId: uuid("proposed_instructor_id").references(() => users.id),
      proposalTokenHash: text("proposal_token_hash").unique(),
      responseNote: text("response_note"),
      respondedById: uuid("responded_by_id").references(() => users.id),
      respondedAt: timestamp("responded_at", { withTimezone: true }),
      bookingId: uuid("booking_id").references(() => bookings.id),
      escalateAt: timestamp("escalate_at", { withTimezone: true }).notNull(),
      escalatedAt: timestamp("escalated_at", { withTimezone: true }),
      expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
      createdById: uuid("created_by_id").references(() => users.id),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
      updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (table) => [
      index("booking_requests_queue_idx").on(table.locationId, table.status, table.createdAt),
      index("booking_requests_instructor_idx").on(table.instructorId, table.status),
      index("booking_requests_client_idx").on(table.clientId, table.createdAt),
      check(
        "booking_requests_status",
        sql`${table.status} IN ('pending', 'proposed', 'accepted', 'declined', 'expired', 'withdrawn')`,
      ),
      check("booking_requests_preferred_times", sql`cardinality(${table.preferredTimes}) BETWEEN 1 AND 3`),
      check(
        "booking_requests_proposal",
        sql`${table.status} <> 'proposed' OR (${table.proposedStartsAt} IS NOT NULL AND ${table.proposalTokenHash} IS NOT NULL)`,
      ),
    ],
  );

  /**
   * A new client who took the studio's intro offer (a package marked `intro_offer`): paid online
   * (`payment_id`) or to pay at the desk, with when and where they can come, waiting for the
   * owner to match them with an instructor and a first session.
   */
  const introSignups = schema.table(
    "intro_signups",
    {
      id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
      clientId: uuid("client_id")
        .notNull()
        .references(() => users.id),
      packageId: uuid("package_id")
        .notNull()
        .references(() => packages.id),
      serviceId: uuid("service_id")
        .notNull()
        .references(() => services.id),
      paymentId: uuid("payment_id").references(() => payments.id),
      payAtDesk: boolean("pay_at_desk").notNull().default(false),
      locationId: uuid("location_id")
        .notNull()
        .references(() => locations.id),
      // ISO weekdays (1 = Monday) and parts of the day the client can come.
      preferredDays: smallint("preferred_days").array().notNull(),
      preferredDayParts: text("preferred_day_parts").array().notNull(),
      notes: text("notes").notNull().default(""),
      status: text("status", { enum: INTRO_STATUSES }).notNull().default("awaiting_payment"),
      bookingId: uuid("booking_id").references(() => bookings.id),
      matchedById: uuid("matched_by_id").references(() => users.id),
      matchedAt: timestamp("matched_at", { withTimezone: true }),
      cancelReason: text("cancel_reason"),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (table) => [
      index("intro_signups_queue_idx").on(table.status, table.createdAt),
      uniqueIndex("intro_signups_one_per_client").on(table.clientId).where(sql`${table.status} <> 'cancelled'`),
      check("intro_signups_status", sql`${table.status} IN ('awaiting_payment', 'to_match', 'matched', 'cancelled')`),
      check("intro_signups_days", sql`cardinality(${table.preferredDays}) >= 1`),
    ],
  );

  /** What the instructor wrote about one class on its date (one note per occurrence, rewritten). */
  const classNotes = schema.table("class_notes", {
    occurrenceId: uuid("occurrence_id")
      .primaryKey()
      .references(() => occurrences.id),
    body: text("body").notNull(),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  });

  /**
   * A client's card saved on the studio's connected Stripe account when they paid online and
   * agreed to keep it on file: what a no-show fee is charged to. Only Stripe's ids and what the
   * client needs to recognise the card are kept here, never the card itself.
   */
  const clientCards = schema.table("client_cards", {
    clientId: uuid("client_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    stripeCustomerId: text("stripe_customer_id").notNull(),
    stripePaymentMethodId: text("stripe_payment_method_id").notNull(),
    brand: text("brand").notNull(),
    last4: text("last4").notNull(),
    expMonth: smallint("exp_month").notNull(),
    expYear: smallint("exp_year").notNull(),
    savedAt: timestamp("saved_at", { withTimezone: true }).notNull().defaultNow(),
  });

  return {
    schema,
    locations,
    services,
    instructorAvailability,
    availabilityExceptions,
    travelTimes,
    classSeries,
    occurrences,
    instructorCommitments,
    calendarFeeds,
    bookings,
    packages,
    creditGrants,
    creditLedger,
    idempotencyKeys,
    domainEvents,
    users,
    authTokens,
    sessions,
    clientInstructors,
    studioSettings,
    parqResponses,
    apiTokens,
    signInFailures,
    outboxMessages,
    payments,
    refunds,
    waitlistEntries,
    bookingRequests,
    introSignups,
    classNotes,
    clientCards,
  };
}

export type TenantTables = ReturnType<typeof tenantTables>;

const cache = new Map<string, TenantTables>();
export function tenantTablesFor(schemaName: string): TenantTables {
  let tables = cache.get(schemaName);
  if (!tables) {
    tables = tenantTables(schemaName);
    cache.set(schemaName, tables);
  }
  return tables;
}

export type Location = TenantTables["locations"]["$inferSelect"];
export type User = TenantTables["users"]["$inferSelect"];
export type StudioSettings = TenantTables["studioSettings"]["$inferSelect"];
export type ParqResponse = TenantTables["parqResponses"]["$inferSelect"];
export type OutboxMessage = TenantTables["outboxMessages"]["$inferSelect"];
export type Service = TenantTables["services"]["$inferSelect"];
export type Occurrence = TenantTables["occurrences"]["$inferSelect"];
export type ClassSeries = TenantTables["classSeries"]["$inferSelect"];
export type AvailabilityBlock = TenantTables["instructorAvailability"]["$inferSelect"];
export type AvailabilityException = TenantTables["availabilityExceptions"]["$inferSelect"];
export type Booking = TenantTables["bookings"]["$inferSelect"];
export type Package = TenantTables["packages"]["$inferSelect"];
export type CreditGrant = TenantTables["creditGrants"]["$inferSelect"];
export type CreditLedgerEntry = TenantTables["creditLedger"]["$inferSelect"];
export type DomainEvent = TenantTables["domainEvents"]["$inferSelect"];
export type Payment = TenantTables["payments"]["$inferSelect"];
export type Refund = TenantTables["refunds"]["$inferSelect"];
export type WaitlistEntry = TenantTables["waitlistEntries"]["$inferSelect"];
export type BookingRequest = TenantTables["bookingRequests"]["$inferSelect"];
export type IntroSignup = TenantTables["introSignups"]["$inferSelect"];
export type ClassNote = TenantTables["classNotes"]["$inferSelect"];
export type ClientCard = TenantTables["clientCards"]["$inferSelect"];
