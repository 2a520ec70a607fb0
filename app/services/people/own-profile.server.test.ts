import { expect, test } from "vitest";
import { findClientById } from "~/models/client.server";
import { Forbidden } from "~/services/shared/errors";
import { database } from "~db/client";
import { createClientsStudio } from "./client-fixtures.test-helper";
import { type OwnProfileChanges, updateOwnProfile, viewOwnProfile } from "./own-profile.server";

test("a client changes their own details but never the studio's fields", async () => {
  const s = await createClientsStudio();
  const { amara } = s.clients;
  const forged = {
    fullName: "Amara O.",
    phone: null,
    emergencyContactName: "Kemi",
    emergencyContactPhone: "+44 7700 900999",
    marketingConsent: true,
    discountPercent: 90,
    notes: "VIP please",
    bookingPermissions: "vip",
  } as OwnProfileChanges;
  await updateOwnProfile(s.tenant, amara, forged);
  expect(await findClientById(database(), s.tenant, amara.id)).toMatchObject({
    fullName: "Amara O.",
    phone: null,
    emergencyContactName: "Kemi",
    marketingConsent: true,
    discountPercent: 0,
    notes: null,
    bookingPermissions: "standard",
  });
  expect(await viewOwnProfile(s.tenant, amara)).not.toHaveProperty("notes");
  await expect(updateOwnProfile(s.tenant, s.staff.owner, { fullName: "X" })).rejects.toThrow(Forbidden);
});
