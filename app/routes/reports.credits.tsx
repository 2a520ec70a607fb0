import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BarChart } from "~/components/charts";
import { ReportFilters } from "~/components/report-filters";
import { withPageErrors } from "~/http.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { creditsReport } from "~/services/reports/credits.server";
import { currencySymbol, formatMoney } from "~/services/shared/money";
import { rememberedLocationId } from "~/services/studio/location-context.server";

export const meta: MetaFunction = () => [{ title: "Outstanding credits" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    return creditsReport(tenant, actor, {
      query: new URL(request.url).searchParams,
      remembered: await rememberedLocationId(request),
    });
  });
}

export default function CreditsReport() {
  const r = useLoaderData<typeof loader>();
  const money = (minor: number) => formatMoney(minor, r.currency);
  return (
    <>
      <p className="crumbs">
        <Link to="/reports">Reports</Link>
      </p>
      <h1>Outstanding credits</h1>
      <p className="muted">
        {r.label}. Credits clients hold now, valued at the list price per credit of their package: classes the studio
        still owes. Credits the studio gave are worth nothing here.
      </p>
      <ReportFilters
        options={r.options}
        selected={r.selected}
        allLabel={r.allLabel}
        from={r.from}
        to={r.to}
        error={r.error}
        csvHref={`/reports/credits.csv?${r.query}`}
      />
      <section className="panel" aria-labelledby="credits-totals-title">
        <h2 id="credits-totals-title">Totals</h2>
        <dl className="report-totals">
          <div>
            <dt>Credits held</dt>
            <dd>{r.totals.credits}</dd>
          </div>
          <div>
            <dt>Value at list price</dt>
            <dd>{money(r.totals.valueMinor)}</dd>
          </div>
          <div>
            <dt>Expiring in 30 days</dt>
            <dd>
              {r.totals.expiringSoon} ({money(r.totals.expiringSoonMinor)})
            </dd>
          </div>
          <div>
            <dt>
              Expired unused, {r.from} to {r.to}
            </dt>
            <dd>
              {r.totals.expired} ({money(r.totals.expiredMinor)})
            </dd>
          </div>
        </dl>
      </section>
      <section className="panel" aria-labelledby="credits-packages-title">
        <h2 id="credits-packages-title">By package</h2>
        <BarChart
          title="Outstanding credits by package, at list price"
          valueLabel={`Value (${currencySymbol(r.currency)})`}
          categoryLabel="Package"
          data={r.packages.map((p) => ({ label: p.label, value: p.valueMinor, display: money(p.valueMinor) }))}
          tableId="credits-packages"
        />
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: on a phone the table scrolls sideways, and a keyboard scrolls only what has focus */}
        <section className="table-scroll" aria-label="Outstanding credits by package" tabIndex={0}>
          <table className="method-totals" id="credits-packages">
            <caption className="visually-hidden">Outstanding credits by package</caption>
            <thead>
              <tr>
                <th scope="col">Package</th>
                <th scope="col">Clients holding</th>
                <th scope="col">Credits</th>
                <th scope="col">Value</th>
                <th scope="col">Expiring in 30 days</th>
                <th scope="col">Expired unused in the period</th>
              </tr>
            </thead>
            <tbody>
              {r.packages.map((p) => (
                <tr key={p.key}>
                  <th scope="row">{p.label}</th>
                  <td>{p.clients}</td>
                  <td>{p.credits}</td>
                  <td>{money(p.valueMinor)}</td>
                  <td>
                    {p.expiringSoon} ({money(p.expiringSoonMinor)})
                  </td>
                  <td>
                    {p.expired} ({money(p.expiredMinor)})
                  </td>
                </tr>
              ))}
              {r.packages.length === 0 ? (
                <tr>
                  <td colSpan={6}>No credits outstanding and none expired in this period.</td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </section>
      </section>
    </>
  );
}
