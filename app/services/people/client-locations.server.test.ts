import { beforeAll, describe, expect, test } from "vitest";
import { findClientById } from "~/models/client.server";
import { insertUser } from "~/models/user.server";
import { bookClass } from "~/services/booking/engine.server";
import { grantCredits } from "~/services/credits/ledger.server";
import { clientCreditsPage } from "~/services/credits/pages.server";
import { signUpClient } from "~/services/identity/client-signup.server";
import { Forbidden } from "~/services/shared/errors";
import { ALL_LOCATIONS } from "~/services/studio/location-context.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";
import { createTestStudio } from "../../../test/factories";
import { editClient, listClients, requireVisibleClient, viewClient } from "./client.server";
import { bookClassAt, classAt, createClientsStudio } from "./client-fixtures.test-helper";
import { readParqRecord } from "./parq.server";

type Studio = Awaited<ReturnType<typeof createClientsStudio>>;
const all = { q: "", page: 1, selectedLocation: ALL_LOCATIONS };
const names = (result: Awaited<ReturnType<typeof listClients>>) => result.clients.map((c) => c.fullName);
const homeOf = async (s: Studio, id: string) => {
  const client = await findClientById(database(), s.tenant, id);
  return { locations: client?.accessibleLocations, primary: client?.primaryLocationId };
};

let s: Studio;
/** A receptionist who works at Shoreditch only (the fixture's receptionist is at Camden). */
let shoreditchDesk: User;

beforeAll(async () => {
  s = await createClientsStudio();
  shoreditchDesk = await insertUser(database(), s.tenant, {
    email: `desk-${s.tenant.studio.slug}@example.com`,
    fullName: "Sam Shoreditch",
    role: "receptionist",
    primaryLocationId: s.shoreditch.id,
    accessibleLocations: [s.shoreditch.id],
  });
});

const signUp = (email: string, locationId?: string, cameFrom: string | null = null) =>
  signUpClient(s.tenant, { fullName: "Nia Online", email, password: "a long password", locationId }, cameFrom);

describe("a client who signs up gets a home location", () => {
  test("the chosen one; the desk there finds them, the other location's desk does not", async () => {
    const outcome = await signUp("nia@example.com", s.shoreditch.id);
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.user).toMatchObject({ accessibleLocations: [s.shoreditch.id], primaryLocationId: s.shoreditch.id });
    const search = { ...all, q: "Nia Online" };
    expect(names(await listClients(s.tenant, shoreditchDesk, search))).toEqual(["Nia Online"]);
    expect(names(await listClients(s.tenant, s.staff.manager, search))).toEqual(["Nia Online"]);
    expect(names(await listClients(s.tenant, s.staff.receptionist, search))).toEqual([]);
  });

  test("without a choice: the page's location, else the studio's first open location", async () => {
    const fromPage = await signUp("from-page@example.com", undefined, s.shoreditch.id);
    expect(fromPage.ok && fromPage.user.accessibleLocations).toEqual([s.shoreditch.id]);
    const plain = await signUp("plain@example.com");
    expect(plain.ok && plain.user.accessibleLocations).toEqual([s.camden.id]);
    // A stale or forged page location is only a hint: the first location is used.
    const forged = await signUp("forged@example.com", undefined, crypto.randomUUID());
    expect(forged.ok && forged.user.accessibleLocations).toEqual([s.camden.id]);
  });

  test("a location that is not one of this studio's open ones is refused and nobody is created", async () => {
    const other = await createTestStudio();
    expect(await signUp("elsewhere@example.com", other.location.id)).toEqual({ ok: false, reason: "unknown-location" });
    expect(await signUp("elsewhere@example.com", crypto.randomUUID())).toEqual({
      ok: false,
      reason: "unknown-location",
    });
    expect((await listClients(s.tenant, s.staff.owner, { ...all, q: "elsewhere@" })).total).toBe(0);
  });
});

describe("staff see a client who has a booking at one of their locations", () => {
  test("list, page, credits and edits follow the same rule; cancelled bookings do not count", async () => {
    const client = await insertUser(database(), s.tenant, {
      email: `visitor-${s.tenant.studio.slug}@example.com`,
      fullName: "Vic Visitor",
      role: "client",
      primaryLocationId: s.camden.id,
      accessibleLocations: [s.camden.id],
    });
    const search = { ...all, q: "Vic Visitor" };
    await bookClassAt(s.tenant, s.staff.owner, client.id, s.shoreditch.id, { status: "cancelled" });
    expect(names(await listClients(s.tenant, shoreditchDesk, search))).toEqual([]);
    await expect(viewClient(s.tenant, shoreditchDesk, client.id)).rejects.toBeInstanceOf(Forbidden);
    await expect(editClient(s.tenant, shoreditchDesk, client.id, { notes: "Hi" })).rejects.toBeInstanceOf(Forbidden);

    await bookClassAt(s.tenant, s.staff.owner, client.id, s.shoreditch.id, { status: "completed", daysFromNow: -3 });
    expect(names(await listClients(s.tenant, shoreditchDesk, search))).toEqual(["Vic Visitor"]);
    expect(names(await listClients(s.tenant, s.staff.manager, search))).toEqual(["Vic Visitor"]);
    const view = await viewClient(s.tenant, shoreditchDesk, client.id);
    expect(view).toMatchObject({ canEdit: true, canEditFinancial: false, canAdjustCredits: true });
    expect(await editClient(s.tenant, shoreditchDesk, client.id, { notes: "Came to Shoreditch" })).toEqual({
      ok: true,
    });
    await grantCredits(s.tenant, shoreditchDesk, { clientId: client.id, credits: 2, validDays: 30, reason: "Pack" });
    expect((await clientCreditsPage(s.tenant, shoreditchDesk, client.id)).canAdjust).toBe(true);
    const nextClass = await classAt(s.tenant, s.staff.owner, s.shoreditch.id, 5);
    const booked = await bookClass(s.tenant, shoreditchDesk, { occurrenceId: nextClass.id, clientId: client.id });
    expect(booked.booking).toMatchObject({ clientId: client.id, locationId: s.shoreditch.id });
    // The manager there reads the health answers too (the matrix allows managers; not receptionists).
    expect((await readParqRecord(s.tenant, s.staff.manager, client.id)).client.id).toBe(client.id);
    // Their home stays Camden: a booking makes them visible, it does not move them.
    expect(await homeOf(s, client.id)).toEqual({ locations: [s.camden.id], primary: s.camden.id });
  });

  test("a receptionist with no tie to the client sees, edits and credits nothing", async () => {
    const amara = s.clients.amara; // Camden only, no bookings
    expect(names(await listClients(s.tenant, shoreditchDesk, { ...all, q: "Amara" }))).toEqual([]);
    await expect(requireVisibleClient(s.tenant, shoreditchDesk, amara.id)).rejects.toBeInstanceOf(Forbidden);
    await expect(
      grantCredits(s.tenant, shoreditchDesk, { clientId: amara.id, credits: 1, validDays: 30, reason: "No" }),
    ).rejects.toBeInstanceOf(Forbidden);
    await expect(clientCreditsPage(s.tenant, shoreditchDesk, amara.id)).rejects.toBeInstanceOf(Forbidden);
    const shoreditchClass = await classAt(s.tenant, s.staff.owner, s.shoreditch.id, 6);
    await expect(
      bookClass(s.tenant, shoreditchDesk, { occurrenceId: shoreditchClass.id, clientId: amara.id }),
    ).rejects.toBeInstanceOf(Forbidden);
  });

  test("an instructor still sees only assigned clients, wherever they booked", async () => {
    const client = await insertUser(database(), s.tenant, {
      email: `unassigned-${s.tenant.studio.slug}@example.com`,
      fullName: "Una Assigned",
      role: "client",
      primaryLocationId: s.camden.id,
      accessibleLocations: [s.camden.id],
    });
    await bookClassAt(s.tenant, s.staff.owner, client.id, s.shoreditch.id);
    expect(names(await listClients(s.tenant, s.staff.instructor, { ...all, q: "Una" }))).toEqual([]);
    await expect(viewClient(s.tenant, s.staff.instructor, client.id)).rejects.toBeInstanceOf(Forbidden);
  });
});

describe("staff set a client's home locations", () => {
  const newClient = (tag: string, locations: string[]) =>
    insertUser(database(), s.tenant, {
      email: `${tag}-${s.tenant.studio.slug}@example.com`,
      fullName: `Homes ${tag}`,
      role: "client",
      primaryLocationId: locations[0] ?? null,
      accessibleLocations: locations,
    });

  test("the owner sets any; the primary stays if kept, else the first becomes primary", async () => {
    const client = await newClient("owner-sets", [s.camden.id]);
    const both = [s.camden.id, s.shoreditch.id];
    expect(await editClient(s.tenant, s.staff.owner, client.id, { locationIds: both })).toEqual({ ok: true });
    expect(await homeOf(s, client.id)).toEqual({ locations: both, primary: s.camden.id });
    expect(await editClient(s.tenant, s.staff.owner, client.id, { locationIds: [s.shoreditch.id] })).toEqual({
      ok: true,
    });
    expect(await homeOf(s, client.id)).toEqual({ locations: [s.shoreditch.id], primary: s.shoreditch.id });
  });

  test("at least one remains; unknown or another studio's locations are refused", async () => {
    const client = await newClient("one-remains", [s.camden.id]);
    expect(await editClient(s.tenant, s.staff.owner, client.id, { locationIds: [] })).toEqual({
      ok: false,
      reason: "no-location",
    });
    const other = await createTestStudio();
    expect(await editClient(s.tenant, s.staff.owner, client.id, { locationIds: [other.location.id] })).toEqual({
      ok: false,
      reason: "unknown-location",
    });
    expect(await homeOf(s, client.id)).toEqual({ locations: [s.camden.id], primary: s.camden.id });
  });

  test("a receptionist adds and removes only their own locations", async () => {
    const client = await newClient("desk-sets", [s.camden.id, s.shoreditch.id]);
    // Shoreditch's desk may take Shoreditch away, keeping Camden which they cannot touch.
    expect(await editClient(s.tenant, shoreditchDesk, client.id, { locationIds: [s.camden.id] })).toEqual({
      ok: true,
    });
    // Now tied to Camden only, the client is out of Shoreditch's reach altogether.
    await expect(
      editClient(s.tenant, shoreditchDesk, client.id, { locationIds: [s.camden.id, s.shoreditch.id] }),
    ).rejects.toBeInstanceOf(Forbidden);
    // Camden's desk may not add Shoreditch: staff add only locations they work at.
    await expect(
      editClient(s.tenant, s.staff.receptionist, client.id, { locationIds: [s.camden.id, s.shoreditch.id] }),
    ).rejects.toMatchObject({ reason: "location" });
    // Nor may Shoreditch's desk take Camden away, even from a client booked with them.
    await bookClassAt(s.tenant, s.staff.owner, client.id, s.shoreditch.id);
    await expect(
      editClient(s.tenant, shoreditchDesk, client.id, { locationIds: [s.shoreditch.id] }),
    ).rejects.toMatchObject({ reason: "location" });
    // Booked at Shoreditch, the client is theirs to add there.
    expect(
      await editClient(s.tenant, shoreditchDesk, client.id, { locationIds: [s.camden.id, s.shoreditch.id] }),
    ).toEqual({ ok: true });
    expect(await homeOf(s, client.id)).toEqual({ locations: [s.camden.id, s.shoreditch.id], primary: s.camden.id });
  });

  test("the edit page offers the locations the viewer may change and keeps the others", async () => {
    const client = await newClient("page-choices", [s.camden.id, s.shoreditch.id]);
    const desk = await viewClient(s.tenant, shoreditchDesk, client.id);
    expect(desk.locationChoices.map((l) => l.id)).toEqual([s.shoreditch.id]);
    expect(desk.fixedLocationIds).toEqual([s.camden.id]);
    const owner = await viewClient(s.tenant, s.staff.owner, client.id);
    expect(owner.locationChoices.map((l) => l.id)).toEqual([s.camden.id, s.shoreditch.id]);
    expect(owner.fixedLocationIds).toEqual([]);
  });
});
