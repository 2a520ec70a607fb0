import Stripe from "stripe";

/**
 * The platform's Stripe client, or null when online payment is not set up (no
 * `STRIPE_SECRET_KEY`: the demo on the embedded database). Every charge is a direct charge on the
 * studio's connected account: calls pass `{ stripeAccount }` (decision 0014).
 *
 * `STRIPE_API_BASE` (tests and local fakes only) points the official SDK at another server, e.g.
 * `http://127.0.0.1:12111`; nothing else changes, so tests see the exact requests Stripe would.
 */
let cached: { key: string; base: string; client: Stripe } | undefined;

export function stripeClient(): Stripe | null {
  const key = process.env.STRIPE_SECRET_KEY?.trim();
  if (!key) return null;
  const base = process.env.STRIPE_API_BASE?.trim() ?? "";
  if (cached && cached.key === key && cached.base === base) return cached.client;
  const client = new Stripe(key, { maxNetworkRetries: 2, timeout: 20_000, ...apiTarget(base) });
  cached = { key, base, client };
  return client;
}

function apiTarget(base: string): Stripe.StripeConfig {
  if (!base) return {};
  const url = new URL(base);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return {
    host: url.hostname,
    port: url.port || (protocol === "http" ? 80 : 443),
    protocol,
    // A fake answers at once; a retry would only hide a bug in what we sent.
    maxNetworkRetries: 0,
  };
}

/** Whether this deployment can take online payments at all (its own Stripe platform keys). */
export function onlinePaymentsConfigured(): boolean {
  return Boolean(process.env.STRIPE_SECRET_KEY?.trim());
}

/**
 * The webhook endpoints' signing secrets (comma-separated: the Connect endpoint's and, when set
 * up, the platform account's, or an old and a new one while rotating).
 */
export function webhookSecrets(): string[] {
  return (process.env.STRIPE_WEBHOOK_SECRET ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Shown wherever online payment would be offered when this deployment has no Stripe keys. */
export const ONLINE_PAYMENT_NOT_SET_UP = "Online payment is not set up for this studio. Please pay at the front desk.";
