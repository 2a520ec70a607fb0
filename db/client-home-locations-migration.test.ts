import { readFile } from "node:fs/promises";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { findClientById } from "~/models/client.server";
import { insertLocation, updateLocation } from "~/models/location.server";
import { insertUser } from "~/models/user.server";
import { bookClassAt } from "~/services/people/client-fixtures.test-helper";
import { createTestStudio } from "../test/factories";
import { database } from "./client";
import { TENANT_MIGRATIONS } from "./migrator";

/** Runs 0009 against one studio's schema, the way the migrator does (template name replaced). */
async function runClientHomeLocations(schemaName: string) {
  const text = await readFile(path.join(TENANT_MIGRATIONS, "0009_client_home_locations.sql"), "utf8");
  for (const statement of text.split("--> statement-breakpoint")) {
    await database().execute(sql.raw(statement.replaceAll('"tenant_template"', `"${schemaName}"`)));
  }
}

test("0009 gives clients without a location their booked locations, else the first open one", async () => {
  const studio = await createTestStudio();
  const { tenant, owner } = studio;
  const db = database();
  const address = { line1: "2 Road", city: "London", postcode: "E2", country: "GB" };
  const hours = studio.location.operatingHours;
  const second = await insertLocation(db, tenant, {
    name: "Second",
    timezone: "Europe/London",
    address,
    operatingHours: hours,
  });
  const third = await insertLocation(db, tenant, {
    name: "Third",
    timezone: "Europe/London",
    address,
    operatingHours: hours,
  });
  const client = (name: string, locations: string[] = []) =>
    insertUser(db, tenant, {
      email: `${name}-${tenant.studio.slug}@example.com`,
      fullName: name,
      role: "client",
      accessibleLocations: locations,
      primaryLocationId: locations[0] ?? null,
    });
  // Signed up online before this release: no location; booked at Third, then twice at Second.
  const booked = await client("booked");
  await bookClassAt(tenant, owner, booked.id, third.id, { daysFromNow: -10, status: "completed" });
  await bookClassAt(tenant, owner, booked.id, second.id, { daysFromNow: 2 });
  await bookClassAt(tenant, owner, booked.id, second.id, { daysFromNow: 4 });
  const neverBooked = await client("never-booked");
  const settled = await client("settled", [third.id]);
  const newcomer = await insertUser(db, tenant, {
    email: `newcomer-${tenant.studio.slug}@example.com`,
    fullName: "New Instructor",
    role: "instructor",
  });
  // The studio's first location has closed since: the first open one is Second.
  await updateLocation(db, tenant, studio.location.id, { isActive: false });

  await runClientHomeLocations(tenant.studio.schemaName);

  const home = async (id: string) => {
    const row = await findClientById(db, tenant, id);
    return { locations: row?.accessibleLocations, primary: row?.primaryLocationId };
  };
  expect(await home(booked.id)).toEqual({ locations: [third.id, second.id], primary: third.id });
  expect(await home(neverBooked.id)).toEqual({ locations: [second.id], primary: second.id });
  expect(await home(settled.id)).toEqual({ locations: [third.id], primary: third.id });
  // Staff locations are the team pages' business: an instructor without one keeps none.
  const [staff] = await db.select().from(tenant.t.users).where(eq(tenant.t.users.id, newcomer.id));
  expect(staff).toMatchObject({ accessibleLocations: [], primaryLocationId: null });
});
