import { randomUUID } from "node:crypto";
import { listCreditGrants } from "../app/models/credit.server";
import { listActiveLocations } from "../app/models/location.server";
import { insertPackage, listPackages } from "../app/models/package.server";
import { listServices } from "../app/models/service.server";
import { updateStudioSettings } from "../app/models/studio-settings.server";
import { findUserByEmail } from "../app/models/user.server";
import { takeDeskPayment } from "../app/services/payments/desk.server";
import type { Tenant } from "../app/services/tenancy/tenant.server";
import type { Db } from "./client";

// [name, credits, price in pence, valid days, what it pays for]: class passes do not pay for
// a personal-training hour, and PT packs not for classes.
const PACKAGES: [string, number, number, number, "class" | "session"][] = [
  ["Single class", 1, 1500, 30, "class"],
  ["10-class pack", 10, 12000, 90, "class"],
  ["PT 5 sessions", 5, 27500, 60, "session"],
];

// What each demo client holds, so booking works out of the box (dev@ is restricted: none).
const HOLDINGS: Record<string, string[]> = {
  "amara@demo.test": ["10-class pack", "PT 5 sessions"],
  "ben@demo.test": ["PT 5 sessions", "10-class pack"],
  "chloe@demo.test": ["Single class"],
  "ella@demo.test": ["10-class pack"],
};

/**
 * The demo studio's packages and its clients' credits. Packages are added only if the studio
 * has none (and then it also lets one class booking take up to three places); a client gets
 * credits only if they have never held any, so spent credits are not topped up behind anyone's back.
 * Each pack was bought at the desk (cash or the card terminal), so the demo has payments and
 * receipts to show.
 */
export async function seedPackages(db: Db, tenant: Tenant) {
  let packages = await listPackages(db, tenant, { includeArchived: true });
  if (packages.length === 0) {
    const paid = (await listServices(db, tenant)).filter((s) => s.requiresCredit);
    for (const [name, credits, priceMinor, validDays, kind] of PACKAGES) {
      await insertPackage(db, tenant, {
        name,
        credits,
        priceMinor,
        validDays,
        locationIds: [],
        serviceIds: paid.filter((s) => s.type === kind).map((s) => s.id),
      });
    }
    await updateStudioSettings(db, tenant, { maxSpotsPerBooking: 3 });
    packages = await listPackages(db, tenant, { includeArchived: true });
  }
  if (!packages.some((p) => p.introOffer)) await seedIntroOffer(db, tenant);
  const byName = new Map(packages.map((p) => [p.name, p]));
  const owner = await findUserByEmail(db, tenant, "owner@demo.test");
  if (!owner) return;
  const [firstLocation] = await listActiveLocations(db, tenant);
  for (const [email, names] of Object.entries(HOLDINGS)) {
    const client = await findUserByEmail(db, tenant, email);
    if (!client || !firstLocation || (await listCreditGrants(db, tenant, client.id)).length > 0) continue;
    for (const [index, name] of names.entries()) {
      const pack = byName.get(name);
      if (!pack) continue;
      const method = index === 0 ? "cash" : "terminal";
      await takeDeskPayment(tenant, owner, client.id, {
        idempotencyKey: randomUUID(),
        item: { packageId: pack.id },
        method,
        reason: method === "cash" ? "Paid in cash at the desk" : "Paid on the card terminal",
        locationId: client.primaryLocationId ?? firstLocation.id,
      });
    }
  }
}

/**
 * The demo's intro offer on /intro (spec §14, journey 3): one personal-training hour for new
 * clients at £39, which the owner matches with a trainer from Intro sign-ups.
 */
async function seedIntroOffer(db: Db, tenant: Tenant) {
  const training = (await listServices(db, tenant)).find((s) => s.type === "session" && s.requiresCredit);
  if (!training) return;
  await insertPackage(db, tenant, {
    name: "Intro session",
    credits: 1,
    priceMinor: 3900,
    validDays: 60,
    locationIds: [],
    serviceIds: [training.id],
    introOffer: true,
  });
}
