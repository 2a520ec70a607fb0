import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BarChart } from "~/components/charts";
import { ReportFilters } from "~/components/report-filters";
import { withPageErrors } from "~/http.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { instructorsReport, REBOOK_WINDOW_DAYS } from "~/services/reports/instructors.server";
import { percentText } from "~/services/reports/shares";
import { fullDate } from "~/services/shared/date-words";
import { rememberedLocationId } from "~/services/studio/location-context.server";

export const meta: MetaFunction = () => [{ title: "Instructor performance" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const query = new URL(request.url).searchParams;
    const { scope, days, instructors } = await instructorsReport(
      tenant,
      actor,
      query,
      await rememberedLocationId(request),
    );
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
      csv: `/reports/instructors.csv?${new URLSearchParams({ location: scope.selected, from: days.from, to: days.to })}`,
      instructors: instructors.map((i) => ({
        id: i.instructorId,
        name: i.name,
        sessions: i.sessions,
        classes: i.classes,
        places: `${i.placesFilled} of ${i.capacity}`,
        attended: i.attended,
        noShows: i.noShows,
        attendanceRate: i.attendanceRate,
        attendance: percentText(i.attendanceRate),
        unmarked: i.unmarked,
        lateCancellations: i.lateCancellations,
        rebooked:
          i.attendedClients > 0
            ? `${percentText(i.rebookingRate)} (${i.rebookedClients} of ${i.attendedClients})`
            : "–",
      })),
    };
  });
}

export default function InstructorsReport() {
  const { filters, heading, csv, instructors } = useLoaderData<typeof loader>();
  const rated = instructors.filter((i) => i.attendanceRate !== null);
  return (
    <>
      <p>
        <Link to="/reports">Reports</Link>
      </p>
      <h1>Instructor performance</h1>
      <p className="muted">{heading}</p>
      <ReportFilters {...filters} csvHref={csv} />
      <section className="panel" aria-labelledby="instructors-title">
        <h2 id="instructors-title">By instructor</h2>
        {instructors.length === 0 ? (
          <p>Nobody taught a class or a session in this period.</p>
        ) : (
          <>
            {rated.length > 0 ? (
              <BarChart
                title="Attendance rate by instructor"
                valueLabel="Attendance rate (%)"
                scaleMax={100}
                categoryLabel="Instructor"
                tableId="instructors-table"
                data={rated.map((i) => ({
                  label: i.name,
                  value: (i.attendanceRate ?? 0) * 100,
                  display: i.attendance,
                }))}
              />
            ) : (
              <p className="muted">Nobody has marked attendance in this period yet.</p>
            )}
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: on a phone the table scrolls sideways, and a keyboard scrolls only what has focus */}
            <section className="table-scroll" aria-label="Instructor figures" tabIndex={0}>
              <table className="method-totals report-wide" id="instructors-table">
                <caption className="visually-hidden">Instructor performance, {heading}</caption>
                <thead>
                  <tr>
                    <th scope="col">Instructor</th>
                    <th scope="col">1:1 sessions</th>
                    <th scope="col">Classes</th>
                    <th scope="col">Class places filled</th>
                    <th scope="col">Attended</th>
                    <th scope="col">No-shows</th>
                    <th scope="col">Attendance rate</th>
                    <th scope="col">Not marked yet</th>
                    {/* A soft hyphen: the heading may break inside its long word to keep the table within the page. */}
                    <th scope="col">Late cancel{"\u00AD"}lations</th>
                    <th scope="col">Rebooked within {REBOOK_WINDOW_DAYS} days</th>
                  </tr>
                </thead>
                <tbody>
                  {instructors.map((i) => (
                    <tr key={i.id}>
                      <th scope="row">{i.name}</th>
                      <td>{i.sessions}</td>
                      <td>{i.classes}</td>
                      <td>{i.places}</td>
                      <td>{i.attended}</td>
                      <td>{i.noShows}</td>
                      <td>{i.attendance}</td>
                      <td>{i.unmarked}</td>
                      <td>{i.lateCancellations}</td>
                      <td>{i.rebooked}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </>
        )}
      </section>
      <section className="panel" aria-labelledby="instructors-terms">
        <h2 id="instructors-terms">How these are counted</h2>
        <dl>
          <dt>Sessions, classes and visits</dt>
          <dd>
            Those that started in the period, each on its location's clock. A class belongs to whoever taught it, so a
            substitute's class counts for the substitute.
          </dd>
          <dt>Attendance rate</dt>
          <dd>
            Visits attended (checked in or completed) out of those attended or missed (no-shows). Visits nobody has
            marked yet are counted apart and left out.
          </dd>
          <dt>Late cancellations</dt>
          <dd>Visits due in the period that the client cancelled too late to get the credit back.</dd>
          <dt>Rebooked within {REBOOK_WINDOW_DAYS} days</dt>
          <dd>
            Of the clients who attended with the instructor in the period, those who made another booking with the same
            instructor (not cancelled) within {REBOOK_WINDOW_DAYS} days after that visit. Each client counts once.
          </dd>
        </dl>
      </section>
    </>
  );
}
