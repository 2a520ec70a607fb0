import { DateTime } from "luxon";
import { findBooking } from "~/models/booking.server";
import { claimIdempotencyKey, findIdempotencyResult } from "~/models/idempotency.server";
import {
  clientHasBookings,
  findLatestIntroSignupOfClient,
  insertIntroSignup,
  introPaid,
  lockIntroSignup,
  updateIntroSignup,
} from "~/models/intro-signup.server";
import { findLocationById, listActiveLocations } from "~/models/location.server";
import { findPackage, listPackages } from "~/models/package.server";
import { findPayment } from "~/models/payment.server";
import { listServices } from "~/models/service.server";
import { onlinePayments } from "~/services/payments/checkout.server";
import { payForPackageWithin } from "~/services/payments/purchase.server";
import { Forbidden, Refused } from "~/services/shared/errors";
import { formatMoney } from "~/services/shared/money";
import { isUniqueViolation } from "~/services/shared/pg-errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database, type Executor } from "~db/client";
import type { IntroSignup, Package, User } from "~db/schema/tenant";
import type { IntroPreferences } from "./intro.schema";

/**
 * The intro offer (spec §14, journey 3): a package the owner marks `intro_offer`, for one 1:1
 * session service, taken once by a client new to the studio. They pay online through Checkout
 * when the studio takes cards, else at the desk (docs/decisions/0015-intro-offer.md), and say
 * where and when they can come; the studio then matches them (queue.server.ts).
 */

const ACTION = "intro-signup";
const ALREADY_TAKEN = "You have already taken the intro offer. The studio will be in touch about your first session.";
const NOT_NEW =
  "The intro offer is for new clients, and you have booked with us before. See our packages for what else we offer.";

/** Where an offer's session can be had: the open locations offering its service, within the package's. */
async function offerLocations(tenant: Tenant, pack: Package, serviceLocationIds: string[]) {
  const open = await listActiveLocations(database(), tenant);
  return open.filter(
    (l) => serviceLocationIds.includes(l.id) && (pack.locationIds.length === 0 || pack.locationIds.includes(l.id)),
  );
}

/** The intro offers on sale, each with its one session service and where it can be had. */
export async function introOffers(tenant: Tenant) {
  const db = database();
  const [packages, services] = await Promise.all([listPackages(db, tenant), listServices(db, tenant)]);
  const offers = [];
  for (const pack of packages.filter((p) => p.introOffer && p.priceMinor > 0)) {
    const service = services.find((s) => s.id === pack.serviceIds[0] && s.type === "session");
    if (!service || pack.serviceIds.length !== 1) continue;
    const locations = await offerLocations(tenant, pack, service.locationIds);
    if (locations.length === 0) continue;
    offers.push({ pack, service, locations });
  }
  return offers;
}

export type IntroOffer = Awaited<ReturnType<typeof introOffers>>[number];

/** The offer and location a form names, or a refusal naming the field that is wrong. */
export async function requireOffer(tenant: Tenant, input: Pick<IntroPreferences, "packageId" | "locationId">) {
  const offer = (await introOffers(tenant)).find((o) => o.pack.id === input.packageId);
  if (!offer) throw new Refused(404, "NO_SUCH_OFFER", "This offer is not available. Please choose one from the list.");
  const location = offer.locations.find((l) => l.id === input.locationId);
  if (!location)
    throw new Refused(
      422,
      "NOT_AT_LOCATION",
      "This offer is not available there. Please choose a location from the list.",
    );
  return { ...offer, location };
}

/**
 * Refuses a client who is not new: one with a booking, or who took the offer before. The one
 * exception is their own sign-up whose online payment ended unpaid: they may pay again (returned).
 */
async function assertNewClient(x: Executor, tenant: Tenant, client: User) {
  if (client.role !== "client") throw new Forbidden("The intro offer is for clients. Staff book clients at the desk.");
  const latest = await findLatestIntroSignupOfClient(x, tenant, client.id);
  if (latest && !(await paymentEnded(x, tenant, latest))) throw new Refused(409, "INTRO_TAKEN", ALREADY_TAKEN);
  if (await clientHasBookings(x, tenant, client.id)) throw new Refused(409, "NOT_NEW_CLIENT", NOT_NEW);
  return latest;
}

/** A sign-up waiting for an online payment that expired or failed: it can be paid again. */
async function paymentEnded(x: Executor, tenant: Tenant, signup: IntroSignup) {
  if (signup.status !== "awaiting_payment" || !signup.paymentId) return false;
  const payment = await findPayment(x, tenant, signup.paymentId);
  return payment?.status === "expired" || payment?.status === "failed";
}

/** Thrown inside the transaction when the form's key was claimed meanwhile: the first result stands. */
class Duplicate extends Error {}

/**
 * A client takes the intro offer: the sign-up with their preferences, and (when the studio takes
 * cards online) its open payment in the same transaction, then Checkout. Without online payment
 * the sign-up goes straight to the studio's queue, to be paid at the desk. Returns where the
 * browser goes next. The same form sent again changes nothing and goes to the intro page.
 */
export async function takeIntroOffer(
  tenant: Tenant,
  client: User,
  input: IntroPreferences,
  now = new Date(),
): Promise<{ redirectTo: string }> {
  const done = { redirectTo: "/intro" };
  if (await findIdempotencyResult(database(), tenant, client.id, input.idempotencyKey)) return done;
  const { pack, service, location } = await requireOffer(tenant, input);
  const earlier = await assertNewClient(database(), tenant, client);
  const preferences = {
    packageId: pack.id,
    serviceId: service.id,
    locationId: location.id,
    preferredDays: input.days,
    preferredDayParts: input.dayParts,
    notes: input.notes,
  };
  /** Claims the form's key, then writes the sign-up (or moves the one whose payment ended). */
  const write = async (tx: Executor, paid: { paymentId: string } | { payAtDesk: true }) => {
    if (!(await claimIdempotencyKey(tx, tenant, { userId: client.id, key: input.idempotencyKey, action: ACTION })))
      throw new Duplicate();
    const status = "payAtDesk" in paid ? ("to_match" as const) : ("awaiting_payment" as const);
    if (!earlier)
      return void (await insertIntroSignup(tx, tenant, { clientId: client.id, ...preferences, ...paid, status }));
    const locked = await lockIntroSignup(tx, tenant, earlier.id);
    if (!locked || !(await paymentEnded(tx, tenant, locked))) throw new Refused(409, "INTRO_TAKEN", ALREADY_TAKEN);
    await updateIntroSignup(tx, tenant, earlier.id, { ...preferences, ...paid, status });
  };
  try {
    const online = await onlinePayments(tenant);
    if (!online.ready) {
      await database().transaction((tx) => write(tx, { payAtDesk: true }));
      return done;
    }
    const start = await payForPackageWithin(tenant, client, pack, { cancel: "/intro", now }, (tx, payment) =>
      write(tx, { paymentId: payment.id }),
    );
    return { redirectTo: start.redirectTo };
  } catch (error) {
    if (error instanceof Duplicate) return done;
    if (isUniqueViolation(error, "intro_signups_one_per_client")) throw new Refused(409, "INTRO_TAKEN", ALREADY_TAKEN);
    throw error;
  }
}

/** Where the client's sign-up stands, in the studio's words. */
export type IntroStage =
  | { kind: "paying"; paymentId: string }
  | { kind: "payment_ended" }
  | { kind: "pay_at_desk"; price: string }
  | { kind: "paid" }
  | { kind: "matched"; when: string; bookingId: string }
  | { kind: "cancelled"; reason: string };

async function stageOf(tenant: Tenant, signup: IntroSignup, pack: Package | undefined): Promise<IntroStage> {
  const db = database();
  if (signup.status === "cancelled") return { kind: "cancelled", reason: signup.cancelReason ?? "" };
  if (signup.status === "matched" && signup.bookingId) {
    const [booking, location] = await Promise.all([
      findBooking(db, tenant, signup.bookingId),
      findLocationById(db, tenant, signup.locationId),
    ]);
    const when = DateTime.fromJSDate(booking?.startsAt ?? new Date(), { zone: location?.timezone ?? "Europe/London" })
      .setLocale("en-GB")
      .toFormat("cccc d LLLL 'at' HH:mm");
    return { kind: "matched", when: `${when}, ${location?.name ?? ""}`, bookingId: signup.bookingId };
  }
  if (await introPaid(db, tenant, signup)) return { kind: "paid" };
  if (signup.payAtDesk)
    return { kind: "pay_at_desk", price: formatMoney(pack?.priceMinor ?? 0, tenant.studio.currency) };
  if (await paymentEnded(db, tenant, signup)) return { kind: "payment_ended" };
  return { kind: "paying", paymentId: signup.paymentId ?? "" };
}

/**
 * The public intro page: the offers with prices and where they can be had; for a signed-in
 * client their sign-up's stage, or why they cannot take the offer; whether payment is online.
 */
export async function introPage(tenant: Tenant, viewer: User | null) {
  const [offers, online] = await Promise.all([introOffers(tenant), onlinePayments(tenant)]);
  const currency = tenant.studio.currency;
  let stage: IntroStage | null = null;
  let refusal: string | null = null;
  if (viewer?.role === "client") {
    const latest = await findLatestIntroSignupOfClient(database(), tenant, viewer.id);
    if (latest) stage = await stageOf(tenant, latest, await findPackage(database(), tenant, latest.packageId));
    else if (await clientHasBookings(database(), tenant, viewer.id)) refusal = NOT_NEW;
  } else if (viewer) refusal = "The intro offer is for clients. Staff book clients at the desk.";
  return {
    studioName: tenant.studio.name,
    offers: offers.map(({ pack, service, locations }) => ({
      id: pack.id,
      name: pack.name,
      price: formatMoney(pack.priceMinor, currency),
      serviceName: service.name,
      minutes: service.durationMinutes,
      locations: locations.map((l) => ({ id: l.id, name: l.name })),
    })),
    paysOnline: online.ready,
    stage,
    refusal,
  };
}

/** The first intro offer in a line, for the pages a new visitor sees (null: none on sale). */
export async function introTeaser(tenant: Tenant) {
  const [offer] = await introOffers(tenant);
  return offer ? { name: offer.pack.name, price: formatMoney(offer.pack.priceMinor, tenant.studio.currency) } : null;
}
