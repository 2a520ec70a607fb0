import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { PaymentList } from "~/components/payment-list";
import { withPageErrors } from "~/http.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { paymentsReport, REPORT_LIST_LIMIT } from "~/services/payments/report.server";

export const meta: MetaFunction = () => [{ title: "Payments" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    return paymentsReport(tenant, actor, new URL(request.url).searchParams);
  });
}

export default function PaymentsReport() {
  const { period, totals, payments, more } = useLoaderData<typeof loader>();
  const csv = `/payments.csv?${new URLSearchParams({ from: period.from, to: period.to })}`;
  return (
    <>
      <h1>Payments</h1>
      <section className="panel" aria-labelledby="period-title">
        <h2 id="period-title">Period</h2>
        <Form method="get" className="period-form" aria-label="Choose the period">
          <div className="field">
            <label htmlFor="period-from">First day</label>
            <input
              id="period-from"
              type="date"
              name="from"
              defaultValue={period.from}
              key={period.from}
              aria-describedby={period.error ? "period-error" : undefined}
            />
          </div>
          <div className="field">
            <label htmlFor="period-to">Last day</label>
            <input id="period-to" type="date" name="to" defaultValue={period.to} key={period.to} />
          </div>
          <button type="submit" className="button secondary">
            Show
          </button>
        </Form>
        {period.error ? (
          <p id="period-error" className="field-error" role="alert">
            {period.error} Showing this month.
          </p>
        ) : null}
        <p>
          <a href={csv} download>
            Download the period as CSV
          </a>{" "}
          <span className="muted">(every payment and refund, for your accounts)</span>
        </p>
      </section>
      <section className="panel" aria-labelledby="totals-title">
        <h2 id="totals-title">Totals</h2>
        <dl className="report-totals">
          <div>
            <dt>Payments</dt>
            <dd>{totals.all.count}</dd>
          </div>
          <div>
            <dt>Taken</dt>
            <dd>{totals.all.taken}</dd>
          </div>
          <div>
            <dt>Refunded</dt>
            <dd>{totals.all.refunded}</dd>
          </div>
          <div>
            <dt>Net</dt>
            <dd>{totals.all.net}</dd>
          </div>
          <div>
            <dt>Platform fees</dt>
            <dd>{totals.all.fees}</dd>
          </div>
        </dl>
        <p className="muted">
          Payments count when they went through; refunds on the day they were made. Platform fees come out of online
          payments, never out of what the client pays.
        </p>
        {totals.byMethod.length > 0 ? (
          // biome-ignore lint/a11y/noNoninteractiveTabindex: on a phone the table scrolls sideways, and a keyboard scrolls only what has focus
          <section className="table-scroll" aria-label="Totals by method" tabIndex={0}>
            <table className="method-totals">
              <caption className="visually-hidden">By method</caption>
              <thead>
                <tr>
                  <th scope="col">Method</th>
                  <th scope="col">Payments</th>
                  <th scope="col">Taken</th>
                  <th scope="col">Refunded</th>
                  <th scope="col">Net</th>
                  <th scope="col">Fees</th>
                </tr>
              </thead>
              <tbody>
                {totals.byMethod.map((m) => (
                  <tr key={m.method}>
                    <th scope="row">{m.label}</th>
                    <td>{m.count}</td>
                    <td>{m.taken}</td>
                    <td>{m.refunded}</td>
                    <td>{m.net}</td>
                    <td>{m.fees}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="list-title">
        <h2 id="list-title">All payments in the period</h2>
        <PaymentList
          payments={payments.map((p) => ({
            id: p.id,
            when: p.when,
            what: p.description,
            amount: p.amount,
            status: p.status,
            clientName: p.clientName,
            method: p.method,
            flags: [...(p.disputed ? ["Disputed"] : []), ...(p.needsAttention ? ["Needs attention"] : [])],
          }))}
          empty="No payments in this period."
        />
        {more ? <p className="muted">Showing the newest {REPORT_LIST_LIMIT}; the CSV has them all.</p> : null}
      </section>
    </>
  );
}
