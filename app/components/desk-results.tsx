import { Form, Link } from "@remix-run/react";
import { statusLabel } from "~/components/booking-bits";
import type { DeskResult } from "~/services/desk/search.server";

/** A full class later today the desk may put a client on the waitlist for. */
export type WaitlistChoice = { id: string; name: string; time: string };

/**
 * The desk's search results: per client, their bookings here today with a "Check in" each,
 * and one step to book, join a waitlist, sell a package, take a payment or open the profile.
 * The first result's primary action is what Enter does; without JavaScript the results page
 * puts the focus on it.
 */
export function DeskResults({
  results,
  q,
  locationId,
  fullClasses,
  focusFirst,
}: {
  results: DeskResult[];
  q: string;
  locationId: string;
  fullClasses: WaitlistChoice[];
  focusFirst: boolean;
}) {
  if (!q) return null;
  if (results.length === 0) return <p className="muted">No client matches “{q}”.</p>;
  return (
    <ul className="cards desk-results" aria-label="Clients found">
      {results.map((result, index) => (
        <DeskResultCard
          key={result.id}
          result={result}
          locationId={locationId}
          fullClasses={fullClasses}
          focus={focusFirst && index === 0}
        />
      ))}
    </ul>
  );
}

function DeskResultCard({
  result,
  locationId,
  fullClasses,
  focus,
}: {
  result: DeskResult;
  locationId: string;
  fullClasses: WaitlistChoice[];
  focus: boolean;
}) {
  const primary = result.primary;
  const booked = new Set(result.bookings.map((b) => b.classId));
  const waitlists = fullClasses.filter((c) => !booked.has(c.id));
  return (
    <li className="card desk-result">
      <div className="client-name">
        <Link to={`/clients/${result.id}`} autoFocus={focus && primary.kind === "profile"}>
          {result.name}
        </Link>
      </div>
      <div className="client-contact muted">
        <span>{result.email}</span>
        {result.phone ? <span>{result.phone}</span> : null}
      </div>
      {result.bookings.length > 0 ? (
        <Form method="post" className="desk-people-form">
          <input type="hidden" name="intent" value="check-in" />
          <input type="hidden" name="location" value={locationId} />
          <ul className="desk-people">
            {result.bookings.map((b) => (
              <li key={b.bookingId} className={b.arrived ? "is-arrived" : undefined}>
                <span>
                  {b.service} {b.time}
                </span>
                {b.arrived ? (
                  <span className="desk-arrived">✓ Arrived{b.checkedInAt ? ` ${b.checkedInAt}` : ""}</span>
                ) : b.mayCheckIn ? (
                  <button
                    type="submit"
                    name="bookingId"
                    value={b.bookingId}
                    className="desk-check-in"
                    // biome-ignore lint/a11y/noAutofocus: the desk's next step after a search without JavaScript
                    autoFocus={focus && primary.kind === "check-in" && primary.bookingId === b.bookingId}
                  >
                    Check in<span className="visually-hidden"> {`${result.name}, ${b.service} ${b.time}`}</span>
                  </button>
                ) : (
                  <span className="muted">{b.status === "confirmed" ? b.checkInNote : statusLabel(b.status)}</span>
                )}
              </li>
            ))}
          </ul>
        </Form>
      ) : (
        <p className="muted">No booking here today.</p>
      )}
      <div className="desk-actions">
        <Link className="button secondary" to={`/book?clientId=${result.id}`}>
          Book<span className="visually-hidden"> for {result.name}</span>
        </Link>
        {waitlists.map((c) => (
          <Form method="post" key={c.id} className="desk-inline-form">
            <input type="hidden" name="intent" value="join-waitlist" />
            <input type="hidden" name="location" value={locationId} />
            <input type="hidden" name="occurrenceId" value={c.id} />
            <input type="hidden" name="clientId" value={result.id} />
            <button type="submit" className="secondary">
              Waitlist {c.name} {c.time}
              <span className="visually-hidden"> for {result.name}</span>
            </button>
          </Form>
        ))}
        <Link className="button secondary" to={`/clients/${result.id}/payments/new`}>
          Sell a package<span className="visually-hidden"> or take a payment from {result.name}</span>
        </Link>
        <Link className="button secondary" to={`/clients/${result.id}/credits`}>
          Credits<span className="visually-hidden"> of {result.name}</span>
        </Link>
        <Link className="button secondary" to={`/clients/${result.id}`}>
          Profile<span className="visually-hidden"> of {result.name}</span>
        </Link>
      </div>
    </li>
  );
}
