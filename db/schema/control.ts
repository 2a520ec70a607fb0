import { sql } from "drizzle-orm";
import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * The control schema (`public`) holds only what is needed before a studio is known:
 * which studios exist, where their data lives, and the migration bookkeeping.
 */
export const organizations = pgTable("organizations", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  schemaName: text("schema_name").notNull().unique(),
  subscriptionTier: text("subscription_tier", { enum: ["trial", "starter", "studio", "multi_location"] })
    .notNull()
    .default("trial"),
  status: text("status", { enum: ["active", "suspended"] })
    .notNull()
    .default("active"),
  currency: text("currency").notNull().default("GBP"),
  stripeAccountId: text("stripe_account_id"),
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
