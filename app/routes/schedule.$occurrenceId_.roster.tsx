import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { arrivalText } from "~/components/class-attendance";
import { withPageErrors } from "~/http.server";
import { classAttendanceRoster } from "~/services/desk/roster.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { requireId } from "~/services/identity/api.server";

/**
 * The printable roster of one class date for its staff: who is booked and whether they came,
 * PAR-Q flags only for those who may read them, the waitlist, and blank lines for walk-ins. The
 * page itself is the printout (a print stylesheet hides the rest); "Print" is a convenience.
 */

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Roster: ${data.occurrence.name}, ${data.occurrence.dateLabel}` : "Roster" },
];

/** Numbered blank lines for walk-ins, after the booked names. */
const WALK_IN_LINES = [1, 2, 3, 4, 5];

const WAITLIST_WORDS: Record<string, string> = {
  waiting: "Waiting",
  offered: "Offered a place",
  booked: "Booked",
  declined: "Let it go",
  expired: "Offer lapsed",
  removed: "Removed",
  left: "Left",
  closed: "Closed",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const roster = await classAttendanceRoster(tenant, actor, requireId(params.occurrenceId));
    return {
      occurrence: roster.occurrence,
      people: roster.people.map((p) => ({
        bookingId: p.bookingId,
        name: p.name,
        spots: p.spots,
        state: arrivalText(p),
        parq: p.parq,
        note: p.note,
      })),
      waitlist: roster.waitlist,
      note: roster.note,
    };
  });
}

export default function PrintableRoster() {
  const { occurrence: o, people, waitlist, note } = useLoaderData<typeof loader>();
  return (
    <article className="print-roster">
      <p className="crumbs no-print">
        <Link to={`/schedule/${o.id}`}>Back to the class</Link>{" "}
        <button type="button" className="button secondary" onClick={() => window.print()}>
          Print
        </button>
      </p>
      <h1>
        {o.name}{" "}
        <span className="muted">
          · {o.dateLabel}, {o.time}
        </span>
      </h1>
      <p>
        {o.location.name} · {o.instructor.name} · {o.bookedSpots} of {o.capacity} places booked
      </p>
      <table className="print-table roster-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Name</th>
            <th scope="col">Places</th>
            <th scope="col">Check-in</th>
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p, i) => (
            <tr key={p.bookingId}>
              <td>{i + 1}</td>
              <th scope="row">{p.name}</th>
              <td>{p.spots}</td>
              <td>{p.state}</td>
              <td>
                {p.parq === "review" ? <strong>PAR-Q: review</strong> : null}
                {p.parq === "missing" ? <strong>PAR-Q missing</strong> : null}
                {p.note ? <span> {p.note}</span> : null}
              </td>
            </tr>
          ))}
          {WALK_IN_LINES.map((line) => (
            <tr key={`walk-in-${line}`} className="blank-line">
              <td>{people.length + line}</td>
              <th scope="row">
                <span className="visually-hidden">Walk-in</span>
              </th>
              <td />
              <td />
              <td />
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Waitlist</h2>
      {waitlist.length === 0 ? (
        <p className="muted">Nobody is waiting.</p>
      ) : (
        <table className="print-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Name</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {waitlist.map((w) => (
              <tr key={w.position}>
                <td>{w.position}</td>
                <th scope="row">{w.name}</th>
                <td>{WAITLIST_WORDS[w.status] ?? w.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {note ? (
        <>
          <h2>Class note</h2>
          <p className="prewrap">{note}</p>
        </>
      ) : null}
    </article>
  );
}
