import { Form, Link } from "@remix-run/react";
import { statusLabel } from "~/components/booking-bits";
import type { DeskItem, DeskPerson } from "~/services/desk/day.server";

/**
 * The location's day at the desk: each class and session with how many have arrived, and a
 * "Check in" per person while check-in is open. One form per class, a button per person, so
 * a day of six hundred bookings stays a light page.
 */
export function DeskDay({ items, locationId }: { items: DeskItem[]; locationId: string }) {
  if (items.length === 0) return <p className="panel">No classes or sessions here today.</p>;
  return (
    <ol className="desk-day">
      {items.map((item) => (
        <li key={item.id} className={`desk-item${item.cancelled ? " is-cancelled" : ""}`}>
          <div className="desk-item-head">
            <span className="class-time">
              {item.time}–{item.endTime}
            </span>
            <span className="desk-item-name">
              {item.kind === "class" ? <Link to={`/schedule/${item.id}`}>{item.name}</Link> : item.name}
            </span>
            <span className="muted">{item.instructor}</span>
            <span className="desk-counts">
              {item.kind === "class" ? `${item.booked}/${item.capacity} booked · ` : null}
              {item.arrived} of {item.expected} arrived
            </span>
            <span className={`badge${item.checkIn.open ? " badge-open" : ""}`}>{item.checkIn.note}</span>
          </div>
          {item.people.length > 0 ? (
            <Form method="post" className="desk-people-form">
              <input type="hidden" name="intent" value="check-in" />
              <input type="hidden" name="location" value={locationId} />
              <ul className="desk-people">
                {item.people.map((person) => (
                  <DeskPersonLine key={person.bookingId} person={person} />
                ))}
              </ul>
            </Form>
          ) : item.peopleElsewhere ? (
            <p className="desk-people-elsewhere">
              <Link to={`/schedule/${item.id}`}>
                Who is booked
                <span className="visually-hidden">
                  {" "}
                  into {item.name} at {item.time}
                </span>
              </Link>
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function DeskPersonLine({ person }: { person: DeskPerson }) {
  return (
    <li className={person.arrived ? "is-arrived" : undefined}>
      <Link to={`/clients/${person.clientId}`}>{person.name}</Link>
      {person.arrived ? (
        <span className="desk-arrived">✓ Arrived{person.checkedInAt ? ` ${person.checkedInAt}` : ""}</span>
      ) : person.mayCheckIn ? (
        <button type="submit" name="bookingId" value={person.bookingId} className="desk-check-in">
          Check in<span className="visually-hidden"> {person.name}</span>
        </button>
      ) : (
        <span className="muted">{statusLabel(person.status)}</span>
      )}
    </li>
  );
}
