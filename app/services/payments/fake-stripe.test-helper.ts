import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll } from "vitest";

/**
 * A local stand-in for Stripe's API and its hosted pages, for tests and e2e only. The official
 * SDK talks to it (`STRIPE_API_BASE`), so tests read back exactly what Stripe would have been
 * sent; and it plays Stripe's hosted Checkout and Connect onboarding pages as plain HTML forms
 * (no JavaScript), sending the app signed webhooks as Stripe would when they are completed.
 */

/** One API request as it arrived: the form body flattened (`payment_intent_data[metadata][x]`). */
export type StripeRequest = {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  form: Record<string, string>;
};

export type FakeSession = {
  id: string;
  object: "checkout.session";
  account: string;
  url: string;
  status: "open" | "complete" | "expired";
  payment_status: "unpaid" | "paid";
  amount_total: number;
  currency: string;
  client_reference_id: string | null;
  customer_email: string | null;
  metadata: Record<string, string>;
  payment_intent: string | null;
  success_url: string;
  cancel_url: string;
  expires_at: number;
  created: number;
  application_fee_amount: number;
  description: string;
  /** The Customer paid as, and whether the card is kept for later (`off_session`). */
  customer: string | null;
  setup_future_usage: string | null;
};

/** A card as Stripe keeps it on a connected account; `customer` while it is attached. */
export type FakePaymentMethod = {
  id: string;
  object: "payment_method";
  type: "card";
  account: string;
  customer: string | null;
  card: { brand: string; last4: string; exp_month: number; exp_year: number };
};

/**
 * Stripe's test cards by their last four digits: how an off-session charge to them ends. Any
 * other card succeeds.
 */
const CARD_ERRORS: Record<string, { code: string; decline_code?: string; message: string }> = {
  "0002": { code: "card_declined", decline_code: "generic_decline", message: "Your card was declined." },
  "9995": {
    code: "card_declined",
    decline_code: "insufficient_funds",
    message: "Your card has insufficient funds.",
  },
  "3184": {
    code: "authentication_required",
    message: "Your card was declined. This transaction requires authentication.",
  },
};

export type FakeAccount = {
  id: string;
  object: "account";
  type: "standard";
  email: string | null;
  charges_enabled: boolean;
  details_submitted: boolean;
  payouts_enabled: boolean;
  metadata: Record<string, string>;
};

export type FakeStripeOptions = {
  /** Where signed events are posted (the app's `/api/payments/webhooks/stripe`); none: kept only. */
  webhookUrl?: string;
  webhookSecret?: string;
  /** Answer the next API calls with a 500 instead (Stripe down). */
  failNext?: number;
  /** A fixed port (e2e: the browser and the specs must find it); default any free one. */
  port?: number;
};

const id = (prefix: string) => `${prefix}_test_${randomBytes(9).toString("hex")}`;
const now = () => Math.floor(Date.now() / 1000);

export async function fakeStripe(options: FakeStripeOptions = {}) {
  const requests: StripeRequest[] = [];
  const sessions = new Map<string, FakeSession>();
  const accounts = new Map<string, FakeAccount>();
  const refunds: Record<string, unknown>[] = [];
  const customers = new Map<string, Record<string, unknown>>();
  const paymentMethods = new Map<string, FakePaymentMethod>();
  const intents = new Map<string, Record<string, unknown>>();
  /** The charge of each paid PaymentIntent. */
  const charges = new Map<string, string>();
  /** Events built (and posted, when a webhook URL is set), in order. */
  const events: Stripe.Event[] = [];
  const idempotent = new Map<string, unknown>();
  let failures = options.failNext ?? 0;
  let base = "";

  function event(type: string, object: unknown, account: string | null): Stripe.Event {
    return {
      id: id("evt"),
      object: "event",
      api_version: "2026-10-28.endive",
      created: now(),
      type,
      account: account ?? undefined,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      data: { object },
    } as unknown as Stripe.Event;
  }

  /** Signs and posts an event to the app as Stripe would; returns the app's status. */
  async function deliver(evt: Stripe.Event, secret = options.webhookSecret): Promise<number | null> {
    events.push(evt);
    if (!options.webhookUrl || !secret) return null;
    const payload = JSON.stringify(evt);
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret });
    const response = await fetch(options.webhookUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Stripe-Signature": header },
      body: payload,
    });
    await response.text();
    return response.status;
  }

  function paymentIntentOf(session: FakeSession, pi: string, charge: string, paymentMethod: string) {
    return {
      id: pi,
      object: "payment_intent",
      amount: session.amount_total,
      amount_received: session.amount_total,
      currency: session.currency,
      status: "succeeded",
      application_fee_amount: session.application_fee_amount,
      latest_charge: charge,
      customer: session.customer,
      payment_method: paymentMethod,
      setup_future_usage: session.setup_future_usage,
      metadata: session.metadata,
      created: now(),
    };
  }

  /** The card a client types into Checkout: Visa 4242, expiring 04/28, unless another is given. */
  function cardPaidWith(account: string, customer: string | null, card: Partial<FakePaymentMethod["card"]> = {}) {
    const method: FakePaymentMethod = {
      id: id("pm"),
      object: "payment_method",
      type: "card",
      account,
      customer,
      card: { brand: "visa", last4: "4242", exp_month: 4, exp_year: 2028, ...card },
    };
    paymentMethods.set(method.id, method);
    return method;
  }

  /**
   * Completes a Checkout session as if the client paid (with `card`): the events Stripe sends, in
   * its order. A session for a Customer that keeps the card for later leaves it attached to them.
   */
  async function pay(sessionId: string, card: Partial<FakePaymentMethod["card"]> = {}) {
    const session = sessions.get(sessionId);
    if (!session) throw new Error(`no session ${sessionId}`);
    if (session.status !== "open") return session;
    const pi = id("pi");
    const charge = id("ch");
    const kept = session.customer && session.setup_future_usage ? session.customer : null;
    const method = cardPaidWith(session.account, kept, card);
    Object.assign(session, { status: "complete", payment_status: "paid", payment_intent: pi });
    charges.set(pi, charge);
    const intent = paymentIntentOf(session, pi, charge, method.id);
    intents.set(pi, { ...intent, account: session.account });
    await deliver(event("checkout.session.completed", { ...session }, session.account));
    await deliver(event("payment_intent.succeeded", intent, session.account));
    return session;
  }

  /**
   * An off-session PaymentIntent confirmed at once (a no-show fee): it succeeds, or the card's
   * error is answered with a 402 as Stripe does, and the matching event is sent either way.
   */
  function chargeOffSession(form: Record<string, string>, account: string, metadata: Record<string, string>) {
    const method = paymentMethods.get(form.payment_method ?? "");
    if (!method || method.account !== account) return notFound("payment_method");
    if (customers.get(form.customer ?? "")?.account !== account || method.customer !== form.customer)
      return invalid("The provided PaymentMethod is not attached to this Customer.");
    if (form.off_session !== "true" || form.confirm !== "true") return invalid("Expected off_session and confirm.");
    const failure = CARD_ERRORS[method.card.last4];
    const charge = id("ch");
    const intent: Record<string, unknown> = {
      id: id("pi"),
      object: "payment_intent",
      amount: Number(form.amount),
      currency: form.currency,
      customer: form.customer,
      payment_method: method.id,
      application_fee_amount: Number(form.application_fee_amount ?? 0),
      description: form.description ?? null,
      metadata,
      created: now(),
      status: failure ? "requires_payment_method" : "succeeded",
      amount_received: failure ? 0 : Number(form.amount),
      latest_charge: charge,
      last_payment_error: failure ? { type: "card_error", ...failure } : null,
    };
    intents.set(intent.id as string, { ...intent, account });
    if (!failure) charges.set(intent.id as string, charge);
    void deliver(event(failure ? "payment_intent.payment_failed" : "payment_intent.succeeded", intent, account));
    if (!failure) return { status: 200, body: intent };
    return { status: 402, body: { error: { type: "card_error", ...failure, charge, payment_intent: intent } } };
  }

  /** Expires an open Checkout session (Stripe does it at `expires_at`) and sends the event. */
  async function expire(sessionId: string) {
    const session = sessions.get(sessionId);
    if (!session) throw new Error(`no session ${sessionId}`);
    if (session.status !== "open") return session;
    session.status = "expired";
    await deliver(event("checkout.session.expired", { ...session }, session.account));
    return session;
  }

  /**
   * Someone refunds a paid PaymentIntent in Stripe's dashboard (all of what is left by default):
   * Stripe sends `charge.refunded`, whose Charge (recent API versions) lists no refunds.
   */
  async function refundInDashboard(paymentIntentId: string, amount?: number) {
    const session = [...sessions.values()].find((s) => s.payment_intent === paymentIntentId);
    const charge = charges.get(paymentIntentId);
    if (!session || !charge) throw new Error(`no paid payment intent ${paymentIntentId}`);
    const refunded = refundsOfCharge(charge).reduce((sum, r) => sum + Number(r.amount), 0);
    const answer = route(
      "POST",
      "/v1/refunds",
      {
        payment_intent: paymentIntentId,
        amount: String(amount ?? session.amount_total - refunded),
      },
      session.account,
    );
    const total = refunded + Number((answer.body as { amount: number }).amount);
    const object = {
      id: charge,
      object: "charge",
      amount: session.amount_total,
      amount_refunded: total,
      currency: session.currency,
      payment_intent: paymentIntentId,
      refunded: total >= session.amount_total,
      metadata: {},
      created: now(),
    };
    await deliver(event("charge.refunded", object, session.account));
    return answer.body as { id: string; amount: number };
  }

  const refundsOfCharge = (charge: string) => refunds.filter((r) => r.charge === charge);

  /** The account finishes Stripe's onboarding: it may take charges, and Stripe says so. */
  async function completeOnboarding(accountId: string) {
    const account = accounts.get(accountId);
    if (!account) throw new Error(`no account ${accountId}`);
    Object.assign(account, { charges_enabled: true, details_submitted: true, payouts_enabled: true });
    await deliver(event("account.updated", { ...account }, account.id));
    return account;
  }

  function api(method: string, path: string, form: Record<string, string>, headers: http.IncomingHttpHeaders) {
    const account = String(headers["stripe-account"] ?? "");
    const key = headers["idempotency-key"] ? `${method} ${path} ${headers["idempotency-key"]}` : null;
    const kept = key ? (idempotent.get(key) as { status: number; body: unknown } | undefined) : undefined;
    if (kept) return kept;
    const answer = route(method, path, form, account);
    // Stripe keeps the result of every request that ran, a card's decline (402) included.
    if (key && (answer.status === 200 || answer.status === 402)) idempotent.set(key, answer);
    return answer;
  }

  function route(method: string, path: string, form: Record<string, string>, account: string) {
    const metadataOf = (prefix: string) =>
      Object.fromEntries(
        Object.entries(form)
          .filter(([k]) => k.startsWith(`${prefix}[`))
          .map(([k, v]) => [k.slice(prefix.length + 1, -1), v]),
      );
    const accountPath = path.match(/^\/v1\/accounts\/([\w-]+)$/);
    const sessionPath = path.match(/^\/v1\/checkout\/sessions\/([\w-]+)$/);
    const expirePath = path.match(/^\/v1\/checkout\/sessions\/([\w-]+)\/expire$/);
    const intentPath = path.match(/^\/v1\/payment_intents\/([\w-]+)$/);
    const detachPath = path.match(/^\/v1\/payment_methods\/([\w-]+)\/detach$/);
    if (method === "POST" && path === "/v1/customers") {
      const customer = {
        id: id("cus"),
        object: "customer",
        account,
        email: form.email ?? null,
        name: form.name ?? null,
        metadata: metadataOf("metadata"),
      };
      customers.set(customer.id, customer);
      return { status: 200, body: customer };
    }
    if (method === "POST" && path === "/v1/payment_intents")
      return chargeOffSession(form, account, metadataOf("metadata"));
    if (method === "GET" && intentPath) {
      const found = intents.get(intentPath[1] as string);
      if (!found || found.account !== account) return notFound("payment_intent");
      const expand = Object.entries(form).some(([k, v]) => k.startsWith("expand") && v === "payment_method");
      const pm = paymentMethods.get(found.payment_method as string);
      return { status: 200, body: expand && pm ? { ...found, payment_method: pm } : found };
    }
    if (method === "POST" && detachPath) {
      const found = paymentMethods.get(detachPath[1] as string);
      if (!found || found.account !== account) return notFound("payment_method");
      if (!found.customer)
        return invalid("The payment method you provided is not attached to a customer so detachment is impossible.");
      found.customer = null;
      return { status: 200, body: found };
    }
    if (method === "POST" && path === "/v1/accounts") {
      const account: FakeAccount = {
        id: id("acct"),
        object: "account",
        type: "standard",
        email: form.email ?? null,
        charges_enabled: false,
        details_submitted: false,
        payouts_enabled: false,
        metadata: metadataOf("metadata"),
      };
      accounts.set(account.id, account);
      return { status: 200, body: account };
    }
    if (method === "GET" && accountPath) {
      const found = accounts.get(accountPath[1] as string);
      return found ? { status: 200, body: found } : notFound("account");
    }
    if (method === "POST" && path === "/v1/account_links") {
      const accountId = form.account ?? "";
      if (!accounts.has(accountId)) return notFound("account");
      const query = new URLSearchParams({ return_url: form.return_url ?? "", refresh_url: form.refresh_url ?? "" });
      return {
        status: 200,
        body: {
          object: "account_link",
          url: `${base}/connect/${accountId}?${query}`,
          expires_at: now() + 300,
          created: now(),
        },
      };
    }
    if (method === "POST" && path === "/v1/checkout/sessions") {
      const session: FakeSession = {
        id: id("cs"),
        object: "checkout.session",
        account,
        url: "",
        status: "open",
        payment_status: "unpaid",
        amount_total: Number(form["line_items[0][price_data][unit_amount]"] ?? 0),
        currency: form["line_items[0][price_data][currency]"] ?? "gbp",
        client_reference_id: form.client_reference_id ?? null,
        customer_email: form.customer_email ?? null,
        metadata: metadataOf("metadata"),
        payment_intent: null,
        success_url: form.success_url ?? "",
        cancel_url: form.cancel_url ?? "",
        expires_at: Number(form.expires_at ?? now() + 1800),
        created: now(),
        application_fee_amount: Number(form["payment_intent_data[application_fee_amount]"] ?? 0),
        description: form["line_items[0][price_data][product_data][name]"] ?? "",
        customer: form.customer ?? null,
        setup_future_usage: form["payment_intent_data[setup_future_usage]"] ?? null,
      };
      if (session.customer && customers.get(session.customer)?.account !== account) return notFound("customer");
      if (session.customer && session.customer_email)
        return invalid("You may only specify one of these parameters: customer, customer_email.");
      session.url = `${base}/checkout/${session.id}`;
      sessions.set(session.id, session);
      return { status: 200, body: session };
    }
    if (method === "GET" && sessionPath) {
      const found = sessions.get(sessionPath[1] as string);
      return found && found.account === account ? { status: 200, body: found } : notFound("checkout.session");
    }
    if (method === "POST" && expirePath) {
      const found = sessions.get(expirePath[1] as string);
      if (!found || found.account !== account) return notFound("checkout.session");
      if (found.status !== "open") return invalid("Only open Checkout sessions can be expired.");
      void expire(found.id);
      return { status: 200, body: { ...found, status: "expired" } };
    }
    if (method === "POST" && path === "/v1/refunds") {
      const session = [...sessions.values()].find((s) => s.payment_intent === form.payment_intent);
      if (!session || session.account !== account) return notFound("payment_intent");
      const refund = {
        id: id("re"),
        object: "refund",
        amount: Number(form.amount ?? session.amount_total),
        currency: session.currency,
        payment_intent: session.payment_intent,
        charge: charges.get(session.payment_intent ?? "") ?? null,
        status: "succeeded",
        metadata: metadataOf("metadata"),
        created: now(),
      };
      refunds.push(refund);
      return { status: 200, body: refund };
    }
    if (method === "GET" && path === "/v1/refunds") {
      const session = [...sessions.values()].find((s) => charges.get(s.payment_intent ?? "") === form.charge);
      if (!session || session.account !== account) return notFound("charge");
      const data = refundsOfCharge(form.charge ?? "");
      return { status: 200, body: { object: "list", url: "/v1/refunds", has_more: false, data } };
    }
    return notFound("path");
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", base);
      const method = req.method ?? "GET";
      // GET parameters come in the query string, as Stripe's SDK sends them.
      const form = Object.fromEntries(
        method === "GET" ? url.searchParams : new URLSearchParams(Buffer.concat(chunks).toString("utf8")),
      );
      if (url.pathname.startsWith("/v1/")) {
        requests.push({ method, path: url.pathname, headers: req.headers, form });
        const outage = failures > 0;
        if (outage) failures--;
        const answer = outage
          ? { status: 500, body: { error: { type: "api_error", message: "Fake outage" } } }
          : api(method, url.pathname, form, req.headers);
        res.writeHead(answer.status, { "Content-Type": "application/json", "Request-Id": id("req") });
        res.end(JSON.stringify(answer.body));
        return;
      }
      void hostedPage(method, url, form, res).catch((error) => {
        res.writeHead(500, { "Content-Type": "text/plain" });
        res.end(String(error));
      });
    });
  });

  /**
   * Stripe's hosted pages, as forms: Checkout (pay or go back) and Connect onboarding. And, for
   * e2e specs in another process, `POST /_fake/expire/<session id>`: Stripe expiring a page.
   */
  async function hostedPage(method: string, url: URL, form: Record<string, string>, res: http.ServerResponse) {
    const expireControl = url.pathname.match(/^\/_fake\/expire\/([\w-]+)$/);
    if (method === "POST" && expireControl) {
      const session = await expire(expireControl[1] as string);
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify(session));
      return;
    }
    const checkoutPage = url.pathname.match(/^\/checkout\/([\w-]+)(\/pay)?$/);
    const connectPage = url.pathname.match(/^\/connect\/([\w-]+)$/);
    const html = (status: number, body: string) => {
      res.writeHead(status, { "Content-Type": "text/html; charset=utf-8" });
      res.end(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fake Stripe</title></head><body>${body}</body></html>`,
      );
    };
    const redirect = (to: string) => {
      res.writeHead(303, { Location: to });
      res.end();
    };
    if (checkoutPage) {
      const session = sessions.get(checkoutPage[1] as string);
      if (!session) return html(404, "<h1>No such payment page</h1>");
      if (method === "POST" && checkoutPage[2]) {
        await pay(session.id);
        return redirect(session.success_url.replace("{CHECKOUT_SESSION_ID}", session.id));
      }
      const amount = (session.amount_total / 100).toFixed(2);
      return html(
        200,
        `<h1>Pay ${session.currency.toUpperCase()} ${amount}</h1><p>${session.description}</p>` +
          `<form method="post" action="/checkout/${session.id}/pay"><button>Pay</button></form>` +
          `<p><a href="${session.cancel_url}">Back</a></p>`,
      );
    }
    if (connectPage) {
      const accountId = connectPage[1] as string;
      if (!accounts.has(accountId)) return html(404, "<h1>No such account</h1>");
      if (method === "POST") {
        await completeOnboarding(accountId);
        return redirect(form.return_url ?? "/");
      }
      const returnUrl = url.searchParams.get("return_url") ?? "";
      return html(
        200,
        `<h1>Set up payments</h1><form method="post"><input type="hidden" name="return_url" value="${returnUrl}"><button>Agree and submit</button></form>`,
      );
    }
    html(404, "<h1>Not found</h1>");
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;

  return {
    url: base,
    requests,
    sessions,
    accounts,
    refunds,
    charges,
    customers,
    paymentMethods,
    intents,
    cardPaidWith,
    events,
    event,
    deliver,
    pay,
    expire,
    completeOnboarding,
    refundInDashboard,
    /** A Customer on `account` with a card kept on file (as a Checkout that kept it leaves them). */
    customerWithCard(account: string, card: Partial<FakePaymentMethod["card"]> = {}) {
      const customer = { id: id("cus"), object: "customer", account, email: null, name: null, metadata: {} };
      customers.set(customer.id, customer);
      return { customer: customer.id, method: cardPaidWith(account, customer.id, card) };
    },
    /** Make the next `count` API calls fail with a 500 (Stripe down). */
    failNext(count = 1) {
      failures = count;
    },
    /** An account already onboarded, as if the owner had connected it earlier. */
    connectedAccount(metadata: Record<string, string> = {}): FakeAccount {
      const account: FakeAccount = {
        id: id("acct"),
        object: "account",
        type: "standard",
        email: null,
        charges_enabled: true,
        details_submitted: true,
        payouts_enabled: true,
        metadata,
      };
      accounts.set(account.id, account);
      return account;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FakeStripe = Awaited<ReturnType<typeof fakeStripe>>;

function notFound(what: string) {
  return {
    status: 404,
    body: { error: { type: "invalid_request_error", code: "resource_missing", message: `No such ${what}` } },
  };
}

function invalid(message: string) {
  return { status: 400, body: { error: { type: "invalid_request_error", message } } };
}

/**
 * A fake Stripe for the whole test file, with this deployment's keys pointing at it (and any
 * other variables given), put back as they were afterwards. `use` receives it once it listens.
 */
export function withFakeStripe(use: (stripe: FakeStripe) => void, env: Record<string, string> = {}) {
  let stripe: FakeStripe | undefined;
  const saved: Record<string, string | undefined> = {};
  beforeAll(async () => {
    stripe = await fakeStripe();
    const vars = { STRIPE_SECRET_KEY: "sk_test_fake", STRIPE_API_BASE: stripe.url, ...env };
    for (const [name, value] of Object.entries(vars)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
    use(stripe);
  });
  afterAll(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await stripe?.close();
  });
}
