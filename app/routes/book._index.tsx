import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { BookingSteps, RefusalAlert, SlotGroups } from "~/components/booking-bits";
import { CLIENT_PAGE } from "~/components/page-scripts";
import { withPageErrors } from "~/http.server";
import { BookQuerySchema } from "~/services/booking/forms.schema";
import { bookingClient, clientChoices, sessionChoices, sessionTimes } from "~/services/booking/pages.server";
import { requireStudioActor } from "~/services/identity/actor.server";
import { readQuery } from "~/services/schedule/queries.schema";
import { locationContext } from "~/services/studio/location-context.server";

export const handle = CLIENT_PAGE;

export const meta: MetaFunction = () => [{ title: "Book a session" }];

/**
 * Booking a 1:1 session, one GET step at a time: (staff: the client →) the session → the
 * instructor and day, whose free times link to the confirm page, where one POST books.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const query = readQuery(BookQuerySchema, new URL(request.url).searchParams);
    const client = await bookingClient(tenant, actor, query.clientId);
    if (!client) {
      const context = await locationContext(request, tenant, actor);
      const q = query.q ?? "";
      const choices = await clientChoices(tenant, actor, q, context.selected);
      return { step: "client" as const, q, serviceId: query.serviceId ?? null, ...choices };
    }
    const forClient = client.id === actor.id ? null : { id: client.id, name: client.fullName };
    // Staff's links carry whom the booking is for, the owner's own id when booking themselves.
    const clientId = actor.role === "client" ? null : client.id;
    if (!query.serviceId)
      return { step: "service" as const, forClient, clientId, ...(await sessionChoices(tenant, actor, client)) };
    return {
      step: "time" as const,
      forClient,
      clientId,
      ...(await sessionTimes(tenant, actor, client, { ...query, serviceId: query.serviceId })),
    };
  });
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>;
type TimePage = Extract<Page, { step: "time" }>;

function href(path: string, params: Record<string, string | null | undefined>) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

export default function Book() {
  const page = useLoaderData<typeof loader>();
  if (page.step === "client") return <ChooseClient page={page} />;
  const heading = page.forClient ? `Book a session for ${page.forClient.name}` : "Book a session";
  return (
    <div className="book narrow-wide">
      <h1>{heading}</h1>
      {page.forClient ? (
        <p className="crumbs">
          <Link to={`/clients/${page.forClient.id}`}>Back to {page.forClient.name}</Link> ·{" "}
          <Link to="/book">Book for someone else</Link>
        </p>
      ) : page.clientId ? (
        <p className="crumbs">
          For yourself · <Link to="/book">Book for a client instead</Link>
        </p>
      ) : null}
      {page.step === "service" ? <ChooseService page={page} /> : <ChooseTime page={page} />}
    </div>
  );
}

function ChooseClient({ page }: { page: Extract<Page, { step: "client" }> }) {
  return (
    <div className="book narrow-wide">
      <h1>Book a session</h1>
      <p className="lead">Who is the booking for?</p>
      {page.selfId ? (
        <p>
          <Link className="button secondary" to={href("/book", { clientId: page.selfId, serviceId: page.serviceId })}>
            Book for myself
          </Link>
        </p>
      ) : null}
      <Form method="get" className="search" role="search">
        {page.serviceId ? <input type="hidden" name="serviceId" value={page.serviceId} /> : null}
        <label htmlFor="client-search">Search by name, email or phone</label>
        <div className="search-row">
          <input id="client-search" type="search" name="q" defaultValue={page.q} />
          <button type="submit">Search</button>
        </div>
      </Form>
      {page.clients.length > 0 ? (
        <ul className="pick-list">
          {page.clients.map((c) => (
            <li key={c.id}>
              <Link to={href("/book", { clientId: c.id, serviceId: page.serviceId })}>
                <span className="pick-name">{c.fullName}</span>
                <span className="muted">{c.email}</span>
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="panel">{page.q ? `No clients match “${page.q}”.` : "You have no clients to book for yet."}</p>
      )}
      {page.more ? <p className="muted">Only the first few are shown: search to find someone else.</p> : null}
    </div>
  );
}

function ChooseService({ page }: { page: Extract<Page, { step: "service" }> }) {
  const clientId = page.clientId ?? undefined;
  return (
    <>
      <BookingSteps current={0} />
      <RefusalAlert refusal={page.refusal} />
      {page.refusal ? null : page.bookable.length > 0 ? (
        <ul className="cards pick-cards">
          {page.bookable.map((s) => (
            <li key={s.id}>
              <Link className="card pick-card" to={href("/book", { clientId, serviceId: s.id })}>
                <span className="pick-head">
                  <span className="pick-name">{s.name}</span>
                  <span className="pick-price">{s.price}</span>
                </span>
                <span className="muted">
                  {s.minutes} min · {s.locations.join(", ")}
                </span>
                {s.description ? <span className="pick-description">{s.description}</span> : null}
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="panel">No sessions can be booked online right now.</p>
      )}
      {page.byArrangement.length > 0 && !page.refusal ? (
        <p className="muted">
          {page.forClient ? "Your account cannot book: " : "Booked by your instructor or the studio: "}
          {page.byArrangement.map((s) => s.name).join(", ")}.
          {page.byRequest.length > 0 && !page.forClient ? (
            <>
              {" "}
              <Link to={`/requests/new?serviceId=${page.byRequest[0]}`}>Ask an instructor for a session</Link>
            </>
          ) : null}
        </p>
      ) : null}
      <Link className="card pick-card pick-classes" to={href("/schedule", { clientId })}>
        <span className="pick-name">Group classes</span>
        <span className="muted">See the timetable and book a place in a class.</span>
      </Link>
    </>
  );
}

// A choice marked data-submit-on-change applies at once with JavaScript (components/page-scripts.tsx);
// without it the Show times button does the same.
function ChooseTime({ page }: { page: TimePage }) {
  const clientId = page.clientId ?? undefined;
  const day = (date: string, instructorId = page.instructorId) =>
    href("/book", { clientId, serviceId: page.service.id, locationId: page.location.id, instructorId, date });
  const confirm = (startsAt: string) =>
    href("/book/confirm", {
      serviceId: page.service.id,
      locationId: page.location.id,
      startsAt,
      instructorId: page.instructorId,
      clientId,
    });
  return (
    <>
      <BookingSteps current={1} back={{ 0: href("/book", { clientId }) }} />
      <div className="chosen">
        <h2>{page.service.name}</h2>
        <p className="muted">
          {page.service.minutes} min · {page.service.price}
        </p>
      </div>
      <RefusalAlert refusal={page.refusal} />
      {!page.bookable ? (
        <p className="alert alert-warn">
          {page.forClient
            ? "Your account cannot book this session for a client here."
            : "This session is booked by your instructor or the studio. Please ask them."}
        </p>
      ) : page.refusal ? null : (
        <>
          <Form method="get" className="slot-controls" aria-label="Choose a day">
            {clientId ? <input type="hidden" name="clientId" value={clientId} /> : null}
            <input type="hidden" name="serviceId" value={page.service.id} />
            {page.locations.length > 1 ? (
              <div className="field">
                <label htmlFor="book-location">Location</label>
                <select id="book-location" name="locationId" defaultValue={page.location.id} data-submit-on-change>
                  {page.locations.map((l) => (
                    <option key={l.id} value={l.id}>
                      {l.name}
                    </option>
                  ))}
                </select>
              </div>
            ) : (
              <input type="hidden" name="locationId" value={page.location.id} />
            )}
            <div className="field">
              <label htmlFor="book-instructor">Instructor</label>
              <select
                id="book-instructor"
                name="instructorId"
                defaultValue={page.instructorId}
                key={page.instructorId}
                data-submit-on-change
              >
                <option value="">Any available</option>
                {page.instructors.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="book-date">Date</label>
              <input
                id="book-date"
                type="date"
                name="date"
                min={page.today}
                defaultValue={page.date}
                key={page.date}
                data-submit-on-change
              />
            </div>
            <button type="submit">Show times</button>
          </Form>
          <nav className="day-nav" aria-label="Days">
            {page.previous ? (
              <Link to={day(page.previous)} rel="prev">
                ← Previous day
              </Link>
            ) : (
              <span className="muted">Today</span>
            )}
            <Link to={day(page.next)} rel="next">
              Next day →
            </Link>
          </nav>
          <h3 className="slot-day">
            {page.heading} <span className="muted">at {page.location.name}</span>
          </h3>
          {page.slots.length > 0 ? (
            <SlotGroups slots={page.slots} link={confirm} day={page.heading} />
          ) : (
            <div className="panel empty">
              <p>
                No free times on {page.heading}
                {page.nextFree ? (
                  <>
                    {" "}
                    — <Link to={day(page.nextFree.date)}>try {page.nextFree.name}</Link>
                  </>
                ) : (
                  "."
                )}
              </p>
              {page.nextFree ? null : (
                <p className="muted">
                  Nothing is free in the next two weeks
                  {page.instructorId ? (
                    <>
                      {" "}
                      with this instructor: <Link to={day(page.date, "")}>try anyone</Link>
                    </>
                  ) : null}
                  .
                </p>
              )}
            </div>
          )}
          {page.offHours.length > 0 ? (
            <section className="off-hours" aria-labelledby="off-hours-title">
              <h3 id="off-hours-title" className="slot-day">
                Outside published hours
              </h3>
              <p className="muted">Free, but outside the instructor's or the location's hours: you confirm first.</p>
              <SlotGroups slots={page.offHours} link={confirm} day={page.heading} />
            </section>
          ) : null}
        </>
      )}
    </>
  );
}
