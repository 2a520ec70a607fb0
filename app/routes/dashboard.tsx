import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BarChart } from "~/components/charts";
import { DashboardPeriod } from "~/components/dashboard-period";
import { withPageErrors } from "~/http.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { dashboard } from "~/services/reports/dashboard.server";
import { rememberedLocationId } from "~/services/studio/location-context.server";

export const meta: MetaFunction = () => [{ title: "Dashboard" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    return dashboard(tenant, actor, {
      requested: new URL(request.url).searchParams.get("location"),
      remembered: await rememberedLocationId(request),
    });
  });
}

export default function Dashboard() {
  const { scope, severalClocks, periods, locations, today } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Dashboard</h1>
          <p className="muted">
            {scope.label}
            {severalClocks ? ", each location's days on its own clock" : ""}
          </p>
        </div>
        <div className="actions">
          <Link to="/dashboard/churn">Clients at risk</Link>
          <Link to="/reports">Reports</Link>
        </div>
      </div>
      {periods.map((view) => (
        <DashboardPeriod key={view.period} view={view} />
      ))}
      {locations.length > 0 ? (
        <section className="panel" aria-labelledby="by-location-title">
          <h2 id="by-location-title">This month by location</h2>
          <BarChart
            title="Net revenue this month by location"
            valueLabel="Net revenue"
            categoryLabel="Location"
            data={locations.map((l) => ({ label: l.name, value: l.net.minor, display: l.net.display }))}
            tableId="by-location"
          />
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: on a phone the table scrolls sideways, and a keyboard scrolls only what has focus */}
          <section className="table-scroll" aria-label="This month by location, figures" tabIndex={0}>
            <table className="method-totals" id="by-location">
              <caption className="visually-hidden">This month by location</caption>
              <thead>
                <tr>
                  <th scope="col">Location</th>
                  <th scope="col">Net revenue</th>
                  <th scope="col">Bookings</th>
                  <th scope="col">Attendance</th>
                  <th scope="col">Places booked</th>
                  <th scope="col">New clients</th>
                </tr>
              </thead>
              <tbody>
                {locations.map((l) => (
                  <tr key={l.locationId ?? "none"}>
                    <th scope="row">{l.name}</th>
                    <td>{l.net.display}</td>
                    <td>{l.bookingsMade}</td>
                    <td>{l.attendance.display}</td>
                    <td>{l.utilisation.display}</td>
                    <td>{l.newClients}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </section>
      ) : null}
      <section className="panel" aria-labelledby="today-title">
        <h2 id="today-title">Today's schedule</h2>
        <p>
          <Link to="/today">Today</Link> · <Link to="/desk">Front desk</Link>
        </p>
        {today.length === 0 ? <p className="muted">No location to show.</p> : null}
        {today.map((day) => (
          <section key={day.location.id} className="dashboard-day" aria-labelledby={`today-${day.location.id}`}>
            <h3 id={`today-${day.location.id}`}>
              {day.location.name}, {day.heading}
            </h3>
            {day.items.length === 0 ? (
              <p className="muted">No classes or sessions today.</p>
            ) : (
              // biome-ignore lint/a11y/noNoninteractiveTabindex: on a phone the table scrolls sideways, and a keyboard scrolls only what has focus
              <section className="table-scroll" aria-label={`Today at ${day.location.name}`} tabIndex={0}>
                <table className="method-totals">
                  <thead>
                    <tr>
                      <th scope="col">Class or session</th>
                      <th scope="col">Booked</th>
                      <th scope="col">Arrived</th>
                    </tr>
                  </thead>
                  <tbody>
                    {day.items.map((item) => (
                      <tr key={item.id}>
                        <th scope="row">
                          {item.time} {item.name}
                          <br />
                          <span className="muted">with {item.instructor}</span>
                        </th>
                        {item.cancelled ? (
                          <td colSpan={2}>Cancelled</td>
                        ) : (
                          <>
                            <td>
                              {item.booked} of {item.capacity}
                            </td>
                            <td>{item.arrived}</td>
                          </>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            )}
          </section>
        ))}
      </section>
    </>
  );
}
