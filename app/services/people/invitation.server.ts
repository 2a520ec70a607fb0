import { createHash, randomBytes } from "node:crypto";
import { consumeAuthToken, insertAuthToken } from "~/models/auth-token.server";
import { findInvitation, revokeInvitations } from "~/models/invitation.server";
import { listActiveLocations } from "~/models/location.server";
import { insertOutboxMessage } from "~/models/outbox.server";
import { findStaffById, updateStaff } from "~/models/staff.server";
import { findUserByEmail, insertUser, markEmailVerified } from "~/models/user.server";
import { hashPassword } from "~/services/identity/password.server";
import { assertCan, can } from "~/services/identity/permissions";
import { emailLayout } from "~/services/shared/email-layout";
import { Forbidden, NotFound } from "~/services/shared/errors";
import { isUniqueViolation } from "~/services/shared/pg-errors";
import { roleLabel } from "~/services/studio/navigation";
import { studioUrl, type Tenant } from "~/services/tenancy/tenant.server";
import { database, type Executor } from "~db/client";
import type { User } from "~db/schema/tenant";
import type { InviteInput } from "./team.schema";
import { assertMayManage, rolesAssignableBy } from "./team-rules";

const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export type InviteOutcome =
  | { ok: true; member: User }
  | { ok: false; reason: "already-staff" | "already-client" | "unknown-location" };

/**
 * Writes a fresh single-use link for an invited person and the email carrying it, in the
 * caller's transaction: the email exists exactly when the link does.
 */
async function sendInvitation(x: Executor, tenant: Tenant, inviter: User, member: User, now: Date) {
  const token = randomBytes(32).toString("base64url");
  await insertAuthToken(x, tenant, {
    userId: member.id,
    purpose: "invite",
    tokenHash: hashToken(token),
    expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
  });
  const studio = tenant.studio.name;
  const link = studioUrl(tenant.studio.slug, `/join?${new URLSearchParams({ token })}`);
  const { text, html } = emailLayout({
    studioName: studio,
    greeting: `Hello ${member.fullName},`,
    paragraphs: [`${inviter.fullName} has invited you to join ${studio} as ${roleLabel(member.role).toLowerCase()}.`],
    action: { label: "Choose your password and sign in", url: link },
    after: ["The link works once and expires in 7 days."],
  });
  await insertOutboxMessage(x, tenant, {
    channel: "email",
    recipient: member.email,
    subject: `Join ${studio} on Wondrous`,
    template: "staff-invitation",
    body: text,
    html,
  });
}

/** What the invite form offers this actor: the roles they may give and the locations they run. */
export async function invitationChoices(tenant: Tenant, actor: User) {
  assertCan(actor, "team.invite", {}, "Only managers and the owner can invite people.");
  const locations = await listActiveLocations(database(), tenant);
  return {
    roles: rolesAssignableBy(actor.role).map((role) => ({ value: role, label: roleLabel(role) })),
    locations: locations
      .filter((l) => can(actor, "team.invite", { locationId: l.id }).allowed)
      .map((l) => ({ value: l.id, label: l.name })),
  };
}

/**
 * Adds someone to the team as invited (no password yet) and emails them a link to join. The
 * owner may invite any staff role anywhere; a manager only floor staff, only to their locations.
 */
export async function inviteStaff(tenant: Tenant, actor: User, input: InviteInput, now = new Date()) {
  assertCan(actor, "team.invite", {}, "Only managers and the owner can invite people.");
  if (!rolesAssignableBy(actor.role).includes(input.role)) {
    throw new Forbidden("Location managers can invite instructors, trainers and receptionists.");
  }
  for (const locationId of input.locations) {
    assertCan(actor, "team.invite", { locationId }, "You can only invite people to your own locations.");
  }
  const open = new Set((await listActiveLocations(database(), tenant)).map((l) => l.id));
  if (input.locations.some((id) => !open.has(id))) return refuse("unknown-location");
  // A client's account must never quietly become a staff account (or the other way round).
  const existing = await findUserByEmail(database(), tenant, input.email);
  if (existing) return refuse(existing.role === "client" ? "already-client" : "already-staff");
  try {
    return await database().transaction(async (tx): Promise<InviteOutcome> => {
      const member = await insertUser(tx, tenant, {
        email: input.email,
        fullName: input.fullName,
        role: input.role,
        status: "invited",
        passwordHash: null,
        primaryLocationId: input.locations[0] ?? null,
        accessibleLocations: input.locations,
      });
      await sendInvitation(tx, tenant, actor, member, now);
      return { ok: true, member };
    });
  } catch (error) {
    // Two invitations racing for one email: the unique index decides.
    if (isUniqueViolation(error, "users_email_key")) return refuse("already-staff");
    throw error;
  }
}

function refuse(reason: Extract<InviteOutcome, { ok: false }>["reason"]): InviteOutcome {
  return { ok: false, reason };
}

/** A new link for someone who has not joined yet; earlier links stop working. */
export async function resendInvitation(tenant: Tenant, actor: User, memberId: string, now = new Date()) {
  const member = await findStaffById(database(), tenant, memberId);
  if (!member) throw new NotFound("No one on the team has that id");
  assertCan(actor, "team.invite");
  assertMayManage(actor, member);
  if (member.status !== "invited") return { ok: false as const, reason: "not-invited" as const };
  await database().transaction(async (tx) => {
    await revokeInvitations(tx, tenant, member.id, now);
    await sendInvitation(tx, tenant, actor, member, now);
  });
  return { ok: true as const };
}

/** Who a live invitation link is for, or null when it expired, was used, or was replaced. */
export async function findInvitationByToken(tenant: Tenant, token: string, now = new Date()) {
  return (await findInvitation(database(), tenant, hashToken(token), now)) ?? null;
}

export type JoinInput = { token: string; fullName: string; password: string };

/** The invitee confirms their name and chooses a password; the link is spent and they are active. */
export async function acceptInvitation(tenant: Tenant, input: JoinInput, now = new Date()) {
  // Hash first: scrypt is slow on purpose and must not hold a transaction open.
  const passwordHash = await hashPassword(input.password);
  const member = await database().transaction(async (tx) => {
    const tokenHash = hashToken(input.token);
    if (!(await findInvitation(tx, tenant, tokenHash, now))) return undefined;
    const userId = await consumeAuthToken(tx, tenant, "invite", tokenHash, now);
    if (!userId) return undefined;
    // The invitation came to their inbox: the address is proven.
    await markEmailVerified(tx, tenant, userId, now);
    return updateStaff(tx, tenant, userId, { fullName: input.fullName, passwordHash, status: "active" });
  });
  return member ? { ok: true as const, member } : { ok: false as const, reason: "expired" as const };
}
