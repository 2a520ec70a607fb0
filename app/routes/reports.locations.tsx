import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BarChart } from "~/components/charts";
import { ReportFilters } from "~/components/report-filters";
import { withPageErrors } from "~/http.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { type LocationLine, locationsReport } from "~/services/reports/locations.server";
import { percentText } from "~/services/reports/shares";
import { fullDate } from "~/services/shared/date-words";
import { formatMoney } from "~/services/shared/money";
import { rememberedLocationId } from "~/services/studio/location-context.server";

export const meta: MetaFunction = () => [{ title: "Locations compared" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const query = new URL(request.url).searchParams;
    const { scope, days, locations, total } = await locationsReport(
      tenant,
      actor,
      query,
      await rememberedLocationId(request),
    );
    const money = (minor: number) => formatMoney(minor, tenant.studio.currency);
    const view = (l: LocationLine) => ({
      key: l.locationId ?? l.name,
      located: l.locationId !== null,
      name: l.name,
      netMinor: l.netRevenueMinor,
      taken: money(l.takenMinor),
      refunded: money(l.refundedMinor),
      net: money(l.netRevenueMinor),
      bookingsMade: l.bookingsMade,
      cancellations: `${l.cancellations} (${l.lateCancellations} late)`,
      attended: l.attended,
      noShows: l.noShows,
      attendance: percentText(l.attendanceRate),
      utilisationShare: l.utilisation,
      utilisation: `${percentText(l.utilisation)} (${l.bookedSpots} of ${l.capacity})`,
      newClients: l.newClients,
      activeClients: l.activeClients,
    });
    return {
      filters: {
        options: scope.options,
        selected: scope.selected,
        allLabel: actor.role === "org_owner" ? "All locations" : "All my locations",
        from: days.from,
        to: days.to,
        error: days.error,
      },
      heading: `${scope.label}, ${fullDate(days.from)} to ${fullDate(days.to)}`,
      csv: `/reports/locations.csv?${new URLSearchParams({ location: scope.selected, from: days.from, to: days.to })}`,
      lines: locations.map(view),
      total: locations.length > 1 ? view(total) : null,
    };
  });
}

type Line = ReturnType<typeof useLoaderData<typeof loader>>["lines"][number];

function RevenueRow({ line, total = false }: { line: Line; total?: boolean }) {
  return (
    <tr>
      <th scope="row">{total ? <strong>{line.name}</strong> : line.name}</th>
      <td>{line.taken}</td>
      <td>{line.refunded}</td>
      <td>{line.net}</td>
    </tr>
  );
}

function VisitsRow({ line, total = false }: { line: Line; total?: boolean }) {
  return (
    <tr>
      <th scope="row">{total ? <strong>{line.name}</strong> : line.name}</th>
      <td>{line.bookingsMade}</td>
      <td>{line.cancellations}</td>
      <td>{line.attended}</td>
      <td>{line.noShows}</td>
      <td>{line.attendance}</td>
      <td>{line.utilisation}</td>
      <td>{line.newClients}</td>
      <td>{line.activeClients}</td>
    </tr>
  );
}

export default function LocationsReport() {
  const { filters, heading, csv, lines, total } = useLoaderData<typeof loader>();
  const located = lines.filter((l) => l.located);
  return (
    <>
      <p>
        <Link to="/reports">Reports</Link>
      </p>
      <h1>Locations compared</h1>
      <p className="muted">{heading}</p>
      <ReportFilters {...filters} csvHref={csv} />
      <section className="panel" aria-labelledby="locations-revenue-title">
        <h2 id="locations-revenue-title">Revenue</h2>
        <BarChart
          title="Net revenue by location"
          valueLabel="Net revenue (taken less refunded)"
          categoryLabel="Location"
          tableId="locations-revenue"
          data={lines.map((l) => ({ label: l.name, value: l.netMinor, display: l.net }))}
        />
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: on a phone the table scrolls sideways, and a keyboard scrolls only what has focus */}
        <section className="table-scroll" aria-label="Revenue by location" tabIndex={0}>
          <table className="method-totals" id="locations-revenue">
            <caption className="visually-hidden">Revenue by location, {heading}</caption>
            <thead>
              <tr>
                <th scope="col">Location</th>
                <th scope="col">Taken</th>
                <th scope="col">Refunded</th>
                <th scope="col">Net revenue</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <RevenueRow key={l.key} line={l} />
              ))}
            </tbody>
            {total ? (
              <tfoot>
                <RevenueRow line={total} total />
              </tfoot>
            ) : null}
          </table>
        </section>
        <p className="muted">
          Payments count on the day they went through, refunds on the day they were made, each on its location's clock.
          {lines.some((l) => !l.located)
            ? " No location: sales for the whole studio, such as packages bought online."
            : ""}
        </p>
      </section>
      <section className="panel" aria-labelledby="locations-visits-title">
        <h2 id="locations-visits-title">Bookings and visits</h2>
        <BarChart
          title="Class utilisation by location"
          valueLabel="Class places booked of places offered (%)"
          scaleMax={100}
          categoryLabel="Location"
          tableId="locations-visits"
          data={located.map((l) => ({
            label: l.name,
            value: (l.utilisationShare ?? 0) * 100,
            display: percentText(l.utilisationShare),
          }))}
        />
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: on a phone the table scrolls sideways, and a keyboard scrolls only what has focus */}
        <section className="table-scroll" aria-label="Bookings and visits by location" tabIndex={0}>
          <table className="method-totals report-wide" id="locations-visits">
            <caption className="visually-hidden">Bookings and visits by location, {heading}</caption>
            <thead>
              <tr>
                <th scope="col">Location</th>
                <th scope="col">Bookings made</th>
                <th scope="col">Cancellations</th>
                <th scope="col">Attended</th>
                <th scope="col">No-shows</th>
                <th scope="col">Attendance rate</th>
                <th scope="col">Class utilisation</th>
                <th scope="col">New clients</th>
                <th scope="col">Active clients</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <VisitsRow key={l.key} line={l} />
              ))}
            </tbody>
            {total ? (
              <tfoot>
                <VisitsRow line={total} total />
              </tfoot>
            ) : null}
          </table>
        </section>
        <p className="muted">
          Bookings made and cancellations count on the day they happened; visits, attendance and classes on the day they
          took place. The attendance rate leaves out visits nobody has marked yet. Active clients came at least once;
          the total counts each client once.
        </p>
      </section>
    </>
  );
}
