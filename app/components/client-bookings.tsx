import { Link } from "@remix-run/react";
import type { BookingRowView } from "~/services/booking/views.server";
import { BookingRow } from "./booking-bits";

/** On a client's page for staff: what they have coming up, and booking them in. */
export function ClientBookings({
  clientId,
  name,
  bookings,
  more,
  canBook,
}: {
  clientId: string;
  name: string;
  bookings: BookingRowView[];
  more: boolean;
  canBook: boolean;
}) {
  return (
    <section className="panel client-bookings" aria-labelledby="client-bookings-title">
      <div className="page-head">
        <h2 id="client-bookings-title">Coming up</h2>
        {canBook ? (
          <div className="actions">
            <Link className="button" to={`/book?clientId=${clientId}`}>
              Book a session
            </Link>
            <Link className="button secondary" to={`/schedule?clientId=${clientId}`}>
              Book a class
            </Link>
          </div>
        ) : null}
      </div>
      {bookings.length > 0 ? (
        <ol className="booking-list">
          {bookings.map((b) => (
            <BookingRow key={b.id} booking={b} show="instructor" />
          ))}
        </ol>
      ) : (
        <p className="muted">{name} has nothing booked.</p>
      )}
      {more ? <p className="muted">Showing the next ten.</p> : null}
    </section>
  );
}
