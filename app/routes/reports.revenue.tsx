import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BarChart, ColumnChart } from "~/components/charts";
import { ReportFilters } from "~/components/report-filters";
import { withPageErrors } from "~/http.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { revenueReport } from "~/services/reports/revenue.server";
import { GROUPING_WORDS } from "~/services/reports/revenue-words";
import { currencySymbol, formatMoney } from "~/services/shared/money";
import { rememberedLocationId } from "~/services/studio/location-context.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Revenue by ${GROUPING_WORDS[data.by].toLowerCase()}` : "Revenue" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    return revenueReport(tenant, actor, {
      query: new URL(request.url).searchParams,
      remembered: await rememberedLocationId(request),
    });
  });
}

const GRAIN_WORDS = { day: "Day", week: "Week", month: "Month" } as const;

export default function RevenueReport() {
  const r = useLoaderData<typeof loader>();
  const money = (minor: number) => formatMoney(minor, r.currency);
  const grouping = GROUPING_WORDS[r.by];
  const credits = r.by !== "location";
  const unit = `(${currencySymbol(r.currency)})`;
  // The over-time table's region is named apart from its section's heading (landmarks must differ).
  const perGrain = `Net revenue per ${GRAIN_WORDS[r.grain].toLowerCase()}`;
  return (
    <>
      <p className="crumbs">
        <Link to="/reports">Reports</Link>
      </p>
      <h1>Revenue by {grouping.toLowerCase()}</h1>
      <p className="muted">
        {r.label}, {r.from} to {r.to}. Payments count on the day they went through, refunds on the day they were made,
        each on its location's clock.
      </p>
      <nav className="view-tabs" aria-label="Group by">
        {(["location", "service", "instructor"] as const).map((by) =>
          by === r.by ? (
            <span key={by} aria-current="page">
              By {GROUPING_WORDS[by].toLowerCase()}
            </span>
          ) : (
            <Link
              key={by}
              to={`/reports/revenue?${new URLSearchParams({ by, location: r.selected, from: r.from, to: r.to })}`}
            >
              By {GROUPING_WORDS[by].toLowerCase()}
            </Link>
          ),
        )}
      </nav>
      <ReportFilters
        options={r.options}
        selected={r.selected}
        allLabel={r.allLabel}
        from={r.from}
        to={r.to}
        error={r.error}
        csvHref={`/reports/revenue.csv?${r.query}`}
        keep={{ by: r.by }}
      />
      <section className="panel" aria-labelledby="revenue-totals-title">
        <h2 id="revenue-totals-title">Totals</h2>
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
          {credits ? (
            <div>
              <dt>Credits used, at list price</dt>
              <dd>{money(r.totals.creditsUsedMinor ?? 0)}</dd>
            </div>
          ) : null}
        </dl>
      </section>
      <section className="panel" aria-labelledby="revenue-groups-title">
        <h2 id="revenue-groups-title">By {grouping.toLowerCase()}</h2>
        <BarChart
          title={`Net revenue by ${grouping.toLowerCase()}`}
          valueLabel={`Net revenue ${unit}`}
          categoryLabel={grouping}
          data={r.groups.map((g) => ({ label: g.label, value: g.netMinor, display: money(g.netMinor) }))}
          tableId="revenue-groups"
        />
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: on a phone the table scrolls sideways, and a keyboard scrolls only what has focus */}
        <section className="table-scroll" aria-label={`Revenue by ${grouping.toLowerCase()}`} tabIndex={0}>
          <table className="method-totals" id="revenue-groups">
            <caption className="visually-hidden">Revenue by {grouping.toLowerCase()}</caption>
            <thead>
              <tr>
                <th scope="col">{grouping}</th>
                <th scope="col">Payments</th>
                <th scope="col">Taken</th>
                <th scope="col">Refunds</th>
                <th scope="col">Refunded</th>
                <th scope="col">Net</th>
                {credits ? (
                  <>
                    <th scope="col">Credits used</th>
                    <th scope="col">Credits used, at list price</th>
                  </>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {r.groups.map((g) => (
                <tr key={g.key}>
                  <th scope="row">{g.label}</th>
                  <td>{g.payments}</td>
                  <td>{money(g.takenMinor)}</td>
                  <td>{g.refunds}</td>
                  <td>{money(g.refundedMinor)}</td>
                  <td>{money(g.netMinor)}</td>
                  {credits ? (
                    <>
                      <td>{g.creditsUsed}</td>
                      <td>{money(g.creditsUsedMinor ?? 0)}</td>
                    </>
                  ) : null}
                </tr>
              ))}
              {r.groups.length === 0 ? (
                <tr>
                  <td colSpan={credits ? 8 : 6}>No payments or refunds in this period.</td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </section>
        {credits ? (
          <p className="muted">
            Credits used: credits spent on bookings that started in the period, less those given back, at the list price
            per credit of the package they came from. Credits the studio gave are worth nothing here.
          </p>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="revenue-time-title">
        <h2 id="revenue-time-title">Net revenue over time</h2>
        <ColumnChart
          title={`Net revenue per ${GRAIN_WORDS[r.grain].toLowerCase()}`}
          valueLabel={`Net revenue ${unit}`}
          categoryLabel={GRAIN_WORDS[r.grain]}
          data={r.overTime.map((b) => ({ label: b.short, value: b.netMinor, display: money(b.netMinor) }))}
          tableId="revenue-over-time"
        />
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: on a phone the table scrolls sideways, and a keyboard scrolls only what has focus */}
        <section className="table-scroll" aria-label={perGrain} tabIndex={0}>
          <table className="method-totals" id="revenue-over-time">
            <caption className="visually-hidden">Net revenue per {GRAIN_WORDS[r.grain].toLowerCase()}</caption>
            <thead>
              <tr>
                <th scope="col">{GRAIN_WORDS[r.grain]}</th>
                <th scope="col">Net</th>
              </tr>
            </thead>
            <tbody>
              {r.overTime.map((b) => (
                <tr key={b.start}>
                  <th scope="row">{b.label}</th>
                  <td>{money(b.netMinor)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </section>
    </>
  );
}
