import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CLIENT_PAGE } from "~/components/page-scripts";
import { PaymentList } from "~/components/payment-list";
import { withPageErrors } from "~/http.server";
import { requireStudioActor } from "~/services/identity/actor.server";
import { ownPayments } from "~/services/payments/history.server";

export const handle = CLIENT_PAGE;

export const meta: MetaFunction = () => [{ title: "My payments" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    return ownPayments(tenant, actor);
  });
}

export default function MyPayments() {
  const { payments, more } = useLoaderData<typeof loader>();
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
    </div>
  );
}
