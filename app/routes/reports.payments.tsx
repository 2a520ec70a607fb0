import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ReportFilters } from "~/components/report-filters";
import { withPageErrors } from "~/http.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { paymentsSummary } from "~/services/reports/payments.server";
import { formatMoney } from "~/services/shared/money";
import { rememberedLocationId } from "~/services/studio/location-context.server";

export const meta: MetaFunction = () => [{ title: "Payments and refunds" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    return paymentsSummary(tenant, actor, {
      query: new URL(request.url).searchParams,
      remembered: await rememberedLocationId(request),
    });
  });
}

type Row = { payments: number; takenMinor: number; refunds: number; refundedMinor: number; netMinor: number };

function MoneyTable({
  id,
  title,
  first,
  rows,
  money,
}: {
  id: string;
  title: string;
  first: string;
  rows: (Row & { key: string; label: string })[];
  money: (minor: number) => string;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: on a phone the table scrolls sideways, and a keyboard scrolls only what has focus
    <section className="table-scroll" aria-label={title} tabIndex={0}>
      <table className="method-totals" id={id}>
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{first}</th>
            <th scope="col">Payments</th>
            <th scope="col">Taken</th>
            <th scope="col">Refunds</th>
            <th scope="col">Refunded</th>
            <th scope="col">Net</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td>{row.payments}</td>
              <td>{money(row.takenMinor)}</td>
              <td>{row.refunds}</td>
              <td>{money(row.refundedMinor)}</td>
              <td>{money(row.netMinor)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export default function PaymentsSummary() {
  const r = useLoaderData<typeof loader>();
  const money = (minor: number) => formatMoney(minor, r.currency);
  return (
    <>
      <p className="crumbs">
        <Link to="/reports">Reports</Link>
      </p>
      <h1>Payments and refunds</h1>
      <p className="muted">
        {r.label}, {r.from} to {r.to}. Payments count on the day they went through, refunds on the day they were made.
        {r.fullList ? (
          <>
            {" "}
            <Link to={`/payments?${new URLSearchParams({ from: r.from, to: r.to })}`}>See every payment</Link>, any
            status.
          </>
        ) : null}
      </p>
      <ReportFilters
        options={r.options}
        selected={r.selected}
        allLabel={r.allLabel}
        from={r.from}
        to={r.to}
        error={r.error}
        csvHref={`/reports/payments.csv?${r.query}`}
      />
      <section className="panel" aria-labelledby="summary-totals-title">
        <h2 id="summary-totals-title">Totals</h2>
        <dl className="report-totals">
          <div>
            <dt>Payments</dt>
            <dd>{r.totals.payments}</dd>
          </div>
          <div>
            <dt>Taken</dt>
            <dd>{money(r.totals.takenMinor)}</dd>
          </div>
          <div>
            <dt>Refunded</dt>
            <dd>{money(r.totals.refundedMinor)}</dd>
          </div>
          <div>
            <dt>Net</dt>
            <dd>{money(r.totals.netMinor)}</dd>
          </div>
          <div>
            <dt>Platform fees</dt>
            <dd>{money(r.totals.feesMinor)}</dd>
          </div>
        </dl>
      </section>
      <section className="panel" aria-labelledby="summary-methods-title">
        <h2 id="summary-methods-title">By method</h2>
        {r.byMethod.length > 0 ? (
          <MoneyTable
            id="summary-methods"
            title="Payments and refunds by method"
            first="Method"
            rows={r.byMethod.map((m) => ({ ...m, key: m.method }))}
            money={money}
          />
        ) : (
          <p>No payments or refunds in this period.</p>
        )}
      </section>
      <section className="panel" aria-labelledby="summary-days-title">
        <h2 id="summary-days-title">By day</h2>
        {r.byDay.length > 0 ? (
          <MoneyTable
            id="summary-days"
            title="Payments and refunds by day"
            first="Day"
            rows={r.byDay.map((d) => ({ ...d, key: d.day, label: d.day }))}
            money={money}
          />
        ) : (
          <p>No payments or refunds in this period.</p>
        )}
      </section>
    </>
  );
}
