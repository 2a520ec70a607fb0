import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { RefusalAlert } from "~/components/booking-bits";
import { ClassRow } from "~/components/class-row";
import { CLIENT_PAGE } from "~/components/page-scripts";
import { withPageErrors } from "~/http.server";
import { classClientFor, ownBookingRefusal } from "~/services/booking/pages.server";
import { findSignedInUser } from "~/services/identity/auth.server";
import { ClassesQuerySchema, readQuery } from "~/services/schedule/queries.schema";
import { daySchedule } from "~/services/schedule/timetable.server";
import { requireTenant } from "~/services/tenancy/tenant.server";

export const handle = CLIENT_PAGE;

export const meta: MetaFunction = () => [{ title: "Classes" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const tenant = await requireTenant(request);
    const params = new URL(request.url).searchParams;
    const [day, user] = await Promise.all([
      daySchedule(tenant, readQuery(ClassesQuerySchema, params), new Date(), "bookable"),
      findSignedInUser(request, tenant),
    ]);
    const [forClient, refusal] = await Promise.all([
      classClientFor(tenant, user ?? null, params.get("clientId")),
      ownBookingRefusal(tenant, user ?? null),
    ]);
    // Only what the page renders: this page is read on phones, often on slow connections.
    return {
      ...day,
      forClient,
      refusal,
      location: { id: day.location.id, name: day.location.name },
      classes: day.classes.map((c) => ({
        id: c.id,
        time: c.time,
        endTime: c.endTime,
        minutes: c.minutes,
        name: c.name,
        instructor: c.instructor,
        spotsLeft: c.spotsLeft,
        cancelled: c.cancelled,
        started: c.started,
      })),
    };
  });
}

type Day = ReturnType<typeof useLoaderData<typeof loader>>;

function dayLink(day: Day, date: string) {
  const params = new URLSearchParams({ locationId: day.location.id, date });
  if (day.filter.serviceId) params.set("serviceId", day.filter.serviceId);
  if (day.filter.instructorId) params.set("instructorId", day.filter.instructorId);
  if (day.forClient) params.set("clientId", day.forClient.id);
  return `/schedule?${params}`;
}

// A choice marked data-submit-on-change applies at once with JavaScript (components/page-scripts.tsx);
// without it the Show button does the same.
export default function Schedule() {
  const day = useLoaderData<typeof loader>();
  const filtered = Boolean(day.filter.serviceId || day.filter.instructorId);
  return (
    <>
      <h1>Classes</h1>
      <RefusalAlert refusal={day.refusal} />
      {day.forClient ? (
        <p className="alert alert-info" role="status">
          Booking for <strong>{day.forClient.name}</strong>: choose a class.{" "}
          <Link to={`/clients/${day.forClient.id}`}>Back to {day.forClient.name}</Link>
        </p>
      ) : null}
      <Form method="get" className="schedule-controls" aria-label="Choose classes">
        {day.forClient ? <input type="hidden" name="clientId" value={day.forClient.id} /> : null}
        <div className="field">
          <label htmlFor="schedule-location">Location</label>
          <select id="schedule-location" name="locationId" defaultValue={day.location.id} data-submit-on-change>
            {day.locations.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="schedule-date">Date</label>
          <input id="schedule-date" type="date" name="date" defaultValue={day.date} key={day.date} />
        </div>
        <div className="field">
          <label htmlFor="schedule-service">Class</label>
          <select id="schedule-service" name="serviceId" defaultValue={day.filter.serviceId} data-submit-on-change>
            <option value="">All classes</option>
            {day.services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="schedule-instructor">Instructor</label>
          <select
            id="schedule-instructor"
            name="instructorId"
            defaultValue={day.filter.instructorId}
            data-submit-on-change
          >
            <option value="">All instructors</option>
            {day.instructors.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Show</button>
      </Form>
      <nav className="day-nav" aria-label="Days">
        <Link to={dayLink(day, day.previous)} rel="prev">
          Previous day
        </Link>
        {day.date === day.today ? (
          <span aria-current="date">Today</span>
        ) : (
          <Link to={dayLink(day, day.today)}>Today</Link>
        )}
        <Link to={dayLink(day, day.next)} rel="next">
          Next day
        </Link>
      </nav>
      {day.openedLater ? (
        <p className="alert alert-info" role="status">
          Nothing left today — showing {day.heading}
        </p>
      ) : null}
      <h2>
        {day.heading} <span className="muted">at {day.location.name}</span>
      </h2>
      {day.classes.length > 0 ? (
        <ol className="class-list">
          {day.classes.map((c) => (
            <ClassRow
              key={c.id}
              {...c}
              details={`${c.instructor} · ${c.minutes} min`}
              // A full class still open takes a waitlist: the row says so and leads to it.
              aside={c.spotsLeft <= 0 && !c.cancelled && !c.started ? "Full · join the waitlist" : undefined}
              href={day.forClient ? `/schedule/${c.id}?clientId=${day.forClient.id}` : undefined}
            />
          ))}
        </ol>
      ) : (
        <div className="panel">
          <p>{filtered ? "No classes match your choice on this day." : "No classes on this day."}</p>
          {day.nextWithClasses ? (
            <p>
              <Link to={dayLink(day, day.nextWithClasses.date)}>Next classes: {day.nextWithClasses.label}</Link>
            </p>
          ) : (
            <p className="muted">Nothing is scheduled after this day yet.</p>
          )}
          {filtered ? (
            <p>
              <Link to={`/schedule?locationId=${day.location.id}&date=${day.date}`}>Show all classes</Link>
            </p>
          ) : null}
        </div>
      )}
    </>
  );
}
