import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { type ConnectState, paymentsSettings, startOnboarding } from "~/services/payments/connect.server";
import { Refused } from "~/services/shared/errors";

export const meta: MetaFunction = () => [{ title: "Online payments" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const query = new URL(request.url).searchParams;
    // Stripe sends the owner here when an onboarding link has expired or was used: a new one.
    if (query.has("resume")) {
      try {
        return redirect(await startOnboarding(tenant, actor));
      } catch (error) {
        if (!(error instanceof Refused)) throw error;
      }
    }
    const { state, accountId, feePercent } = await paymentsSettings(tenant, actor, query.has("returned"));
    return { state, accountId, feePercent };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    await readForm(request);
    try {
      return redirect(await startOnboarding(tenant, actor));
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      return data({ error: error.message }, { status: error.status });
    }
  });
}

const STATE_TEXT: Record<ConnectState, { badge: string; text: string }> = {
  not_set_up: {
    badge: "Not set up",
    text: "Online payment is not set up on this Wondrous server, so clients cannot pay by card online. The front desk can still record cash and card-terminal payments.",
  },
  not_connected: {
    badge: "Not connected",
    text: "Connect your studio’s own Stripe account to let clients buy packages and pay for bookings by card. The money goes straight to your Stripe account.",
  },
  details_needed: {
    badge: "Details needed",
    text: "Stripe needs a few more details before your studio can take card payments. Continue where you left off.",
  },
  charges_enabled: {
    badge: "Charges enabled",
    text: "Clients can buy packages and pay for bookings by card. Payouts, disputes and tax details are in your own Stripe dashboard.",
  },
};

export default function PaymentsSettings() {
  const { state, accountId, feePercent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { badge, text } = STATE_TEXT[state];
  const connectLabel = state === "not_connected" ? "Connect with Stripe" : "Continue with Stripe";
  return (
    <section className="panel narrow stack" aria-labelledby="payments-title">
      <p>
        <Link to="/settings">Studio settings</Link>
      </p>
      <h1 id="payments-title">Online payments</h1>
      <p>
        <span className={`badge payments-${state}`}>{badge}</span>
      </p>
      <p>{text}</p>
      {actionData?.error ? (
        <p className="alert alert-error" role="alert">
          {actionData.error}
        </p>
      ) : null}
      {state === "not_connected" || state === "details_needed" ? (
        // A full page load: the answer is a redirect to Stripe's own site.
        <Form method="post" reloadDocument>
          <p className="hint">
            You will fill in your business and bank details on Stripe’s site, then come back here. Wondrous keeps{" "}
            {feePercent} of each online payment.
          </p>
          <button type="submit" disabled={navigation.state === "submitting"}>
            {connectLabel}
          </button>
        </Form>
      ) : null}
      {state === "charges_enabled" ? (
        <p className="hint">
          Wondrous keeps {feePercent} of each online payment; Stripe’s own fees are taken by Stripe.
        </p>
      ) : null}
      {accountId ? <p className="hint">Stripe account {accountId}</p> : null}
    </section>
  );
}
