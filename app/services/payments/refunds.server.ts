import type Stripe from "stripe";
import { findCreditGrant } from "~/models/credit.server";
import { claimIdempotencyKey, findIdempotencyResult, saveIdempotencyResult } from "~/models/idempotency.server";
import { findLocationById, listActiveLocations } from "~/models/location.server";
import { findStudioById } from "~/models/organization.server";
import { findPackage } from "~/models/package.server";
import { findLivePaymentForBooking, findPayment, findRefund } from "~/models/payment.server";
import { findStudioSettings } from "~/models/studio-settings.server";
import { findActiveUserById } from "~/models/user.server";
import { assertCan, mayEver, type Subject } from "~/services/identity/permissions";
import { fullDateAt } from "~/services/shared/date-words";
import { Forbidden, NotFound, Refused } from "~/services/shared/errors";
import { formatMoney } from "~/services/shared/money";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database, type Executor } from "~db/client";
import type { Payment, Refund, User } from "~db/schema/tenant";
import { METHOD_ON_PAGE } from "./labels";
import { creditsTakenBack, recordRefund } from "./refund-record.server";
import { stripeClient } from "./stripe.server";

export type RefundRequest = { amountMinor: number; reason: string };
export type RefundSubmission = { idempotencyKey?: string };
export type RefundOutcome = { refund: Refund; payment: Payment; replayed: boolean };

const NO_SUCH_PAYMENT = "There is no such payment.";
const ROLE_MAY_NOT = "Your role cannot refund payments.";

/** Where the money goes back: through Stripe to the card, or by hand at the desk. */
export type GiveBack = "card" | "cash" | "terminal";

export function giveBackOf(payment: Pick<Payment, "method">): GiveBack {
  if (payment.method === "cash") return "cash";
  if (payment.method === "terminal") return "terminal";
  return "card";
}

/** What a refund asks of the person at the desk once it is recorded. */
export const GIVE_BACK_NOTES: Record<GiveBack, string> = {
  card: "Stripe returns the money to the card it came from; it usually reaches the client in 5 to 10 days.",
  cash: "Refunding records it here; then give the client the money back in cash.",
  terminal: "Refunding records it here; then refund the money to the client's card on the card terminal.",
};

/**
 * Where a payment belongs, for the matrix: its location, or for one taken online without one
 * (a package bought on the client's page) the client's home locations.
 */
async function subjectOf(x: Executor, tenant: Tenant, payment: Payment): Promise<Subject> {
  if (payment.locationId) return { locationId: payment.locationId };
  const client = await findActiveUserById(x, tenant, payment.clientId);
  return { anyOfLocationIds: client?.accessibleLocations ?? [] };
}

/**
 * The payment, if this actor may refund payments at all (403 otherwise, before anything is
 * looked up) and may see it: staff at its location, the owner everywhere. Anyone else gets the
 * same 404 as for a payment that does not exist.
 */
async function visiblePayment(x: Executor, tenant: Tenant, actor: User, paymentId: string) {
  if (!mayEver(actor.role, "payment.refund")) throw new Forbidden(ROLE_MAY_NOT, "role");
  const payment = await findPayment(x, tenant, paymentId);
  if (!payment) throw new NotFound(NO_SUCH_PAYMENT);
  const subject = await subjectOf(x, tenant, payment);
  try {
    assertCan(actor, "payment.refund", { ...subject, refund: { amountMinor: 0, limitMinor: 0 } });
  } catch (error) {
    if (error instanceof Forbidden) throw new NotFound(NO_SUCH_PAYMENT);
    throw error;
  }
  return { payment, subject };
}

function leftOf(payment: Payment) {
  return payment.amountMinor - payment.refundedMinor;
}

/**
 * Refunds some or all of a paid payment. Checked before anything changes: the actor may see the
 * payment, it went through, the amount is whole pence within what is left, a reason is given,
 * and the actor's role allows that amount (a receptionist up to the studio's limit). A card
 * payment is refunded through Stripe first (on the studio's account, keyed by the form's
 * one-time key so a resent form makes no second refund), then recorded; if Stripe refuses or
 * cannot be reached nothing is recorded. If recording fails after Stripe refunded, Stripe's
 * `charge.refunded` event records it later by its id. Cash and terminal refunds are recorded at
 * once: the desk gives the money back by hand.
 */
export async function refundPayment(
  tenant: Tenant,
  actor: User,
  paymentId: string,
  request: RefundRequest,
  submission: RefundSubmission = {},
): Promise<RefundOutcome> {
  const db = database();
  const key = submission.idempotencyKey;
  if (!mayEver(actor.role, "payment.refund")) throw new Forbidden(ROLE_MAY_NOT, "role");
  const earlier = await replay(tenant, actor, key);
  if (earlier) {
    // The same key with another payment or amount is another refund, not a repeat of this one.
    if (earlier.payment.id !== paymentId || earlier.refund.amountMinor !== request.amountMinor)
      throw new Refused(422, "IDEMPOTENCY_KEY_REUSED", "This key was already used for another refund.");
    return earlier;
  }
  const { payment, subject } = await visiblePayment(db, tenant, actor, paymentId);
  if (payment.status !== "succeeded")
    throw new Refused(409, "NOT_PAID", "Only a payment that went through can be refunded.");
  const reason = request.reason.trim();
  if (!reason) throw new Refused(400, "REASON_REQUIRED", "Say why the money goes back.");
  const left = leftOf(payment);
  if (!Number.isSafeInteger(request.amountMinor) || request.amountMinor <= 0)
    throw new Refused(400, "INVALID_AMOUNT", "Enter an amount of more than nothing.");
  if (request.amountMinor > left)
    throw new Refused(
      422,
      "REFUND_TOO_LARGE",
      left === 0
        ? "This payment has already been refunded in full."
        : `At most ${formatMoney(left, payment.currency)} of this payment can still be refunded.`,
    );
  const settings = await findStudioSettings(db, tenant);
  assertCan(actor, "payment.refund", {
    ...subject,
    refund: { amountMinor: request.amountMinor, limitMinor: settings.receptionistRefundLimitMinor },
  });

  const stripeRefund =
    giveBackOf(payment) === "card" ? await refundThroughStripe(tenant, payment, request.amountMinor, key) : null;
  try {
    return await db.transaction(async (tx) => {
      if (key && !(await claimIdempotencyKey(tx, tenant, { userId: actor.id, key, action: "refund" })))
        throw new Duplicate();
      const recorded = await recordRefund(tx, tenant, payment.id, {
        amountMinor: request.amountMinor,
        reason,
        status: !stripeRefund || stripeRefund.status === "succeeded" ? "succeeded" : "pending",
        stripeRefundId: stripeRefund?.id ?? null,
        actorId: actor.id,
      });
      if (key) await saveIdempotencyResult(tx, tenant, actor.id, key, { refundId: recorded.refund.id });
      return { refund: recorded.refund, payment: recorded.payment, replayed: !recorded.created };
    });
  } catch (error) {
    if (!(error instanceof Duplicate)) throw error;
    const first = await replay(tenant, actor, key);
    if (first) return first;
    throw new Refused(409, "DUPLICATE_SUBMISSION", "This form was already sent. Please reload the page.");
  }
}

/** Thrown inside the transaction when its key was claimed meanwhile: roll back, show the first result. */
class Duplicate extends Error {}

/** The refund an earlier submission with this key made, if any. */
async function replay(tenant: Tenant, actor: User, key: string | undefined): Promise<RefundOutcome | null> {
  if (!key) return null;
  const db = database();
  const earlier = await findIdempotencyResult(db, tenant, actor.id, key);
  if (!earlier) return null;
  const refundId = (earlier.result as { refundId?: unknown }).refundId;
  if (earlier.action !== "refund" || typeof refundId !== "string")
    throw new Refused(422, "IDEMPOTENCY_KEY_REUSED", "This key was already used for something else.");
  const refund = await findRefund(db, tenant, refundId);
  const payment = refund && (await findPayment(db, tenant, refund.paymentId));
  if (!refund || !payment) return null;
  return { refund, payment, replayed: true };
}

/**
 * Asks Stripe to refund part or all of the payment's charge on the studio's account. A studio
 * that can no longer take new charges may still refund old ones, so only the keys and the
 * connected account are required.
 */
async function refundThroughStripe(
  tenant: Tenant,
  payment: Payment,
  amountMinor: number,
  key: string | undefined,
): Promise<Stripe.Refund> {
  const stripe = stripeClient();
  const studio = await findStudioById(database(), tenant.studio.id);
  if (!stripe || !studio?.stripeAccountId)
    throw new Refused(
      503,
      "ONLINE_REFUNDS_NOT_SET_UP",
      "Card refunds need the studio's Stripe account, which is not connected. Nothing was refunded.",
    );
  if (!payment.stripePaymentIntentId)
    throw new Refused(
      409,
      "NOT_PAID",
      "Stripe has not confirmed this card payment yet, so it cannot be refunded. Try again in a minute.",
    );
  try {
    return await stripe.refunds.create(
      {
        payment_intent: payment.stripePaymentIntentId,
        amount: amountMinor,
        reason: "requested_by_customer",
        metadata: { studio_id: tenant.studio.id, payment_id: payment.id },
      },
      { stripeAccount: studio.stripeAccountId, idempotencyKey: `refund-${key ?? crypto.randomUUID()}` },
    );
  } catch (error) {
    console.error("stripe refund not created", payment.id, error);
    const said = isStripeRefusal(error) ? ` Stripe said: ${error.message}` : "";
    throw new Refused(
      503,
      "REFUND_NOT_MADE",
      said
        ? `Stripe did not make the refund.${said} Nothing was refunded.`
        : "The refund could not be made through Stripe just now. Nothing was refunded; please try again.",
    );
  }
}

/** Stripe answered with a reason (an invalid request, a card error), not a network failure or outage. */
function isStripeRefusal(error: unknown): error is Error {
  const type = (error as { type?: unknown } | null)?.type;
  return error instanceof Error && (type === "StripeInvalidRequestError" || type === "StripeCardError");
}

export type RefundCredits = { packageName: string; packageCredits: number; remaining: number } | null;

/**
 * What a refund of `amountMinor` does to the credits the payment bought, said before it is
 * made: null when the payment bought none.
 */
export function creditsSentence(
  credits: RefundCredits,
  removesCredits: boolean,
  payment: { amountMinor: number; currency: string },
  amountMinor: number,
): string | null {
  if (!credits) return null;
  if (!removesCredits) return "The client keeps the credits they bought.";
  if (credits.remaining === 0) return `The client has no unused credits of ${credits.packageName} left to take back.`;
  const taken = creditsTakenBack(credits.packageCredits, payment.amountMinor, amountMinor, credits.remaining);
  const of = taken === credits.remaining ? `all ${credits.remaining}` : `${taken} of the ${credits.remaining}`;
  const noun = credits.remaining === 1 ? "credit" : "credits";
  return `Refunding ${formatMoney(amountMinor, payment.currency)} takes back ${of} unused ${noun} of ${credits.packageName}.`;
}

/** The refund page: the payment, what is left to refund, the actor's limit and what it does to credits. */
export async function refundPage(tenant: Tenant, actor: User, paymentId: string) {
  const db = database();
  const { payment } = await visiblePayment(db, tenant, actor, paymentId);
  const [settings, client, zone, credits] = await Promise.all([
    findStudioSettings(db, tenant),
    findActiveUserById(db, tenant, payment.clientId),
    zoneOf(db, tenant, payment),
    creditsOf(db, tenant, payment),
  ]);
  const money = (minor: number) => formatMoney(minor, payment.currency);
  const left = leftOf(payment);
  const giveBack = giveBackOf(payment);
  return {
    payment: {
      id: payment.id,
      description: payment.description,
      client: client ? { id: client.id, name: client.fullName } : null,
      method: METHOD_ON_PAGE[payment.method],
      paidOn: payment.paidAt ? fullDateAt(payment.paidAt, zone) : null,
      amount: money(payment.amountMinor),
      refunded: payment.refundedMinor > 0 ? money(payment.refundedMinor) : null,
      bookingId: payment.bookingId,
    },
    refundable: payment.status === "succeeded" && left > 0,
    notPaid: payment.status !== "succeeded",
    leftMinor: left,
    left: money(left),
    limit: actor.role === "receptionist" ? money(settings.receptionistRefundLimitMinor) : null,
    credits,
    removesCredits: settings.refundRemovesCredits,
    creditsNote: creditsSentence(credits, settings.refundRemovesCredits, payment, left),
    giveBack,
    giveBackNote: GIVE_BACK_NOTES[giveBack],
  };
}

async function creditsOf(x: Executor, tenant: Tenant, payment: Payment): Promise<RefundCredits> {
  if (!payment.creditGrantId || !payment.packageId) return null;
  const [grant, pack] = await Promise.all([
    findCreditGrant(x, tenant, payment.creditGrantId),
    findPackage(x, tenant, payment.packageId),
  ]);
  if (!grant || !pack) return null;
  return { packageName: pack.name, packageCredits: pack.credits, remaining: grant.remaining };
}

/** The payment's location's clock, or for one without a location the studio's first location's. */
async function zoneOf(x: Executor, tenant: Tenant, payment: Payment) {
  const location = payment.locationId
    ? await findLocationById(x, tenant, payment.locationId)
    : (await listActiveLocations(x, tenant))[0];
  return location?.timezone ?? "Europe/London";
}

/**
 * For a booking's page: what was paid for it and whether this actor may refund it, or null when
 * nothing was paid (or the actor may not see the payment).
 */
export async function bookingPaymentNote(tenant: Tenant, actor: User, bookingId: string) {
  if (actor.role === "client") return null;
  const payment = await findLivePaymentForBooking(database(), tenant, bookingId);
  if (payment?.status !== "succeeded") return null;
  const how = payment.method === "online_card" ? " online" : payment.method === "cash" ? " in cash" : " by card";
  const money = (minor: number) => formatMoney(minor, payment.currency);
  const refunded = payment.refundedMinor > 0 ? `, ${money(payment.refundedMinor)} refunded` : "";
  let mayRefund = false;
  if (mayEver(actor.role, "payment.refund") && leftOf(payment) > 0) {
    try {
      await visiblePayment(database(), tenant, actor, payment.id);
      mayRefund = true;
    } catch (error) {
      if (!(error instanceof NotFound || error instanceof Forbidden)) throw error;
    }
  }
  return {
    paymentId: payment.id,
    text: `Paid ${money(payment.amountMinor)}${how}${refunded}`,
    refundHref: mayRefund ? `/payments/${payment.id}/refund` : null,
  };
}
