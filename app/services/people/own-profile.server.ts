import { findClientById, updateClient } from "~/models/client.server";
import { storedPhones, studioCountry } from "~/services/identity/phone-input.server";
import { Forbidden, NotFound, Refused } from "~/services/shared/errors";
import { messageRoute } from "~/services/shared/message-channels";
import { localDate, studioTimezone } from "~/services/studio/time.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { User } from "~db/schema/tenant";

/** What a client may change about themself; booking permission, discount and notes are the studio's. */
export type OwnProfileChanges = Partial<
  Pick<
    User,
    "fullName" | "phone" | "emergencyContactName" | "emergencyContactPhone" | "marketingConsent" | "messageChannels"
  >
>;

function requireClient(actor: User) {
  if (actor.role !== "client")
    throw new Forbidden("These are a client's own details; the studio's team keep theirs elsewhere.");
}

/** Why this client cannot have texts, in their words, from `mobileFor`'s reason. */
const NO_TEXTS: Record<string, string> = {
  "No phone number": "Add a mobile number to your details to get texts; until then we email you.",
  "Not a mobile number": "Your phone number is not a mobile, so we email you. Add a mobile to get texts.",
  "Not a valid number": "Your phone number is not one we can text, so we email you. Check it in your details.",
};

/** A client's own details (never the staff's notes about them), and where their messages go. */
export async function viewOwnProfile(tenant: Tenant, actor: User) {
  requireClient(actor);
  const client = await findClientById(database(), tenant, actor.id);
  if (!client) throw new NotFound();
  const country = await studioCountry(tenant);
  const smsRefusal = messageRoute({ messageChannels: "both", phone: client.phone }, country).smsRefusal;
  return {
    id: client.id,
    fullName: client.fullName,
    email: client.email,
    phone: client.phone,
    emergencyContactName: client.emergencyContactName,
    emergencyContactPhone: client.emergencyContactPhone,
    marketingConsent: client.marketingConsent,
    messageChannels: client.messageChannels,
    /** Why SMS is not on offer to them (no mobile), or null. */
    noTexts: smsRefusal ? (NO_TEXTS[smsRefusal] ?? smsRefusal) : null,
    memberSince: localDate(client.createdAt, await studioTimezone(tenant)),
  };
}

export async function updateOwnProfile(tenant: Tenant, actor: User, changes: OwnProfileChanges) {
  requireClient(actor);
  // Only the client's own fields reach the update, whatever else a caller passes in.
  const { fullName, emergencyContactName, marketingConsent, messageChannels } = changes;
  const { phone, emergencyContactPhone } = await storedPhones(tenant, {
    phone: changes.phone,
    emergencyContactPhone: changes.emergencyContactPhone,
  });
  if (messageChannels !== undefined && messageChannels !== "email") {
    // Texts need a mobile: the one they send now, or the one on file.
    const mobile = phone !== undefined ? phone : actor.phone;
    const refusal = messageRoute({ messageChannels, phone: mobile }, await studioCountry(tenant)).smsRefusal;
    if (refusal) throw new Refused(400, "NO_MOBILE", NO_TEXTS[refusal] ?? refusal);
  }
  await updateClient(database(), tenant, actor.id, {
    ...(fullName !== undefined && { fullName }),
    ...(phone !== undefined && { phone }),
    ...(emergencyContactName !== undefined && { emergencyContactName }),
    ...(emergencyContactPhone !== undefined && { emergencyContactPhone }),
    ...(marketingConsent !== undefined && { marketingConsent }),
    ...(messageChannels !== undefined && { messageChannels }),
  });
}
