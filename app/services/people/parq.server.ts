import { findClientById } from "~/models/client.server";
import { findLatestParqResponse, insertParqResponse, listParqResponses } from "~/models/parq.server";
import { findStudioSettings } from "~/models/studio-settings.server";
import { assertCan, mayEver } from "~/services/identity/permissions";
import { Forbidden, NotFound } from "~/services/shared/errors";
import { localDate, studioTimezone } from "~/services/studio/time.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { StudioSettings, User } from "~db/schema/tenant";
import { clientTies } from "./client.server";
import type { ParqSubmission } from "./parq.schema";
import { type ParqStatus, parqStatusOf } from "./parq-status";

const ANSWERS_FORBIDDEN = "Only the owner, managers and the client's own instructors can read health answers.";

// "  chloé  MARTIN " declares for "Chloé Martin": case and spacing do not matter, letters do.
const normalName = (name: string) => name.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("en-GB");

/**
 * A client fills in the PAR-Q for themself. Every submission is kept (append-only); any "yes"
 * flags the client for the staff who may read the answers. The date is the studio's.
 */
export async function submitParq(
  tenant: Tenant,
  actor: User,
  clientId: string,
  submission: ParqSubmission,
  now = new Date(),
): Promise<{ ok: true; anyYes: boolean } | { ok: false; reason: "declaration-mismatch" }> {
  if (actor.role !== "client" || actor.id !== clientId) {
    throw new Forbidden("Only the client can fill in their own health check.");
  }
  if (normalName(submission.declarationName) !== normalName(actor.fullName)) {
    return { ok: false, reason: "declaration-mismatch" };
  }
  const anyYes = submission.answers.some(Boolean);
  await insertParqResponse(database(), tenant, {
    clientId,
    answers: submission.answers,
    anyYes,
    declarationName: submission.declarationName,
    declaredOn: localDate(now, await studioTimezone(tenant)),
  });
  return { ok: true, anyYes };
}

type ParqRecord = {
  client: { id: string; fullName: string };
  latest: { answers: boolean[]; anyYes: boolean; declarationName: string; declaredOn: string } | null;
  history: { id: string; declaredOn: string; anyYes: boolean }[];
};

/** The answers themselves: for the client, and for staff with `parq.view` for this client. */
export async function readParqRecord(tenant: Tenant, actor: User, clientId: string): Promise<ParqRecord> {
  const db = database();
  const own = actor.role === "client" && actor.id === clientId;
  if (!own && !mayEver(actor.role, "parq.view")) throw new Forbidden(ANSWERS_FORBIDDEN);
  const client = await findClientById(db, tenant, clientId);
  if (!client) throw new NotFound("There is no such client here.");
  if (!own) assertCan(actor, "parq.view", (await clientTies(tenant, client)).subject, ANSWERS_FORBIDDEN);
  const responses = await listParqResponses(db, tenant, client.id);
  const [latest] = responses;
  return {
    client: { id: client.id, fullName: client.fullName },
    latest: latest
      ? {
          answers: latest.answers,
          anyYes: latest.anyYes,
          declarationName: latest.declarationName,
          declaredOn: latest.declaredOn,
        }
      : null,
    history: responses.map((r) => ({ id: r.id, declaredOn: r.declaredOn, anyYes: r.anyYes })),
  };
}

/** A client's own screenings, for their account pages. */
export async function readOwnParqRecord(tenant: Tenant, actor: User): Promise<ParqRecord> {
  if (actor.role !== "client") throw new Forbidden("The health check is for the studio's clients.");
  return readParqRecord(tenant, actor, actor.id);
}

/**
 * Whether this client may make their first booking as far as health screening goes: always,
 * unless the studio requires a PAR-Q and they have none. For the booking flow.
 */
export async function parqRequirementMet(
  tenant: Tenant,
  clientId: string,
  known?: Pick<StudioSettings, "requireParqBeforeFirstBooking">,
): Promise<boolean> {
  const db = database();
  const settings = known ?? (await findStudioSettings(db, tenant));
  if (!settings.requireParqBeforeFirstBooking) return true;
  return (await findLatestParqResponse(db, tenant, clientId)) !== undefined;
}

/** For a client's own pages: their status and whether to remind them to fill it in. */
export async function ownParqReminder(
  tenant: Tenant,
  actor: User,
): Promise<{ status: ParqStatus; reminder: boolean } | null> {
  if (actor.role !== "client") return null;
  const db = database();
  const [settings, latest] = await Promise.all([
    findStudioSettings(db, tenant),
    findLatestParqResponse(db, tenant, actor.id),
  ]);
  return { status: parqStatusOf(latest?.anyYes), reminder: settings.requireParqBeforeFirstBooking && !latest };
}
