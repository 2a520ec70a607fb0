import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CLIENT_PAGE } from "~/components/page-scripts";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { requireStudioActor } from "~/services/identity/actor.server";
import { requireId } from "~/services/identity/api.server";
import { PaymentPageSchema } from "~/services/payments/forms.schema";
import { cancelPayment, paymentPage } from "~/services/payments/payment-page.server";
import { Refused } from "~/services/shared/errors";

export const handle = CLIENT_PAGE;

/** While the payment is open the page reloads itself every 3 s (no JavaScript needed) until Stripe's word arrives. */
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data ? (data.status === "open" ? "Payment processing" : `Payment: ${data.receipt.description}`) : "Payment",
  },
  ...(data?.refresh ? [{ httpEquiv: "refresh", content: "3" } as const] : []),
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const page = await paymentPage(tenant, actor, requireId(params.id));
    const search = new URL(request.url).searchParams;
    const from = search.get("from");
    const leftCheckout = from === "cancel" && page.status === "open";
    // Back from Checkout's success page: paid, only Stripe's word is awaited; no way back to pay again or cancel.
    const paidAwaiting = from === "checkout" && page.status === "open";
    return {
      ...page,
      leftCheckout,
      checkoutUrl: paidAwaiting ? null : page.checkoutUrl,
      mayCancel: page.mayCancel && !paidAwaiting,
      refresh: page.status === "open" && !leftCheckout,
      // Back from the refund page, which comes here with the new refund's id.
      refunded: search.has("refunded"),
    };
  });
}

/** "Cancel payment": the Checkout page is closed at Stripe and any place held for it freed. */
export async function action({ request, params }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const id = requireId(params.id);
    const submission = parseWithZod(await readForm(request), { schema: PaymentPageSchema });
    if (submission.status !== "success")
      return data({ refusal: { code: "INVALID", message: "This form is out of date. Please reload the page." } }, 400);
    try {
      await cancelPayment(tenant, actor, id);
      return redirect(`/payments/${id}`, 303);
    } catch (error) {
      if (error instanceof Refused)
        return data({ refusal: { code: error.code, message: error.message } }, { status: error.status });
      throw error;
    }
  });
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>;

export default function PaymentPage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="narrow stack payment-page" aria-labelledby="payment-title">
      {page.staff && page.clientName ? (
        <p className="crumbs">
          <Link to={`/clients/${page.clientId}`}>{page.clientName}</Link>
        </p>
      ) : null}
      {page.refunded ? (
        <p className="alert alert-ok" role="status">
          Refund recorded. It is listed on the receipt below.
        </p>
      ) : null}
      {actionData?.refusal ? (
        <div className="alert alert-error" role="alert">
          <p>{actionData.refusal.message}</p>
        </div>
      ) : null}
      {page.status === "open" ? <Open page={page} /> : null}
      {page.status === "succeeded" ? <Paid page={page} /> : null}
      {page.status === "expired" || page.status === "failed" ? <Ended page={page} /> : null}
      {page.flags?.needsAttention ? (
        <div className="alert alert-warn" role="status">
          <p>
            <strong>Needs attention.</strong> {page.flags.needsAttention}
          </p>
        </div>
      ) : null}
      {page.flags?.disputed ? (
        <div className="alert alert-warn" role="status">
          <p>
            <strong>Disputed</strong> {page.flags.disputed}
          </p>
        </div>
      ) : null}
      {page.status === "succeeded" ? <Receipt page={page} /> : null}
    </section>
  );
}

function Open({ page }: { page: Page }) {
  return (
    <>
      <h1 id="payment-title">{page.leftCheckout ? "You left the payment page" : "Payment processing"}</h1>
      <div className="panel stack" role="status">
        <p>
          {page.leftCheckout
            ? "Nothing has been charged."
            : "We are waiting for the card payment to be confirmed. This page updates by itself."}
          {page.heldUntil ? ` Your place is held until ${page.heldUntil}.` : null}
        </p>
        <p>
          <Link to={`/payments/${page.id}`}>Check again</Link>
        </p>
        {page.checkoutUrl && page.own ? (
          <p>
            <a href={page.checkoutUrl}>Return to the payment page</a>
          </p>
        ) : null}
      </div>
      {page.mayCancel ? (
        <Form method="post" reloadDocument className="stack">
          <input type="hidden" name="intent" value="cancel" />
          <button type="submit" className="secondary">
            Cancel payment
          </button>
          <p className="hint">{page.heldUntil ? "Your place is let go for someone else." : "Nothing is charged."}</p>
        </Form>
      ) : null}
    </>
  );
}

function Paid({ page }: { page: Page }) {
  return (
    <>
      <h1 id="payment-title">Payment received</h1>
      {page.result ? (
        <div className="alert alert-ok" role="status">
          <p>
            <strong>{page.result.text}.</strong>{" "}
            {page.result.kind === "booking" ? (
              <Link to={`/bookings/${page.result.bookingId}`}>See your booking</Link>
            ) : (
              <Link to="/schedule">Book a class</Link>
            )}
          </p>
        </div>
      ) : null}
    </>
  );
}

function Ended({ page }: { page: Page }) {
  return (
    <>
      <h1 id="payment-title">{page.status === "expired" ? "Payment not made" : "Payment failed"}</h1>
      <div className="alert alert-warn" role="status">
        <p>
          {page.failure ?? "The payment did not go through."} Nothing was charged
          {page.kind === "booking" ? ", and the place was let go" : ""}.
        </p>
        {page.own ? (
          <p>
            <Link to={page.kind === "package" ? "/packages" : "/schedule"}>Try again</Link>
          </p>
        ) : null}
      </div>
    </>
  );
}

function Receipt({ page }: { page: Page }) {
  const r = page.receipt;
  return (
    <section className="panel receipt" aria-labelledby="receipt-title">
      <h2 id="receipt-title">Receipt</h2>
      <p>
        <strong>{r.studio}</strong>
        {r.address ? (
          <>
            <br />
            <span className="muted">{r.address}</span>
          </>
        ) : null}
      </p>
      <dl className="facts">
        <dt>For</dt>
        <dd>{r.description}</dd>
        <dt>Total</dt>
        <dd>{r.amount}</dd>
        <dt>Date</dt>
        <dd>{r.date}</dd>
        <dt>Paid by</dt>
        <dd>{r.method}</dd>
        {r.refunded ? (
          <>
            <dt>Refunded</dt>
            <dd>{r.refunded}</dd>
          </>
        ) : null}
      </dl>
      {page.refunds.length ? (
        <>
          <h3>Refunds</h3>
          <ul>
            {page.refunds.map((refund) => (
              <li key={refund.id}>
                {refund.amount} on {refund.date}
                {refund.status === "succeeded" ? "" : ` (${refund.status})`}: {refund.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {page.mayRefund ? (
        <p>
          <Link to={`/payments/${page.id}/refund`}>Refund</Link>
        </p>
      ) : null}
    </section>
  );
}
