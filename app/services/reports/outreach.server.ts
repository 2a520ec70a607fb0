import { claimIdempotencyKey, findIdempotencyResult, saveIdempotencyResult } from "~/models/idempotency.server";
import { insertOutboxMessage } from "~/models/outbox.server";
import { findStudioSettings } from "~/models/studio-settings.server";
import { assertCan, canAccessLocation } from "~/services/identity/permissions";
import { smsSendTime } from "~/services/messages/templates/quiet-hours";
import { requireVisibleClient } from "~/services/people/client.server";
import { Refused } from "~/services/shared/errors";
import { messageRoute } from "~/services/shared/message-channels";
import { studioTimezone } from "~/services/studio/time.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";

/** The message log shows this template as "Staff message". */
export const STAFF_MESSAGE = "staff_message";
const ACTION = "churn.message";

export type OutreachMessage = { clientId: string; subject: string; text: string; idempotencyKey: string };

/** Thrown inside the transaction when the form's key was used meanwhile: roll back, report the first. */
class Duplicate extends Error {}

/**
 * A manager or the owner writes to a client at risk of leaving, through Messages: an email
 * and/or a text, on the channels the client chose (a text only to a mobile, held back until the
 * studio's quiet hours end). The form's one-time key makes a resubmission send nothing more.
 */
export async function messageClient(tenant: Tenant, actor: User, input: OutreachMessage, now = new Date()) {
  assertCan(actor, "report.view_operations");
  const { client, locationIds } = await requireVisibleClient(tenant, actor, input.clientId);
  const db = database();
  const [settings, studioZone] = await Promise.all([findStudioSettings(db, tenant), studioTimezone(tenant)]);
  const route = messageRoute(client, settings.country);
  // Filed under a location the sender works at, so the desk there sees it in the message log.
  const home = [client.primaryLocationId, ...locationIds].find((id) => id && canAccessLocation(actor, id)) ?? null;
  const about = { template: STAFF_MESSAGE, userId: client.id, locationId: home };
  try {
    await db.transaction(async (tx) => {
      if (!(await claimIdempotencyKey(tx, tenant, { userId: actor.id, key: input.idempotencyKey, action: ACTION })))
        throw new Duplicate();
      if (route.email)
        await insertOutboxMessage(tx, tenant, {
          channel: "email",
          recipient: client.email,
          subject: input.subject,
          body: input.text,
          ...about,
        });
      if (route.sms) {
        const sendAt = smsSendTime({
          desired: now,
          zone: studioZone,
          quietStart: settings.quietHoursStart,
          quietEnd: settings.quietHoursEnd,
          notAfter: null,
          now,
        });
        await insertOutboxMessage(tx, tenant, {
          channel: "sms",
          recipient: route.sms,
          subject: null,
          body: `${tenant.studio.name}: ${input.text}`,
          sendAfter: sendAt && sendAt > now ? sendAt : null,
          ...about,
        });
      }
      await saveIdempotencyResult(tx, tenant, actor.id, input.idempotencyKey, { clientId: client.id });
    });
  } catch (error) {
    if (!(error instanceof Duplicate)) throw error;
    await assertSameMessage(tenant, actor, input);
    return { client: { id: client.id, fullName: client.fullName }, replayed: true };
  }
  return { client: { id: client.id, fullName: client.fullName }, replayed: false };
}

/** A repeat of the same form is fine (nothing more is sent); a key reused for something else is not. */
async function assertSameMessage(tenant: Tenant, actor: User, input: OutreachMessage) {
  const first = await findIdempotencyResult(database(), tenant, actor.id, input.idempotencyKey);
  if (first?.action !== ACTION || first.result.clientId !== input.clientId)
    throw new Refused(
      422,
      "IDEMPOTENCY_KEY_REUSED",
      "This form was already used for something else. Please reload the page.",
    );
}
