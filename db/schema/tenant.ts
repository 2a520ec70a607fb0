import { sql } from "drizzle-orm";
import {
  boolean,
  doublePrecision,
  index,
  jsonb,
  pgSchema,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const STAFF_ROLES = [
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

export const BOOKING_PERMISSIONS = ["standard", "vip", "restricted"] as const;
export type BookingPermission = (typeof BOOKING_PERMISSIONS)[number];

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
      settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default({}),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (users) => [
      // One account per email per studio; the same person may hold accounts at two studios.
      uniqueIndex("users_email_key").on(sql`lower(${users.email})`),
      index("users_role_idx").on(users.role),
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
    purpose: text("purpose", { enum: ["handoff"] }).notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  });

  return { schema, locations, users, authTokens };
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
