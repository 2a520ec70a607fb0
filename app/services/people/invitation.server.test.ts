import { describe, expect, test } from "vitest";
import { insertLocation } from "~/models/location.server";
import { listRecentOutboxMessages } from "~/models/outbox.server";
import { findStaffById } from "~/models/staff.server";
import { insertUser } from "~/models/user.server";
import { authenticator } from "~/services/identity/auth.server";
import { Forbidden } from "~/services/shared/errors";
import { database } from "~db/client";
import { createTestStudio } from "../../../test/factories";
import {
  acceptInvitation,
  findInvitationByToken,
  invitationChoices,
  inviteStaff,
  resendInvitation,
} from "./invitation.server";
import type { InviteInput } from "./team.schema";
import { deactivateStaff } from "./team.server";

type Studio = Awaited<ReturnType<typeof createTestStudio>>;

const invite = (studio: Studio, overrides: Partial<InviteInput> = {}): InviteInput => ({
  email: `coach-${crypto.randomUUID().slice(0, 8)}@example.com`,
  fullName: "Casey Coach",
  role: "instructor",
  locations: [studio.location.id],
  ...overrides,
});

/** The newest invitation email's link, as the invitee would click it. */
async function lastInvitationLink(studio: Studio) {
  const [message] = await listRecentOutboxMessages(database(), studio.tenant, 1);
  const link = message?.body.match(/https?:\/\/\S+/)?.[0];
  if (!message || !link) throw new Error("no invitation email");
  return { message, link: new URL(link), token: new URL(link).searchParams.get("token") ?? "" };
}

describe("inviting someone", () => {
  test("creates them as invited, with a single-use link emailed to them", async () => {
    const studio = await createTestStudio();
    const input = invite(studio);
    const outcome = await inviteStaff(studio.tenant, studio.owner, input);
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.member).toMatchObject({
      status: "invited",
      passwordHash: null,
      role: "instructor",
      accessibleLocations: [studio.location.id],
      primaryLocationId: studio.location.id,
    });
    const { message, link, token } = await lastInvitationLink(studio);
    expect(message).toMatchObject({
      channel: "email",
      recipient: input.email,
      subject: `Join ${studio.tenant.studio.name} on Wondrous`,
      template: "staff-invitation",
    });
    expect(link.hostname).toBe(`${studio.tenant.studio.slug}.localhost`);
    expect(link.pathname).toBe("/join");
    expect(message.html).toContain(`href="${link.href}"`);
    expect(message.html).toContain(`${studio.owner.fullName} has invited you to join`);
    expect(await findInvitationByToken(studio.tenant, token)).toMatchObject({ email: input.email });
    // An invited person cannot sign in before choosing a password.
    await expect(signInAs(studio, input.email, "anything at all")).rejects.toThrow();
  });

  test("joining sets the name and password, activates them, and spends the link", async () => {
    const studio = await createTestStudio();
    const input = invite(studio);
    await inviteStaff(studio.tenant, studio.owner, input);
    const { token } = await lastInvitationLink(studio);
    const joined = await acceptInvitation(studio.tenant, {
      token,
      fullName: "Casey Jones",
      password: "a-long-password",
    });
    if (!joined.ok) throw new Error(joined.reason);
    expect(joined.member).toMatchObject({ status: "active", fullName: "Casey Jones" });
    expect((await signInAs(studio, input.email, "a-long-password")).user.id).toBe(joined.member.id);
    expect(await findInvitationByToken(studio.tenant, token)).toBeNull();
    expect(await acceptInvitation(studio.tenant, { token, fullName: "Again", password: "another-password" })).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  test("the link expires after seven days", async () => {
    const studio = await createTestStudio();
    const sent = new Date("2026-03-01T09:00:00Z");
    await inviteStaff(studio.tenant, studio.owner, invite(studio), sent);
    const { token } = await lastInvitationLink(studio);
    const late = new Date("2026-03-08T09:00:01Z");
    expect(await findInvitationByToken(studio.tenant, token, late)).toBeNull();
    const attempt = { token, fullName: "Late", password: "a-long-password" };
    expect(await acceptInvitation(studio.tenant, attempt, late)).toEqual({ ok: false, reason: "expired" });
    expect((await acceptInvitation(studio.tenant, attempt, new Date("2026-03-08T08:59:00Z"))).ok).toBe(true);
  });

  test("a link is worthless at another studio, and once its person is deactivated", async () => {
    const studio = await createTestStudio();
    const other = await createTestStudio();
    const outcome = await inviteStaff(studio.tenant, studio.owner, invite(studio));
    if (!outcome.ok) throw new Error(outcome.reason);
    const { token } = await lastInvitationLink(studio);
    expect(await findInvitationByToken(other.tenant, token)).toBeNull();
    await deactivateStaff(studio.tenant, studio.owner, outcome.member.id);
    expect(await findInvitationByToken(studio.tenant, token)).toBeNull();
  });

  test("resending issues a new link and the old one stops working", async () => {
    const studio = await createTestStudio();
    const outcome = await inviteStaff(studio.tenant, studio.owner, invite(studio));
    if (!outcome.ok) throw new Error(outcome.reason);
    const first = await lastInvitationLink(studio);
    expect(await resendInvitation(studio.tenant, studio.owner, outcome.member.id)).toEqual({ ok: true });
    const second = await lastInvitationLink(studio);
    expect(second.token).not.toBe(first.token);
    expect(await findInvitationByToken(studio.tenant, first.token)).toBeNull();
    expect(await findInvitationByToken(studio.tenant, second.token)).not.toBeNull();
    await acceptInvitation(studio.tenant, { token: second.token, fullName: "Casey", password: "a-long-password" });
    expect(await resendInvitation(studio.tenant, studio.owner, outcome.member.id)).toEqual({
      ok: false,
      reason: "not-invited",
    });
  });

  test("an email that already has an account here is refused, client or staff", async () => {
    const studio = await createTestStudio();
    await insertUser(database(), studio.tenant, { email: "amara@example.com", fullName: "Amara", role: "client" });
    expect(await inviteStaff(studio.tenant, studio.owner, invite(studio, { email: "AMARA@example.com" }))).toEqual({
      ok: false,
      reason: "already-client",
    });
    expect(await inviteStaff(studio.tenant, studio.owner, invite(studio, { email: "owner@example.com" }))).toEqual({
      ok: false,
      reason: "already-staff",
    });
    // Nothing was sent for either.
    expect(await listRecentOutboxMessages(database(), studio.tenant, 10)).toEqual([]);
  });

  test("a location of another studio is refused", async () => {
    const studio = await createTestStudio();
    const other = await createTestStudio();
    const outcome = await inviteStaff(studio.tenant, studio.owner, invite(studio, { locations: [other.location.id] }));
    expect(outcome).toEqual({ ok: false, reason: "unknown-location" });
  });
});

describe("what a location manager may invite", () => {
  async function studioWithManager() {
    const studio = await createTestStudio();
    const east = await insertLocation(database(), studio.tenant, {
      name: "East",
      timezone: "Europe/London",
      address: { line1: "2 Side Street", city: "London", postcode: "E1 1AA", country: "GB" },
      operatingHours: studio.location.operatingHours,
    });
    const manager = await insertUser(database(), studio.tenant, {
      email: "manager@example.com",
      fullName: "Manager East",
      role: "location_manager",
      accessibleLocations: [east.id],
    });
    return { studio, east, manager };
  }

  test("floor staff, to their own locations", async () => {
    const { studio, east, manager } = await studioWithManager();
    for (const role of ["instructor", "trainer", "receptionist"] as const) {
      const outcome = await inviteStaff(studio.tenant, manager, invite(studio, { role, locations: [east.id] }));
      expect(outcome.ok).toBe(true);
    }
    const choices = await invitationChoices(studio.tenant, manager);
    expect(choices.roles.map((r) => r.value)).toEqual(["instructor", "trainer", "receptionist"]);
    expect(choices.locations.map((l) => l.label)).toEqual(["East"]);
  });

  test("not managers or finance, and not to other locations", async () => {
    const { studio, east, manager } = await studioWithManager();
    for (const role of ["location_manager", "finance_manager"] as const) {
      await expect(inviteStaff(studio.tenant, manager, invite(studio, { role, locations: [east.id] }))).rejects.toThrow(
        Forbidden,
      );
    }
    await expect(
      inviteStaff(studio.tenant, manager, invite(studio, { locations: [east.id, studio.location.id] })),
    ).rejects.toThrow(Forbidden);
    const instructor = await insertUser(database(), studio.tenant, {
      email: "i@example.com",
      fullName: "I",
      role: "instructor",
      accessibleLocations: [east.id],
    });
    await expect(inviteStaff(studio.tenant, instructor, invite(studio, { locations: [east.id] }))).rejects.toThrow(
      Forbidden,
    );
    expect(await findStaffById(database(), studio.tenant, manager.id)).toMatchObject({ role: "location_manager" });
  });
});

function signInAs(studio: Studio, email: string, password: string) {
  const host = `${studio.tenant.studio.slug}.localhost`;
  return authenticator.authenticate(
    "password",
    new Request(`http://${host}/login`, {
      method: "POST",
      headers: { host, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password }),
    }),
  );
}
