import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { insertService } from "~/models/service.server";
import { createClientsStudio } from "~/services/people/client-fixtures.test-helper";
import { Forbidden, NotFound } from "~/services/shared/errors";
import { database } from "~db/client";
import type { Service } from "~db/schema/tenant";
import { grantCredits } from "./ledger.server";
import { PackageSchema } from "./package.schema";
import {
  createPackage,
  editPackage,
  findEditablePackage,
  packageFormOptions,
  packagesOnSale,
  packagesPage,
  setPackageArchived,
} from "./packages.server";

type Studio = Awaited<ReturnType<typeof createClientsStudio>>;

const form = (values: Record<string, unknown>) =>
  PackageSchema.parse({ name: "10-class pack", credits: "10", price: "120", validDays: "90", ...values });

describe("the package form", () => {
  test("price in pounds becomes pence; unticked boxes mean everything", () => {
    expect(form({ price: "12.50" })).toEqual({
      name: "10-class pack",
      credits: 10,
      priceMinor: 1250,
      validDays: 90,
      locationIds: [],
      serviceIds: [],
      introOffer: false,
    });
    expect(form({ price: "0" }).priceMinor).toBe(0);
    expect(form({ price: "£1,000" }).priceMinor).toBe(100_000);
  });

  test.each([
    ["credits", "0", "At least 1 credit"],
    ["credits", "501", "At most 500 credits"],
    ["credits", "1.5", "Whole credits only"],
    ["validDays", "0", "At least 1 day"],
    ["validDays", "731", "At most 730 days (two years)"],
    ["price", "-5", "Enter a price from 0 to 10,000 pounds, like 120 or 120.00"],
    ["price", "10000.01", "Enter a price from 0 to 10,000 pounds, like 120 or 120.00"],
    ["price", "ten", "Enter a price from 0 to 10,000 pounds, like 120 or 120.00"],
    ["name", " ", "Enter a name"],
    ["locationIds", ["not-an-id"], "Choose locations from the list"],
  ])("%s %j is refused: %s", (field, value, message) => {
    const result = PackageSchema.safeParse({
      name: "Pack",
      credits: "10",
      price: "120",
      validDays: "90",
      [field]: value,
    });
    expect(result.error?.issues.map((i) => [i.path[0], i.message])).toEqual([[field, message]]);
  });
});

describe("packages admin", () => {
  let s: Studio;
  let yoga: Service;
  beforeAll(async () => {
    s = await createClientsStudio();
    yoga = await insertService(database(), s.tenant, {
      name: "Yoga",
      type: "class",
      durationMinutes: 60,
      capacity: 10,
      locationIds: [s.camden.id],
    });
  });

  test("the owner creates, edits, archives and restores; the public sees what is on sale", async () => {
    const created = await createPackage(s.tenant, s.staff.owner, form({ serviceIds: [yoga.id] }));
    if (!created.ok) throw new Error("not created");
    const id = created.package.id;
    expect(created.package).toMatchObject({ credits: 10, priceMinor: 12000, validDays: 90, serviceIds: [yoga.id] });

    const edited = await editPackage(s.tenant, s.staff.owner, id, form({ name: "Ten", price: "110" }));
    expect(edited.ok && edited.package).toMatchObject({ name: "Ten", priceMinor: 11000, serviceIds: [] });

    expect(await packagesOnSale(s.tenant)).toEqual([
      {
        id,
        name: "Ten",
        credits: 10,
        priceMinor: 11000,
        currency: "GBP",
        validDays: 90,
        locationIds: [],
        serviceIds: [],
      },
    ]);
    const page = await packagesPage(s.tenant, null);
    expect(page.onSale).toEqual([
      {
        id,
        name: "Ten",
        credits: 10,
        price: "£110.00",
        perCredit: "£11.00",
        validDays: 90,
        where: "Every location",
        what: "Any class or session",
        canEdit: false,
        forSale: true,
        introOffer: false,
      },
    ]);
    expect(page).toMatchObject({ archived: [], canAdd: false, balance: null, viewer: "visitor" });

    await setPackageArchived(s.tenant, s.staff.owner, id, true);
    expect(await packagesOnSale(s.tenant)).toEqual([]);
    const ownerPage = await packagesPage(s.tenant, s.staff.owner);
    expect(ownerPage.archived.map((p) => [p.name, p.canEdit])).toEqual([["Ten", true]]);
    expect(ownerPage.canAdd).toBe(true);
    await setPackageArchived(s.tenant, s.staff.owner, id, false);
    expect((await packagesOnSale(s.tenant)).map((p) => p.id)).toEqual([id]);
  });

  test("a client sees the packages on sale, with coverage in words, and their balance", async () => {
    const created = await createPackage(
      s.tenant,
      s.staff.owner,
      form({ name: "Camden yoga", locationIds: [s.camden.id], serviceIds: [yoga.id] }),
    );
    if (!created.ok) throw new Error("not created");
    await grantCredits(s.tenant, s.staff.owner, {
      clientId: s.clients.amara.id,
      packageId: created.package.id,
      reason: "Paid",
    });
    const page = await packagesPage(s.tenant, s.clients.amara);
    expect(page.balance).toBe(10);
    expect(page.canAdd).toBe(false);
    expect(page.archived).toEqual([]);
    expect(page.onSale.find((p) => p.name === "Camden yoga")).toMatchObject({
      where: "Main",
      what: "Yoga",
      canEdit: false,
    });
    expect((await packagesPage(s.tenant, s.clients.ben)).balance).toBe(0);
  });

  test("a manager sells at their own locations only; nobody else sets packages up", async () => {
    const { manager } = s.staff;
    const options = await packageFormOptions(s.tenant, manager);
    expect(options.locations.map((l) => l.name)).toEqual(["Shoreditch"]);
    expect(options.mayCoverAll).toBe(false);
    expect((await packageFormOptions(s.tenant, s.staff.owner)).mayCoverAll).toBe(true);

    const everywhere = await createPackage(s.tenant, manager, form({}));
    expect(everywhere).toEqual({
      ok: false,
      fieldErrors: { locationIds: ["Tick the locations you manage: a package for every location needs the owner"] },
    });
    expect(await createPackage(s.tenant, manager, form({ locationIds: [s.camden.id] }))).toMatchObject({ ok: false });
    const mine = await createPackage(
      s.tenant,
      manager,
      form({ name: "Shoreditch 10", locationIds: [s.shoreditch.id] }),
    );
    expect(mine.ok).toBe(true);

    const owners = await createPackage(s.tenant, s.staff.owner, form({ name: "Everywhere" }));
    if (!owners.ok) throw new Error("not created");
    await expect(findEditablePackage(s.tenant, manager, owners.package.id)).rejects.toThrow(Forbidden);
    await expect(setPackageArchived(s.tenant, manager, owners.package.id, true)).rejects.toThrow(Forbidden);
    const page = await packagesPage(s.tenant, manager);
    expect(page.onSale.find((p) => p.name === "Everywhere")?.canEdit).toBe(false);
    expect(page.onSale.find((p) => p.name === "Shoreditch 10")?.canEdit).toBe(true);

    for (const actor of [s.staff.receptionist, s.staff.instructor, s.staff.finance, s.clients.amara]) {
      await expect(packageFormOptions(s.tenant, actor)).rejects.toThrow(Forbidden);
      await expect(createPackage(s.tenant, actor, form({ locationIds: [s.camden.id] }))).rejects.toThrow(Forbidden);
    }
  });

  test("ids from elsewhere are refused next to the field, or not found", async () => {
    const other = await createClientsStudio();
    expect(await createPackage(s.tenant, s.staff.owner, form({ locationIds: [other.camden.id] }))).toEqual({
      ok: false,
      fieldErrors: { locationIds: ["Choose locations from the list"] },
    });
    expect(await createPackage(s.tenant, s.staff.owner, form({ serviceIds: [randomUUID()] }))).toEqual({
      ok: false,
      fieldErrors: { serviceIds: ["Choose services from the list"] },
    });
    const theirs = await createPackage(other.tenant, other.staff.owner, form({}));
    if (!theirs.ok) throw new Error("not created");
    await expect(findEditablePackage(s.tenant, s.staff.owner, theirs.package.id)).rejects.toThrow(NotFound);
    await expect(editPackage(s.tenant, s.staff.owner, theirs.package.id, form({}))).rejects.toThrow(NotFound);
  });
});
