import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CLIENT_PAGE } from "~/components/page-scripts";
import { PaymentList } from "~/components/payment-list";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { requireStudioActor } from "~/services/identity/actor.server";
import { ownCard, removeOwnCard } from "~/services/payments/card-on-file.server";
import { RemoveCardSchema } from "~/services/payments/forms.schema";
import { ownPayments } from "~/services/payments/history.server";
import { Refused } from "~/services/shared/errors";

export const handle = CLIENT_PAGE;

export const meta: MetaFunction = () => [{ title: "My payments" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const [history, card] = await Promise.all([ownPayments(tenant, actor), ownCard(tenant, actor)]);
    return { ...history, card, removed: new URL(request.url).searchParams.get("card") === "removed" };
  });
}

/** "Remove card": the card on file is detached on Stripe, then forgotten here (POST-redirect-GET). */
export async function action({ request }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const submission = parseWithZod(await readForm(request), { schema: RemoveCardSchema });
    if (submission.status !== "success")
      return data({ error: "This form is out of date. Please reload the page." }, { status: 400 });
    try {
      await removeOwnCard(tenant, actor);
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      return data({ error: error.message }, { status: error.status });
    }
    return redirect("/account/payments?card=removed", 303);
  });
}

export default function MyPayments() {
  const { payments, more, card, removed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="narrow">
      <p className="crumbs">
        <Link to="/account">My account</Link>
      </p>
      <section className="panel" aria-labelledby="payments-title">
        <h1 id="payments-title">My payments</h1>
        <p>Everything you have paid the studio, newest first. Open one for its receipt.</p>
        <PaymentList payments={payments} empty="You have not paid for anything yet." />
        {more ? <p className="muted">Showing the latest 100.</p> : null}
      </section>
      {card || removed || actionData?.error ? (
        <section className="panel" aria-labelledby="card-title">
          <h2 id="card-title">Card on file</h2>
          {actionData?.error ? (
            <p className="alert alert-error" role="alert">
              {actionData.error}
            </p>
          ) : null}
          {card ? (
            <>
              <p>{card}</p>
              <p className="muted">Kept only so the studio can charge its no-show fee if you miss a booking.</p>
              <Form method="post">
                <button type="submit" name="intent" value="remove-card" className="secondary">
                  Remove card
                </button>
              </Form>
            </>
          ) : (
            <p role="status">Your card is removed. No fee can be charged to it.</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
