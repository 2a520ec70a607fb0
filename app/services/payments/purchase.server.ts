import { DateTime } from "luxon";
import { claimIdempotencyKey, findIdempotencyResult, saveIdempotencyResult } from "~/models/idempotency.server";
import { findLocationById } from "~/models/location.server";
import { findPackage } from "~/models/package.server";
import { findLivePaymentForBooking, findPayment, insertPayment, type NewPayment } from "~/models/payment.server";
import {
  type BookingHooks,
  type ClassRequest,
  holdClassForPayment,
  holdSessionForPayment,
  type SessionRequest,
  type Submission,
} from "~/services/booking/engine.server";
import { pricePerPlaceMinor } from "~/services/booking/rules";
import { Forbidden, NotFound, Refused } from "~/services/shared/errors";
import { formatMoney } from "~/services/shared/money";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database, type Executor } from "~db/client";
import type { Booking, Package, Payment, Service, User } from "~db/schema/tenant";
import { keepCardOffer } from "./card-on-file.server";
import { CHECKOUT_MINUTES, feeFor, type OnlinePayments, onlinePayments, openCheckout } from "./checkout.server";
import { queueCheckoutExpiry } from "./expire-checkout.server";

/**
 * A client paying online for themselves: a package, or one booking whose service has a price
 * when they have no credit for it. The payment is written (and the place held) first, then
 * Checkout is opened on the studio's account; the browser is sent there. Nothing is given until
 * Stripe says the money arrived (settle.server.ts).
 */

type Ready = Extract<OnlinePayments, { ready: true }>;

/** Where the browser goes next: Stripe's Checkout page, or the payment's own page once it ended. */
export type PaymentStart = { payment: Payment; redirectTo: string };

/** Only a client pays online for themselves; the desk takes payments for clients. */
function assertPayingForThemselves(actor: User) {
  if (actor.role !== "client") throw new Forbidden("Only clients pay online. Take payments at the desk instead.");
}

async function requireOnline(tenant: Tenant): Promise<Ready> {
  const online = await onlinePayments(tenant);
  if (!online.ready) throw new Refused(409, "ONLINE_PAYMENT_NOT_READY", online.reason);
  return online;
}

/**
 * Writes an open online payment with its Checkout expiry, and queues the backstop that ends it
 * should Stripe's `checkout.session.expired` never arrive: both in the caller's transaction.
 */
async function writeOpenPayment(
  tx: Executor,
  tenant: Tenant,
  online: Ready,
  values: Omit<NewPayment, "method" | "status" | "currency" | "applicationFeeMinor" | "expiresAt">,
  now: Date,
) {
  const expiresAt = new Date(now.getTime() + CHECKOUT_MINUTES * 60_000);
  const payment = await insertPayment(tx, tenant, {
    ...values,
    method: "online_card",
    status: "open",
    currency: tenant.studio.currency,
    applicationFeeMinor: feeFor(online, values.amountMinor),
    expiresAt,
  });
  await queueCheckoutExpiry(tx, tenant, payment);
  return payment;
}

/** A payment form's submission; `keepCard`: the client ticked "keep my card on file for no-show fees". */
export type PaySubmission = Submission & { keepCard?: boolean };

/** Checkout for a payment still open; its own page for one that has already ended or succeeded. */
async function nextStep(
  tenant: Tenant,
  online: Ready,
  payment: Payment,
  cancel: string,
  submission: PaySubmission,
): Promise<PaymentStart> {
  if (payment.status !== "open") return { payment, redirectTo: `/payments/${payment.id}` };
  // Only a studio that charges a no-show fee keeps cards; a box ticked on a stale page elsewhere is ignored.
  const keepCard = submission.keepCard === true && (await keepCardOffer(tenant)) !== null;
  return { payment, redirectTo: await openCheckout(tenant, online, payment, { cancel, keepCard }) };
}

/** Thrown inside the transaction when the form's key was claimed meanwhile: the first result is shown. */
class Duplicate extends Error {}

const BUY_ACTION = "buy-package";

async function earlierPurchase(tenant: Tenant, actor: User, key: string | undefined, packageId?: string) {
  if (!key) return undefined;
  const previous = await findIdempotencyResult(database(), tenant, actor.id, key);
  if (!previous) return undefined;
  if (previous.action !== BUY_ACTION)
    throw new Refused(
      422,
      "IDEMPOTENCY_KEY_REUSED",
      "This form was already used for something else. Please reload the page.",
    );
  const paymentId = previous.result.paymentId;
  const payment = typeof paymentId === "string" ? await findPayment(database(), tenant, paymentId) : undefined;
  // One key buys one package: the same key sent for another package is a mistake, not a repeat.
  if (payment && packageId && payment.packageId !== packageId)
    throw new Refused(422, "IDEMPOTENCY_KEY_REUSED", "This key was already used to buy another package.");
  return payment;
}

function packagePayment(actor: User, pack: Package) {
  return {
    clientId: actor.id,
    kind: "package" as const,
    amountMinor: pack.priceMinor,
    description: pack.name,
    packageId: pack.id,
    takenById: actor.id,
  };
}

/**
 * A client pays online for a package as part of another change (the intro offer's sign-up):
 * the open payment is written, and `within` writes what goes with it, in one transaction; then
 * Checkout is opened. Leaving Checkout returns to `cancel`.
 */
export async function payForPackageWithin(
  tenant: Tenant,
  actor: User,
  pack: Package,
  options: { cancel: string; now?: Date },
  within: (tx: Executor, payment: Payment) => Promise<void>,
): Promise<PaymentStart> {
  assertPayingForThemselves(actor);
  const online = await requireOnline(tenant);
  if (pack.priceMinor <= 0)
    throw new Refused(409, "NOTHING_TO_PAY", "This package is free. Ask at the front desk to have it added.");
  const payment = await database().transaction(async (tx) => {
    const written = await writeOpenPayment(tx, tenant, online, packagePayment(actor, pack), options.now ?? new Date());
    await within(tx, written);
    return written;
  });
  return nextStep(tenant, online, payment, options.cancel, {});
}

/**
 * A client buys a package online. The same form sent again (its one-time key) goes to the same
 * payment and the same Checkout page: never a second payment (`replayed` says it was a repeat).
 */
export async function buyPackage(
  tenant: Tenant,
  actor: User,
  packageId: string,
  submission: PaySubmission = {},
): Promise<PaymentStart & { replayed: boolean }> {
  assertPayingForThemselves(actor);
  const online = await requireOnline(tenant);
  const key = submission.idempotencyKey;
  const cancel = "/packages";
  const earlier = await earlierPurchase(tenant, actor, key, packageId);
  if (earlier) return { ...(await nextStep(tenant, online, earlier, cancel, submission)), replayed: true };
  const pack = await findPackage(database(), tenant, packageId);
  if (!pack || pack.archivedAt) throw new NotFound("This package is not on sale.");
  if (pack.introOffer)
    throw new Refused(409, "INTRO_OFFER", "This is the offer for new clients: take it on the intro offer page.");
  if (pack.priceMinor <= 0)
    throw new Refused(409, "NOTHING_TO_PAY", "This package is free. Ask at the front desk to have it added.");
  let payment: Payment;
  try {
    payment = await database().transaction(async (tx) => {
      if (key && !(await claimIdempotencyKey(tx, tenant, { userId: actor.id, key, action: BUY_ACTION })))
        throw new Duplicate();
      const written = await writeOpenPayment(
        tx,
        tenant,
        online,
        packagePayment(actor, pack),
        submission.now ?? new Date(),
      );
      if (key) await saveIdempotencyResult(tx, tenant, actor.id, key, { paymentId: written.id });
      return written;
    });
  } catch (error) {
    if (!(error instanceof Duplicate)) throw error;
    const first = await earlierPurchase(tenant, actor, key, packageId);
    if (!first) throw new Refused(409, "DUPLICATE_SUBMISSION", "This form was already sent. Please reload the page.");
    return { ...(await nextStep(tenant, online, first, cancel, submission)), replayed: true };
  }
  return { ...(await nextStep(tenant, online, payment, cancel, submission)), replayed: false };
}

/** "Yoga Flow, Tue 3 Mar 18:00": what the client pays for, at the class's or session's location. */
export async function bookingDescription(tx: Executor, tenant: Tenant, booking: Booking, service: Service) {
  const location = await findLocationById(tx, tenant, booking.locationId);
  const when = DateTime.fromJSDate(booking.startsAt, { zone: location?.timezone ?? "Europe/London" })
    .setLocale("en-GB")
    .toFormat("ccc d LLL HH:mm");
  return `${service.name}, ${when}`;
}

const NOT_PAYABLE = "This booking cannot be paid for online. Book it with a credit, or ask at the front desk.";

/**
 * Holds a place or a session and writes its payment in the hold's transaction (so two clients
 * paying for the last place: the second is refused CLASS_FULL / SLOT_TAKEN before any payment or
 * Checkout page exists), then opens Checkout. A repeated form goes to the same Checkout page.
 */
async function payForHold(
  tenant: Tenant,
  actor: User,
  submission: PaySubmission,
  hold: (pay: (tx: Executor, booking: Booking, service: Service) => Promise<void>) => Promise<{ booking: Booking }>,
): Promise<PaymentStart> {
  assertPayingForThemselves(actor);
  const online = await requireOnline(tenant);
  const now = submission.now ?? new Date();
  const { booking } = await hold(async (tx, held, service) => {
    const perPlace = pricePerPlaceMinor(service);
    if (perPlace === null) throw new Refused(409, "NOTHING_TO_PAY", NOT_PAYABLE);
    const amountMinor = perPlace * held.spotsBooked;
    await writeOpenPayment(
      tx,
      tenant,
      online,
      {
        clientId: held.clientId,
        kind: "booking",
        amountMinor,
        description: await bookingDescription(tx, tenant, held, service),
        bookingId: held.id,
        locationId: held.locationId,
        takenById: actor.id,
      },
      now,
    );
  });
  const payment = await findLivePaymentForBooking(database(), tenant, booking.id);
  if (!payment) throw new Refused(409, "PAYMENT_ENDED", "This payment has ended. Please book again.");
  // Leaving Checkout comes back to the payment's page: the place stays held until it is paid or cancelled there.
  return nextStep(tenant, online, payment, `/payments/${payment.id}?from=cancel`, submission);
}

/** Pays for places in a class instead of with credits. */
export async function payForClass(
  tenant: Tenant,
  actor: User,
  request: Pick<ClassRequest, "occurrenceId" | "spots" | "notes">,
  submission: PaySubmission = {},
  hooks: BookingHooks = {},
) {
  return payForHold(tenant, actor, submission, (pay) =>
    holdClassForPayment(tenant, actor, request, submission, pay, hooks),
  );
}

/** Pays for a 1:1 session instead of with a credit. */
export async function payForSession(
  tenant: Tenant,
  actor: User,
  request: Omit<SessionRequest, "clientId" | "override">,
  submission: PaySubmission = {},
  hooks: BookingHooks = {},
) {
  return payForHold(tenant, actor, submission, (pay) =>
    holdSessionForPayment(tenant, actor, request, submission, pay, hooks),
  );
}

/**
 * What a booking page says about paying for it online: the price when this studio can take it,
 * or why not (online payment not set up: pay at the desk).
 */
export async function payOffer(tenant: Tenant, actor: User | null, priceMinor: number | null) {
  if (priceMinor === null || actor?.role !== "client") return null;
  const online = await onlinePayments(tenant);
  return online.ready
    ? {
        ready: true as const,
        price: formatMoney(priceMinor, tenant.studio.currency),
        keepCard: await keepCardOffer(tenant),
      }
    : { ready: false as const, reason: online.reason };
}

/** Whether the packages page offers a client "Buy" buttons, or says why not (null: not a client). */
export async function packageBuying(tenant: Tenant, actor: User | null) {
  if (actor?.role !== "client") return null;
  const online = await onlinePayments(tenant);
  return online.ready
    ? { ready: true as const, keepCard: await keepCardOffer(tenant) }
    : { ready: false as const, reason: online.reason };
}

/**
 * Checkout for a booking of the client's held awaiting payment (the payment page's "Pay"): its
 * open payment's page, opened now if it never was; the same page while it stays open.
 */
export async function payForHeldBooking(
  tenant: Tenant,
  actor: User,
  bookingId: string,
  now = new Date(),
): Promise<PaymentStart> {
  assertPayingForThemselves(actor);
  const online = await requireOnline(tenant);
  const payment = await findLivePaymentForBooking(database(), tenant, bookingId);
  if (payment?.clientId !== actor.id) throw new NotFound("You have no booking awaiting payment with this id.");
  if (payment.status === "succeeded") throw new Refused(409, "ALREADY_PAID", "This booking is already paid for.");
  if (payment.expiresAt && payment.expiresAt.getTime() <= now.getTime())
    throw new Refused(409, "PAYMENT_ENDED", "This payment has ended. Please book again.");
  return nextStep(tenant, online, payment, `/payments/${payment.id}?from=cancel`, {});
}

/** The open payment holding this client's booking, for the page that shows the hold (null: none). */
export async function openPaymentOfBooking(tenant: Tenant, actor: User, bookingId: string) {
  const payment = await findLivePaymentForBooking(database(), tenant, bookingId);
  return payment?.status === "open" && payment.clientId === actor.id ? payment.id : null;
}
