import type { DashboardPeriodView } from "~/services/reports/dashboard.server";

type Props = {
  view: Pick<
    DashboardPeriodView,
    "period" | "title" | "description" | "revenue" | "bookings" | "attendance" | "utilisation" | "newClients"
  >;
};

/** The change in words begins a sentence on the page. */
const sentence = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);

/** One of the dashboard's periods: each headline figure large, with what it is made of and how it moved. */
export function DashboardPeriod({ view }: Props) {
  const { revenue, bookings, attendance, utilisation, newClients } = view;
  const id = `period-${view.period}`;
  const late = bookings.lateCancellations > 0 ? `, ${bookings.lateCancellations} late` : "";
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{view.title}</h2>
      <p className="muted">{view.description}.</p>
      <dl className="report-totals">
        <div>
          <dt>Net revenue</dt>
          <dd>{revenue.net.display}</dd>
          <dd className="muted">
            {revenue.taken.display} taken, {revenue.refunded.display} refunded. {sentence(revenue.change)}
            {revenue.previousNet.minor !== 0 ? ` (${revenue.previousNet.display})` : ""}.
          </dd>
        </div>
        <div>
          <dt>Bookings made</dt>
          <dd>{bookings.made}</dd>
          <dd className="muted">
            {sentence(bookings.change)}
            {bookings.previous !== 0 ? ` (${bookings.previous})` : ""}. {bookings.cancellations} cancelled{late}.
          </dd>
        </div>
        <div>
          <dt>Attendance</dt>
          <dd>{attendance.display}</dd>
          <dd className="muted">
            {attendance.attended} came, {attendance.noShows} no-show{attendance.noShows === 1 ? "" : "s"}
            {attendance.unmarked > 0 ? `, ${attendance.unmarked} not marked yet` : ""}.{" "}
            {attendance.change ? `${sentence(attendance.change)} (${attendance.previousDisplay}).` : null}
          </dd>
        </div>
        <div>
          <dt>Class places booked</dt>
          <dd>{utilisation.display}</dd>
          <dd className="muted">
            {utilisation.booked} of {utilisation.capacity} places.{" "}
            {utilisation.change ? `${sentence(utilisation.change)} (${utilisation.previousDisplay}).` : null}
          </dd>
        </div>
        <div>
          <dt>New clients</dt>
          <dd>{newClients.count}</dd>
          <dd className="muted">
            {sentence(newClients.change)}
            {newClients.previous !== 0 ? ` (${newClients.previous})` : ""}.
          </dd>
        </div>
      </dl>
    </section>
  );
}
