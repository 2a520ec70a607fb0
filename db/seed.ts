import { assignInstructor } from "../app/models/client-instructor.server";
import { findLocationByName, insertLocation } from "../app/models/location.server";
import { findStudioBySlug } from "../app/models/organization.server";
import { findUserByEmail, insertUser } from "../app/models/user.server";
import { hashPassword } from "../app/services/identity/password.server";
import { DEFAULT_OPERATING_HOURS, provisionStudio } from "../app/services/studio/provisioning.server";

/** The usual hours, with Sunday open into the evening for the demo's Sunday Yin Yoga at 17:00. */
const DEMO_OPERATING_HOURS = { ...DEFAULT_OPERATING_HOURS, sun: { open: "08:00", close: "19:00" } };

import { tenantFor } from "../app/services/tenancy/tenant.server";
import type { Db } from "./client";
import type { BookingPermission, Role } from "./schema/tenant";
import { seedBookings } from "./seed-bookings";
import { seedCatalogue } from "./seed-catalogue";
import { seedPackages } from "./seed-packages";
import { fillTheWeek, REGULARS } from "./seed-regulars";
import { seedRequests } from "./seed-requests";

const PASSWORD = "demo-password-2026";

type DemoAccount = {
  /** For clients: the emails of the instructors who look after them. */
  instructors?: string[];
  email: string;
  fullName: string;
  role: Role;
  phone?: string;
  locations: ("camden" | "shoreditch")[];
  bookingPermissions?: BookingPermission;
};

const ACCOUNTS: DemoAccount[] = [
  { email: "owner@demo.test", fullName: "Olivia Owens", role: "org_owner", locations: ["camden", "shoreditch"] },
  { email: "manager@demo.test", fullName: "Marcus Reid", role: "location_manager", locations: ["shoreditch"] },
  { email: "priya@demo.test", fullName: "Priya Shah", role: "instructor", locations: ["camden", "shoreditch"] },
  { email: "tom@demo.test", fullName: "Tom Baker", role: "trainer", locations: ["camden"] },
  { email: "sofia@demo.test", fullName: "Sofia Alvarez", role: "instructor", locations: ["camden", "shoreditch"] },
  { email: "kofi@demo.test", fullName: "Kofi Mensah", role: "instructor", locations: ["shoreditch"] },
  { email: "frontdesk@demo.test", fullName: "Rosa Lindqvist", role: "receptionist", locations: ["camden"] },
  { email: "finance@demo.test", fullName: "Felix Grant", role: "finance_manager", locations: ["camden", "shoreditch"] },
  {
    email: "amara@demo.test",
    fullName: "Amara Okafor",
    role: "client",
    phone: "+447700900101",
    locations: ["camden"],
    instructors: ["priya@demo.test"],
  },
  {
    email: "ben@demo.test",
    fullName: "Ben Hughes",
    role: "client",
    phone: "+447700900102",
    locations: ["camden"],
    bookingPermissions: "vip",
    instructors: ["tom@demo.test"],
  },
  {
    email: "chloe@demo.test",
    fullName: "Chloé Martin",
    role: "client",
    phone: "+447700900103",
    locations: ["shoreditch"],
    instructors: ["priya@demo.test"],
  },
  {
    email: "dev@demo.test",
    fullName: "Dev Patel",
    role: "client",
    phone: "+447700900104",
    locations: ["shoreditch"],
    bookingPermissions: "restricted",
  },
  {
    email: "ella@demo.test",
    fullName: "Ella Novak",
    role: "client",
    phone: "+447700900105",
    locations: ["camden", "shoreditch"],
    instructors: ["priya@demo.test", "tom@demo.test"],
  },
  ...REGULARS.map(
    ({ email, fullName, home, phone }): DemoAccount => ({
      email,
      fullName,
      role: "client",
      phone,
      locations: home === "camden" ? ["camden", "shoreditch"] : ["shoreditch", "camden"],
    }),
  ),
];

export const DEMO_LOGINS = {
  password: PASSWORD,
  accounts: ACCOUNTS.filter((a) => a.role !== "client" || a.email === "amara@demo.test").map(({ email, role }) => ({
    email,
    role,
  })),
};

const LOCATIONS = {
  camden: {
    name: "Camden",
    timezone: "Europe/London",
    address: { line1: "12 Jamestown Road", city: "London", postcode: "NW1 7BY", country: "GB" },
    latitude: 51.5407,
    longitude: -0.1466,
  },
  shoreditch: {
    name: "Shoreditch",
    timezone: "Europe/London",
    address: { line1: "88 Curtain Road", city: "London", postcode: "EC2A 3AA", country: "GB" },
    latitude: 51.5246,
    longitude: -0.0801,
  },
} as const;

/**
 * The demo studio: idempotent, so it can run on every start. Missing pieces are added; what
 * exists is left alone (a demo user who changed their password keeps it).
 */
export async function seedDemoStudio(db: Db): Promise<{ created: boolean }> {
  // scrypt is slow on purpose: hash once, and only when an account is actually created.
  let hash: Promise<string> | undefined;
  const passwordHash = () => {
    hash ??= hashPassword(PASSWORD);
    return hash;
  };
  let studio = await findStudioBySlug(db, "demo");
  const created = !studio;
  if (!studio) {
    const [owner] = ACCOUNTS;
    const outcome = await provisionStudio(db, {
      name: "Wondrous Demo Studio",
      slug: "demo",
      owner: { fullName: owner!.fullName, email: owner!.email, passwordHash: await passwordHash() },
      location: { ...LOCATIONS.camden, operatingHours: DEMO_OPERATING_HOURS },
    });
    if (!outcome.ok) throw new Error(`could not create the demo studio: ${outcome.reason}`);
    studio = outcome.tenant.studio;
  }
  const tenant = tenantFor(studio);
  await db.transaction(async (tx) => {
    const ids: Record<string, string> = {};
    for (const [key, value] of Object.entries(LOCATIONS)) {
      const location =
        (await findLocationByName(tx, tenant, value.name)) ??
        (await insertLocation(tx, tenant, {
          ...value,
          address: { ...value.address },
          operatingHours: DEMO_OPERATING_HOURS,
        }));
      ids[key] = location.id;
    }
    for (const account of ACCOUNTS) {
      if (await findUserByEmail(tx, tenant, account.email)) continue;
      const locations = account.locations.map((key) => ids[key] as string);
      await insertUser(tx, tenant, {
        email: account.email,
        fullName: account.fullName,
        phone: account.phone ?? null,
        role: account.role,
        passwordHash: await passwordHash(),
        primaryLocationId: locations[0] ?? null,
        accessibleLocations: locations,
        bookingPermissions: account.bookingPermissions ?? "standard",
      });
    }
    for (const account of ACCOUNTS) {
      const client = await findUserByEmail(tx, tenant, account.email);
      for (const email of account.instructors ?? []) {
        const instructor = await findUserByEmail(tx, tenant, email);
        if (client && instructor) await assignInstructor(tx, tenant, client.id, instructor.id);
      }
    }
  });
  await seedCatalogue(db, tenant);
  await seedPackages(db, tenant);
  await seedBookings(db, tenant);
  await seedRequests(db, tenant);
  await fillTheWeek(db, tenant);
  return { created };
}
