import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * The control schema (`public`) holds only what is needed before a studio is known:
 * which studios exist, where their data lives, and the migration bookkeeping.
 */
export const SUBSCRIPTION_TIERS = ["trial", "starter", "studio", "multi_location"] as const;
export type SubscriptionTier = (typeof SUBSCRIPTION_TIERS)[number];

export const organizations = pgTable("organizations", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  schemaName: text("schema_name").notNull().unique(),
  subscriptionTier: text("subscription_tier", { enum: SUBSCRIPTION_TIERS }).notNull().default("trial"),
  status: text("status", { enum: ["active", "suspended"] })
    .notNull()
    .default("active"),
  currency: text("currency").notNull().default("GBP"),
  // The studio's own Stripe account (Standard, connected to the platform); what Stripe last said
  // of it (account.updated), and when Stripe created that event, so an older one never wins.
  stripeAccountId: text("stripe_account_id").unique(),
  stripeChargesEnabled: boolean("stripe_charges_enabled").notNull().default(false),
  stripeDetailsSubmitted: boolean("stripe_details_submitted").notNull().default(false),
  stripeAccountCheckedAt: timestamp("stripe_account_checked_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type Organization = typeof organizations.$inferSelect;

/**
 * Which studio last texted a phone number. Replies to the platform's SMS number arrive
 * without saying which studio they answer; this is how `/api/sms/inbound` finds it without
 * looking into every studio's schema.
 */
export const smsReplyRoutes = pgTable("sms_reply_routes", {
  phone: text("phone").primaryKey(),
  organizationId: uuid("organization_id")
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** The platform's fee on online payments per subscription tier, in basis points (290 = 2.9%). */
export const platformFees = pgTable(
  "platform_fees",
  {
    tier: text("tier", { enum: SUBSCRIPTION_TIERS }).primaryKey(),
    basisPoints: integer("basis_points").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [check("platform_fees_range", sql`${table.basisPoints} BETWEEN 0 AND 10000`)],
);

export const STRIPE_EVENT_OUTCOMES = ["applied", "ignored", "waiting"] as const;
export type StripeEventOutcome = (typeof STRIPE_EVENT_OUTCOMES)[number];

/**
 * Every Stripe webhook event received, by its id: stored in the same transaction that applies
 * it, so a repeat finds it and changes nothing. `waiting`: it names something not known yet (a
 * refund of a charge whose payment has not been confirmed); it is applied, from `payload`, when
 * the payment it refers to (`object_ref`, a PaymentIntent id) arrives.
 */
export const stripeEvents = pgTable(
  "stripe_events",
  {
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    // The connected account it came from (null: the platform's own).
    account: text("account"),
    organizationId: uuid("organization_id").references(() => organizations.id, { onDelete: "cascade" }),
    outcome: text("outcome", { enum: STRIPE_EVENT_OUTCOMES }).notNull(),
    objectRef: text("object_ref"),
    payload: jsonb("payload").$type<Record<string, unknown>>(),
    stripeCreatedAt: timestamp("stripe_created_at", { withTimezone: true }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("stripe_events_waiting_idx").on(table.objectRef).where(sql`${table.outcome} = 'waiting'`),
    check("stripe_events_outcome", sql`${table.outcome} IN ('applied', 'ignored', 'waiting')`),
  ],
);

export type StripeEvent = typeof stripeEvents.$inferSelect;
