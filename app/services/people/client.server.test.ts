import { describe, expect, test } from "vitest";
import { findClientById } from "~/models/client.server";
import { listInstructorIdsForClient } from "~/models/client-instructor.server";
import { insertUser } from "~/models/user.server";
import { Forbidden, NotFound } from "~/services/shared/errors";
import { ALL_LOCATIONS } from "~/services/studio/location-context.server";
import { database } from "~db/client";
import { createTestStudio } from "../../../test/factories";
import { CLIENTS_PER_PAGE, createClient, editClient, listClients, viewClient } from "./client.server";
import { createClientsStudio } from "./client-fixtures.test-helper";

type Studio = Awaited<ReturnType<typeof createClientsStudio>>;
const names = (result: Awaited<ReturnType<typeof listClients>>) => result.clients.map((c) => c.fullName);

describe("listClients: who sees which clients", () => {
  test("an instructor sees only their assigned clients", async () => {
    const s = await createClientsStudio();
    const all = { q: "", page: 1, selectedLocation: ALL_LOCATIONS };
    expect(names(await listClients(s.tenant, s.staff.instructor, all))).toEqual([
      "Amara Okafor",
      "Chloé Martin",
      "Ella Novak",
    ]);
    expect(names(await listClients(s.tenant, s.staff.trainer, all))).toEqual(["Ben Hughes", "Ella Novak"]);
  });

  test("a Camden receptionist does not see a Shoreditch-only client", async () => {
    const s = await createClientsStudio();
    const list = await listClients(s.tenant, s.staff.receptionist, { q: "", page: 1, selectedLocation: s.camden.id });
    expect(names(list)).toEqual(["Amara Okafor", "Ben Hughes", "Ella Novak"]);
    // A forged switcher value cannot reach a location they do not work at.
    const forged = await listClients(s.tenant, s.staff.receptionist, {
      q: "",
      page: 1,
      selectedLocation: s.shoreditch.id,
    });
    expect(forged.total).toBe(0);
  });

  test("a manager sees their location's clients; the owner sees all, or one location when chosen", async () => {
    const s = await createClientsStudio();
    const managed = await listClients(s.tenant, s.staff.manager, { q: "", page: 1, selectedLocation: ALL_LOCATIONS });
    expect(names(managed)).toEqual(["Chloé Martin", "Ella Novak"]);
    const homeless = await insertUser(database(), s.tenant, {
      email: "nowhere@example.com",
      fullName: "Zed Nowhere",
      role: "client",
    });
    const everyone = await listClients(s.tenant, s.staff.owner, { q: "", page: 1, selectedLocation: ALL_LOCATIONS });
    expect(names(everyone)).toEqual(["Amara Okafor", "Ben Hughes", "Chloé Martin", "Ella Novak", homeless.fullName]);
    const shoreditch = await listClients(s.tenant, s.staff.owner, {
      q: "",
      page: 1,
      selectedLocation: s.shoreditch.id,
    });
    expect(names(shoreditch)).toEqual(["Chloé Martin", "Ella Novak"]);
  });

  test("clients and the finance manager cannot list clients", async () => {
    const s = await createClientsStudio();
    const input = { q: "", page: 1, selectedLocation: ALL_LOCATIONS };
    await expect(listClients(s.tenant, s.clients.amara, input)).rejects.toThrow(Forbidden);
    await expect(listClients(s.tenant, s.staff.finance, input)).rejects.toThrow(Forbidden);
  });

  test("search matches name, email or phone, case-insensitively and however the phone is typed", async () => {
    const s = await createClientsStudio();
    const search = (q: string) => listClients(s.tenant, s.staff.owner, { q, page: 1, selectedLocation: ALL_LOCATIONS });
    expect(names(await search("okafor"))).toEqual(["Amara Okafor"]);
    expect(names(await search("CHLOÉ"))).toEqual(["Chloé Martin"]);
    expect(names(await search(s.clients.ben.email.toUpperCase()))).toEqual(["Ben Hughes"]);
    expect(names(await search("+447700900105"))).toEqual(["Ella Novak"]);
    expect(names(await search("07700 900101"))).toEqual(["Amara Okafor"]);
    expect(names(await search("%"))).toEqual([]);
    expect(names(await search("no such person"))).toEqual([]);
  });

  test("pages hold 25 clients, sorted by name, with the total", async () => {
    const s = await createTestStudio();
    const db = database();
    for (let i = 0; i < CLIENTS_PER_PAGE + 3; i++) {
      await insertUser(db, s.tenant, {
        email: `c${i}@example.com`,
        fullName: `Client ${String(i).padStart(2, "0")}`,
        role: "client",
        accessibleLocations: [s.location.id],
      });
    }
    const first = await listClients(s.tenant, s.owner, { q: "", page: 1, selectedLocation: ALL_LOCATIONS });
    const second = await listClients(s.tenant, s.owner, { q: "", page: 2, selectedLocation: ALL_LOCATIONS });
    expect(first.total).toBe(28);
    expect(first.pageCount).toBe(2);
    expect(first.clients).toHaveLength(25);
    expect(first.clients[0]?.fullName).toBe("Client 00");
    expect(names(second)).toEqual(["Client 25", "Client 26", "Client 27"]);
  });
});

describe("viewClient", () => {
  test("instructors see only their own clients; other studios' clients and staff ids are not found", async () => {
    const s: Studio = await createClientsStudio();
    const other = await createClientsStudio();
    const seen = await viewClient(s.tenant, s.staff.instructor, s.clients.amara.id);
    expect(seen.client.instructors.map((i) => i.fullName)).toEqual(["Priya Teach"]);
    expect(seen.canEdit).toBe(false);
    expect(seen.canReadParq).toBe(true);
    await expect(viewClient(s.tenant, s.staff.instructor, s.clients.ben.id)).rejects.toThrow(Forbidden);
    await expect(viewClient(s.tenant, s.staff.owner, other.clients.amara.id)).rejects.toThrow(NotFound);
    await expect(viewClient(s.tenant, s.staff.owner, s.staff.receptionist.id)).rejects.toThrow(NotFound);
    await expect(viewClient(s.tenant, s.clients.ben, s.clients.amara.id)).rejects.toThrow(Forbidden);
  });

  test("the receptionist may edit but not the discount; nor read the health answers", async () => {
    const s = await createClientsStudio();
    const seen = await viewClient(s.tenant, s.staff.receptionist, s.clients.amara.id);
    expect(seen).toMatchObject({ canEdit: true, canEditFinancial: false, canReadParq: false });
    await expect(viewClient(s.tenant, s.staff.receptionist, s.clients.chloe.id)).rejects.toThrow(Forbidden);
  });
});

describe("editClient: which fields each role may change", () => {
  test("a receptionist changes contact details, notes and booking permission", async () => {
    const s = await createClientsStudio();
    const outcome = await editClient(s.tenant, s.staff.receptionist, s.clients.amara.id, {
      phone: "+44 20 7946 0000",
      notes: "Prefers mornings",
      bookingPermissions: "vip",
      emergencyContactName: "Kemi Okafor",
      discountPercent: 0, // unchanged, so not a financial change
    });
    expect(outcome).toEqual({ ok: true });
    const saved = await findClientById(database(), s.tenant, s.clients.amara.id);
    expect(saved).toMatchObject({
      phone: "+442079460000",
      notes: "Prefers mornings",
      bookingPermissions: "vip",
      emergencyContactName: "Kemi Okafor",
    });
  });

  test("a receptionist changing the discount is refused whole: nothing is written", async () => {
    const s = await createClientsStudio();
    const attempt = editClient(s.tenant, s.staff.receptionist, s.clients.amara.id, {
      phone: "+44 20 7946 1111",
      discountPercent: 50,
    });
    await expect(attempt).rejects.toThrow("Only a manager or the owner can change financial details.");
    const saved = await findClientById(database(), s.tenant, s.clients.amara.id);
    expect(saved).toMatchObject({ phone: "+447700900101", discountPercent: 0 });
  });

  test("a manager changes the discount and the instructors of a client at their location", async () => {
    const s = await createClientsStudio();
    const outcome = await editClient(s.tenant, s.staff.manager, s.clients.chloe.id, {
      discountPercent: 15,
      instructorIds: [s.staff.trainer.id, s.staff.owner.id],
    });
    expect(outcome).toEqual({ ok: true });
    expect((await findClientById(database(), s.tenant, s.clients.chloe.id))?.discountPercent).toBe(15);
    expect((await listInstructorIdsForClient(database(), s.tenant, s.clients.chloe.id)).sort()).toEqual(
      [s.staff.trainer.id, s.staff.owner.id].sort(),
    );
    // Not at their location: refused.
    await expect(editClient(s.tenant, s.staff.manager, s.clients.amara.id, { discountPercent: 5 })).rejects.toThrow(
      Forbidden,
    );
  });

  test("an instructor cannot edit, even their own client", async () => {
    const s = await createClientsStudio();
    await expect(
      editClient(s.tenant, s.staff.instructor, s.clients.amara.id, { phone: "+44 20 7946 2222" }),
    ).rejects.toThrow(Forbidden);
  });

  test("another studio's client is not found; a taken email and a non-teacher are refused", async () => {
    const s = await createClientsStudio();
    const other = await createClientsStudio();
    await expect(editClient(s.tenant, s.staff.owner, other.clients.amara.id, { notes: "x" })).rejects.toThrow(NotFound);
    expect(
      await editClient(s.tenant, s.staff.owner, s.clients.amara.id, { email: s.clients.ben.email.toUpperCase() }),
    ).toEqual({ ok: false, reason: "email-taken" });
    expect(
      await editClient(s.tenant, s.staff.owner, s.clients.amara.id, { instructorIds: [s.staff.receptionist.id] }),
    ).toEqual({ ok: false, reason: "unknown-instructor" });
  });
});

describe("createClient", () => {
  test("the front desk adds a client at their location, without a password", async () => {
    const s = await createClientsStudio();
    const outcome = await createClient(s.tenant, s.staff.receptionist, {
      fullName: "New Person",
      email: "new.person@example.com",
      phone: null,
      locationId: s.camden.id,
    });
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(await findClientById(database(), s.tenant, outcome.clientId)).toMatchObject({
      role: "client",
      status: "active",
      passwordHash: null,
      accessibleLocations: [s.camden.id],
    });
    const again = { fullName: "Again", email: "NEW.person@example.com", phone: null, locationId: s.camden.id };
    expect(await createClient(s.tenant, s.staff.receptionist, again)).toEqual({ ok: false, reason: "email-taken" });
    await expect(
      createClient(s.tenant, s.staff.receptionist, { ...again, email: "x@example.com", locationId: s.shoreditch.id }),
    ).rejects.toThrow(Forbidden);
    await expect(createClient(s.tenant, s.staff.instructor, { ...again, email: "y@example.com" })).rejects.toThrow(
      Forbidden,
    );
  });
});
