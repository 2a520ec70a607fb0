import { claimIdempotencyKey, findIdempotencyResult, saveIdempotencyResult } from "~/models/idempotency.server";
import { listActiveLocations } from "~/models/location.server";
import { findPackage, listPackages } from "~/models/package.server";
import { findPayment, insertPayment } from "~/models/payment.server";
import { assertCan, canAccessLocation } from "~/services/identity/permissions";
import { requireVisibleClient } from "~/services/people/client.server";
import { Refused } from "~/services/shared/errors";
import { formatMoney } from "~/services/shared/money";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database, type Executor } from "~db/client";
import type { Payment, User } from "~db/schema/tenant";
import { CHECKOUT_MINUTES, feeFor, type OnlinePayments, onlinePayments, openCheckout } from "./checkout.server";
import type { DeskPaymentInput } from "./desk.schema";
import { queueCheckoutExpiry } from "./expire-checkout.server";
import { settlePayment } from "./settle.server";
import { onlinePaymentsConfigured } from "./stripe.server";

/**
 * Payments taken at the front desk for a client: a package on sale or something described, paid
 * in cash or on the studio's card terminal (recorded with a reason, succeeded at once, a
 * package's credits granted in the same transaction), or by card through Stripe Checkout on the
 * desk's browser (credits only when Stripe's webhook confirms it).
 */

const ACTION = "desk-payment";

/** Why the desk cannot take a card through Wondrous, in words for staff (what to do instead). */
export function deskCardUnavailable(): string {
  return onlinePaymentsConfigured()
    ? "Online payment is not set up for this studio yet: the owner connects Stripe in Settings › Payments. Take cash or use the card terminal."
    : "Online payment is not set up, so card payments through Wondrous are off. Take cash or use the card terminal.";
}

/** The client, and the refusal for anyone who may not take their money (403 for a forged request). */
async function requirePayingClient(tenant: Tenant, actor: User, clientId: string) {
  const { client, locationIds } = await requireVisibleClient(tenant, actor, clientId);
  assertCan(
    actor,
    "payment.process",
    { anyOfLocationIds: locationIds },
    "Only the front desk, managers and the owner take payments.",
  );
  return client;
}

/** Where this person can take money: every open location for the owner, otherwise their own. */
async function deskLocations(tenant: Tenant, actor: User) {
  const locations = await listActiveLocations(database(), tenant);
  return locations.filter((l) => canAccessLocation(actor, l.id));
}

/** What the desk form offers: the packages on sale with prices, the locations, and whether card works. */
export async function deskPaymentPage(tenant: Tenant, actor: User, clientId: string) {
  const client = await requirePayingClient(tenant, actor, clientId);
  const [packages, locations, online] = await Promise.all([
    listPackages(database(), tenant),
    deskLocations(tenant, actor),
    onlinePayments(tenant),
  ]);
  const currency = tenant.studio.currency;
  const defaultLocationId =
    locations.find((l) => l.id === actor.primaryLocationId)?.id ??
    (locations.length === 1 ? locations[0]?.id : undefined);
  return {
    client: { id: client.id, fullName: client.fullName },
    packages: packages
      .filter((p) => p.priceMinor > 0)
      .map((p) => ({
        id: p.id,
        label: `${p.name}: ${formatMoney(p.priceMinor, currency)}`,
        hint: `${p.credits} ${p.credits === 1 ? "credit" : "credits"}, valid ${p.validDays} days`,
      })),
    locations: locations.map((l) => ({ id: l.id, name: l.name })),
    defaultLocationId,
    card: online.ready ? { ready: true as const } : { ready: false as const, reason: deskCardUnavailable() },
  };
}

export type DeskOutcome = { payment: Payment; checkoutUrl: string | null; replayed: boolean };

/**
 * Takes a payment at the desk. Cash and terminal succeed at once in one transaction with what
 * they buy; card opens Checkout on the studio's account and returns its URL. The form's one-time
 * key makes a resent form (a double click, a reload) find the first payment instead of a second.
 */
export async function takeDeskPayment(
  tenant: Tenant,
  actor: User,
  clientId: string,
  input: DeskPaymentInput,
  now = new Date(),
): Promise<DeskOutcome> {
  const client = await requirePayingClient(tenant, actor, clientId);
  const earlier = await replay(tenant, actor, input.idempotencyKey);
  if (earlier) return resume(tenant, earlier, clientId);

  if (!(await deskLocations(tenant, actor)).some((l) => l.id === input.locationId))
    throw new Refused(403, "NOT_YOUR_LOCATION", "Choose one of your locations.");
  const item = await describeItem(tenant, input.item);
  let online: Extract<OnlinePayments, { ready: true }> | null = null;
  if (input.method === "desk_card") {
    const found = await onlinePayments(tenant);
    if (!found.ready) throw new Refused(503, "ONLINE_PAYMENT_NOT_SET_UP", deskCardUnavailable());
    online = found;
  }

  const db = database();
  let payment: Payment;
  try {
    payment = await db.transaction(async (tx) => {
      if (!(await claimIdempotencyKey(tx, tenant, { userId: actor.id, key: input.idempotencyKey, action: ACTION })))
        throw new Duplicate();
      const row = await insertPayment(tx, tenant, {
        clientId: client.id,
        ...item,
        method: input.method,
        status: "open",
        currency: tenant.studio.currency,
        applicationFeeMinor: online ? feeFor(online, item.amountMinor) : 0,
        locationId: input.locationId,
        reason: input.reason,
        takenById: actor.id,
        expiresAt: online ? new Date(now.getTime() + CHECKOUT_MINUTES * 60_000) : null,
      });
      await saveIdempotencyResult(tx, tenant, actor.id, input.idempotencyKey, { paymentId: row.id });
      if (!online) return settleAtDesk(tx, tenant, row, now);
      await queueCheckoutExpiry(tx, tenant, row);
      return row;
    });
  } catch (error) {
    if (!(error instanceof Duplicate)) throw error;
    const first = await replay(tenant, actor, input.idempotencyKey);
    if (!first) throw new Refused(409, "DUPLICATE_SUBMISSION", "This form was already sent. Please reload the page.");
    return resume(tenant, first, clientId);
  }
  if (!online) return { payment, checkoutUrl: null, replayed: false };
  const checkoutUrl = await openCheckout(tenant, online, payment, { cancel: deskPath(clientId) });
  return { payment, checkoutUrl, replayed: false };
}

/** Thrown inside the transaction when the form's key was used meanwhile: roll back, show the first. */
class Duplicate extends Error {}

export function deskPath(clientId: string) {
  return `/clients/${clientId}/payments/new`;
}

async function settleAtDesk(tx: Executor, tenant: Tenant, payment: Payment, now: Date) {
  const settled = await settlePayment(tx, tenant, payment.id, { at: now });
  if (!settled) throw new Error(`desk payment ${payment.id} vanished while settling`);
  return settled;
}

/** A package on sale (its name and price), or what staff described and typed. */
async function describeItem(tenant: Tenant, item: DeskPaymentInput["item"]) {
  if (item.packageId === undefined)
    return { kind: "other" as const, description: item.description, amountMinor: item.amountMinor, packageId: null };
  const pack = await findPackage(database(), tenant, item.packageId);
  if (!pack || pack.archivedAt) throw new Refused(409, "PACKAGE_NOT_ON_SALE", "That package is no longer on sale.");
  if (pack.priceMinor <= 0)
    throw new Refused(409, "PACKAGE_FREE", "This package is free: give its credits on the client's credits page.");
  return { kind: "package" as const, description: pack.name, amountMinor: pack.priceMinor, packageId: pack.id };
}

/** The payment an earlier submission of this form made, if any. */
async function replay(tenant: Tenant, actor: User, key: string) {
  const db = database();
  const previous = await findIdempotencyResult(db, tenant, actor.id, key);
  if (!previous) return undefined;
  if (previous.action !== ACTION)
    throw new Refused(
      422,
      "IDEMPOTENCY_KEY_REUSED",
      "This form was already used for something else. Please reload the page.",
    );
  const paymentId = previous.result.paymentId;
  return typeof paymentId === "string" ? findPayment(db, tenant, paymentId) : undefined;
}

/** A repeat goes where the first went: the payment's page, or back to its still-open Checkout. */
async function resume(tenant: Tenant, payment: Payment, clientId: string): Promise<DeskOutcome> {
  if (payment.clientId !== clientId)
    throw new Refused(
      422,
      "IDEMPOTENCY_KEY_REUSED",
      "This form was already used for something else. Please reload the page.",
    );
  if (payment.method !== "desk_card" || payment.status !== "open")
    return { payment, checkoutUrl: null, replayed: true };
  const online = await onlinePayments(tenant);
  if (!online.ready) return { payment, checkoutUrl: null, replayed: true };
  // The first request may have stopped between committing and Stripe: the same key asks again.
  const checkoutUrl = await openCheckout(tenant, online, payment, { cancel: deskPath(clientId) });
  return { payment, checkoutUrl, replayed: true };
}
