import { Form, Link } from "@remix-run/react";
import type { Arrival } from "~/services/desk/roster.server";

/**
 * The class page's roster for staff: each person's check-in state with a "Check in" button
 * while the window is open; from the start, one attendance form for the whole class (attended
 * or no-show per person, attended already chosen for those who checked in) and the class note.
 * Plain forms: they work before (or without) JavaScript.
 */

export type RosterPerson = {
  bookingId: string;
  clientId: string;
  name: string;
  spots: number;
  arrival: Arrival;
  checkedInAt: string | null;
};

export type AttendanceRosterData = {
  occurrenceId: string;
  booked: number;
  capacity: number;
  people: RosterPerson[];
  note: string;
  checkInOpen: boolean;
  mayMark: boolean;
  mayWriteNote: boolean;
};

/** What the last roster form said: done, or refused with a reason. */
export type RosterReply = { ok: boolean; messages: string[] } | null;

export function arrivalText(p: Pick<RosterPerson, "arrival" | "checkedInAt">) {
  switch (p.arrival) {
    case "checked_in":
      return `Checked in at ${p.checkedInAt}`;
    case "attended":
      return "Attended";
    case "no_show":
      return "No-show";
    case "not_yet":
      return "Not checked in yet";
  }
}

export function AttendanceRoster({ r, reply }: { r: AttendanceRosterData; reply: RosterReply }) {
  return (
    <section className="panel roster" id="roster" aria-labelledby="roster-title">
      <h2 id="roster-title">
        Booked in{" "}
        <span className="muted">
          · {r.booked} of {r.capacity}
        </span>
      </h2>
      {reply ? (
        <div className={reply.ok ? "alert alert-ok" : "alert alert-error"} role={reply.ok ? "status" : "alert"}>
          {reply.messages.map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      ) : null}
      <p>
        <Link to={`/schedule/${r.occurrenceId}/roster`}>Printable roster</Link>
      </p>
      {r.people.length === 0 ? (
        <p className="muted">Nobody has booked yet.</p>
      ) : r.mayMark ? (
        <AttendanceForm r={r} />
      ) : (
        <ol className="roster-list roster-people">
          {r.people.map((p) => (
            <li key={p.bookingId} className="roster-person">
              <span>
                <Link to={`/bookings/${p.bookingId}`}>{p.name}</Link>
                {p.spots > 1 ? <span className="muted"> · {p.spots} places</span> : null}
                <span className="muted"> · {arrivalText(p)}</span>
              </span>
              {r.checkInOpen && p.arrival === "not_yet" ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="check-in" />
                  <input type="hidden" name="bookingId" value={p.bookingId} />
                  <button type="submit" className="secondary roster-check-in" aria-label={`Check in ${p.name}`}>
                    Check in
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {r.mayWriteNote ? (
        <Form method="post" className="stack class-note-form">
          <input type="hidden" name="intent" value="class-note" />
          <div className="field">
            <label htmlFor="class-note">Class note</label>
            <textarea id="class-note" name="notes" rows={3} maxLength={5000} defaultValue={r.note} />
            <span className="hint">For the studio’s eyes: how the class went, anything to follow up.</span>
          </div>
          <button type="submit" className="secondary">
            Save note
          </button>
        </Form>
      ) : null}
    </section>
  );
}

function AttendanceForm({ r }: { r: AttendanceRosterData }) {
  return (
    <Form method="post" className="stack attendance-form">
      <input type="hidden" name="intent" value="attendance" />
      <table className="attendance-table">
        <caption className="visually-hidden">Attendance</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Attended</th>
            <th scope="col">No-show</th>
          </tr>
        </thead>
        <tbody>
          {r.people.map((p) => {
            const chosen = p.arrival === "no_show" ? "no_show" : p.arrival === "not_yet" ? null : "attended";
            return (
              <tr key={p.bookingId}>
                <th scope="row">
                  <Link to={`/bookings/${p.bookingId}`}>{p.name}</Link>
                  <span className="muted small-text"> {arrivalText(p)}</span>
                </th>
                <td>
                  <input
                    type="radio"
                    name={`mark-${p.clientId}`}
                    value="attended"
                    defaultChecked={chosen === "attended"}
                    aria-label={`${p.name} attended`}
                  />
                </td>
                <td>
                  <input
                    type="radio"
                    name={`mark-${p.clientId}`}
                    value="no_show"
                    defaultChecked={chosen === "no_show"}
                    aria-label={`${p.name} did not come`}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="hint">Anyone left unmarked stays as they are.</p>
      <button type="submit">Save attendance</button>
    </Form>
  );
}
