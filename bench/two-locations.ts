// The studio the booking benches race in: Camden and Shoreditch, with the owner at both.
import { findActiveUserById } from "../app/models/user.server";
import { createLocation } from "../app/services/studio/location-admin.server";
import { provisionStudio } from "../app/services/studio/provisioning.server";
import type { Db } from "../db/client";
import type { Location, User } from "../db/schema/tenant";

// Open 06:00-22:00 every day, so the benches' 07:00-21:00 hours and classes fit any weekday.
const day = { open: "06:00", close: "22:00" };
const OPEN_ALL_WEEK = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day };

export async function provisionTwoLocations(db: Db, studio: { name: string; slug: string; zone: string }) {
  const provisioned = await provisionStudio(db, {
    name: studio.name,
    slug: studio.slug,
    owner: { fullName: "Olive Owner", email: `owner@${studio.slug}.test`, passwordHash: "not-used" },
    location: {
      name: "Camden",
      timezone: studio.zone,
      address: { line1: "1 Bench Street", city: "London", postcode: "NW1 8AA", country: "GB" },
      operatingHours: OPEN_ALL_WEEK,
    },
  });
  if (!provisioned.ok) throw new Error(`provisioning failed: ${provisioned.reason}`);
  const { tenant } = provisioned;
  const second = await createLocation(tenant, provisioned.owner, {
    name: "Shoreditch",
    timezone: studio.zone,
    address: { line1: "2 Bench Street", city: "London", postcode: "E2 7AA", country: "GB" },
    operatingHours: OPEN_ALL_WEEK,
  });
  if (!second.ok) throw new Error(`second location: ${second.reason}`);
  // Read again: creating the second location gave the owner access to it.
  const owner = (await findActiveUserById(db, tenant, provisioned.owner.id)) as User;
  const locations: [Location, Location] = [provisioned.location, second.location];
  return { tenant, owner, locations };
}
