import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { BookingRow } from "~/components/booking-bits";
import { OfflineNote } from "~/components/offline-note";
import { CLIENT_PAGE } from "~/components/page-scripts";
import { withPageErrors } from "~/http.server";
import { StaffBookingsQuerySchema } from "~/services/booking/forms.schema";
import { mayBookOwn } from "~/services/booking/rules";
import { listBookings, myBookings, toBookingRow } from "~/services/booking/views.server";
import { requireStudioActor } from "~/services/identity/actor.server";
import { offlineCopy } from "~/services/identity/offline-copy.server";
import { mayEver } from "~/services/identity/permissions";
import { dayLabel } from "~/services/schedule/dates";
import { addDays, localDaysSpan, todayIn } from "~/services/schedule/local-time";
import { readQuery } from "~/services/schedule/queries.schema";
import { ALL_LOCATIONS, locationContext } from "~/services/studio/location-context.server";
import { locationZones, studioTimezone } from "~/services/studio/time.server";

export const handle = CLIENT_PAGE;

// A client's list carries the offline worker's header; nothing else does.
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.kind === "staff" ? "Bookings" : "My bookings" },
];

/**
 * A client's own bookings (coming up, past, cancelled); for staff, one day's bookings at the
 * location chosen in the header (the front desk's "who is coming in today").
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    if (actor.role === "client") {
      const [mine, zone] = await Promise.all([myBookings(tenant, actor), studioTimezone(tenant)]);
      const copy = offlineCopy(tenant, actor, zone);
      return data(
        {
          kind: "client" as const,
          upcoming: mine.upcoming.map(toBookingRow),
          // The latest few: the full history is not what a phone needs.
          past: mine.past.slice(0, 20).map(toBookingRow),
          cancelled: mine.cancelled.slice(0, 20).map(toBookingRow),
          asOf: copy.asOf,
        },
        { headers: copy.headers },
      );
    }
    const query = readQuery(StaffBookingsQuerySchema, new URL(request.url).searchParams);
    const context = await locationContext(request, tenant, actor);
    const locationId = context.selected === ALL_LOCATIONS ? undefined : context.selected;
    // Each booking is on its own location's day, whatever the other locations' clocks say.
    const zones = await locationZones(tenant, locationId ? [locationId] : undefined);
    const today = todayIn(zones[0] as string);
    const date = query.date ?? today;
    const { from, to } = localDaysSpan(date, date, zones);
    const [listed, mine] = await Promise.all([
      listBookings(tenant, actor, { from, to, locationId }),
      // The owner books themselves too: their own coming bookings, whatever the day shown.
      mayBookOwn(actor) ? myBookings(tenant, actor) : null,
    ]);
    const bookings = listed.filter((b) => b.date === date);
    return {
      kind: "staff" as const,
      date,
      today,
      heading: dayLabel(date),
      previous: addDays(date, -1),
      next: addDays(date, 1),
      place: context.options.find((o) => o.id === context.selected)?.name ?? "all locations",
      live: bookings.filter((b) => b.status !== "cancelled").map(toBookingRow),
      cancelled: bookings.filter((b) => b.status === "cancelled").map(toBookingRow),
      pending: bookings.filter((b) => b.status === "pending").length,
      canBook: mayEver(actor.role, "booking.create_for_client"),
      mine: mine ? mine.upcoming.slice(0, 10).map(toBookingRow) : [],
    };
  });
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>;

export default function Bookings() {
  const page = useLoaderData<typeof loader>();
  return page.kind === "client" ? <MyBookings page={page} /> : <StaffBookings page={page} />;
}

function MyBookings({ page }: { page: Extract<Page, { kind: "client" }> }) {
  return (
    <div className="narrow-wide">
      <OfflineNote asOf={page.asOf} />
      <div className="page-head">
        <h1>My bookings</h1>
        <Link className="button" to="/book">
          Book a session
        </Link>
      </div>
      <section aria-labelledby="upcoming-title">
        <h2 id="upcoming-title">Coming up</h2>
        {page.upcoming.length > 0 ? (
          <ol className="booking-list">
            {page.upcoming.map((b) => (
              <BookingRow key={b.id} booking={b} show="instructor" />
            ))}
          </ol>
        ) : (
          <div className="panel empty">
            <p>Nothing booked yet.</p>
            <p className="actions">
              <Link to="/schedule">Find a class</Link>
              <Link to="/book">Book a 1:1 session</Link>
            </p>
          </div>
        )}
      </section>
      {page.past.length > 0 ? (
        <section aria-labelledby="past-title">
          <h2 id="past-title">Past</h2>
          <ol className="booking-list is-history">
            {page.past.map((b) => (
              <BookingRow key={b.id} booking={b} show="instructor" />
            ))}
          </ol>
        </section>
      ) : null}
      {page.cancelled.length > 0 ? (
        <section aria-labelledby="cancelled-title">
          <h2 id="cancelled-title">Cancelled</h2>
          <ol className="booking-list is-history">
            {page.cancelled.map((b) => (
              <BookingRow key={b.id} booking={b} show="instructor" />
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}

function StaffBookings({ page }: { page: Extract<Page, { kind: "staff" }> }) {
  const day = (date: string) => `/bookings?date=${date}`;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Bookings</h1>
          <p className="muted">
            {page.heading} at {page.place}
          </p>
        </div>
        {page.canBook ? (
          <div className="actions">
            <Link className="button" to="/book">
              Book a session
            </Link>
            <Link to="/schedule">Book a class</Link>
          </div>
        ) : null}
      </div>
      <div className="toolbar">
        <nav className="day-nav" aria-label="Days">
          <Link to={day(page.previous)} rel="prev">
            Previous day
          </Link>
          {page.date === page.today ? <span aria-current="date">Today</span> : <Link to={day(page.today)}>Today</Link>}
          <Link to={day(page.next)} rel="next">
            Next day
          </Link>
        </nav>
        <Form method="get" className="inline-filter" aria-label="Choose a day">
          <label htmlFor="bookings-date">Date</label>
          <input id="bookings-date" type="date" name="date" defaultValue={page.date} key={page.date} />
          <button type="submit">Show</button>
        </Form>
      </div>
      {page.pending > 0 ? (
        <p className="alert alert-warn">
          {page.pending === 1 ? "1 booking is" : `${page.pending} bookings are`} waiting for confirmation.
        </p>
      ) : null}
      {page.live.length > 0 ? (
        <ol className="booking-list is-day">
          {page.live.map((b) => (
            <BookingRow key={b.id} booking={b} show="both" showDate={false} />
          ))}
        </ol>
      ) : (
        <p className="panel">No bookings on this day.</p>
      )}
      {page.mine.length > 0 ? (
        <section aria-labelledby="mine-title">
          <h2 id="mine-title">My own bookings</h2>
          <ol className="booking-list">
            {page.mine.map((b) => (
              <BookingRow key={b.id} booking={b} show="instructor" />
            ))}
          </ol>
        </section>
      ) : null}
      {page.cancelled.length > 0 ? (
        <details className="folded">
          <summary>
            {page.cancelled.length} cancelled {page.cancelled.length === 1 ? "booking" : "bookings"}
          </summary>
          <ol className="booking-list is-day is-history">
            {page.cancelled.map((b) => (
              <BookingRow key={b.id} booking={b} show="both" showDate={false} />
            ))}
          </ol>
        </details>
      ) : null}
    </>
  );
}
