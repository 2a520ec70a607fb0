import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ClassRow } from "~/components/class-row";
import { withPageErrors } from "~/http.server";
import { teachingSchedule } from "~/services/booking/teaching.server";
import { requireStudioActor } from "~/services/identity/actor.server";
import { instructorQueue } from "~/services/requests/views.server";
import { readQuery, TeachingQuerySchema } from "~/services/schedule/queries.schema";

export const meta: MetaFunction = () => [{ title: "My teaching" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const schedule = await teachingSchedule(
      tenant,
      actor,
      readQuery(TeachingQuerySchema, new URL(request.url).searchParams),
    );
    // Booking requests waiting on them: theirs, and "any" where they teach.
    const requests = actor.role === "client" ? [] : await instructorQueue(tenant, actor, ["pending"]);
    return {
      ...schedule,
      requests: requests.map((r) => ({
        id: r.id,
        client: r.clientName,
        name: r.serviceName,
        location: r.locationName,
      })),
      days: schedule.days.map((day) => ({
        ...day,
        items: day.items.map((i) => ({
          kind: i.kind,
          id: i.id,
          time: i.time,
          endTime: i.endTime,
          name: i.name,
          location: i.location,
          minutes: i.minutes,
          cancelled: i.cancelled,
          travel: i.travel,
          // Classes: places taken of all; sessions: who is coming.
          booked: i.kind === "class" ? i.booked : 0,
          capacity: i.kind === "class" ? i.capacity : 1,
          client: i.kind === "session" ? i.client : null,
          pending: i.kind === "session" && i.status === "pending",
        })),
      })),
    };
  });
}

type Schedule = ReturnType<typeof useLoaderData<typeof loader>>;

function link(s: Schedule, changes: { view?: string; date?: string }) {
  const params = new URLSearchParams({ view: changes.view ?? s.view, date: changes.date ?? s.date });
  if (s.locationId) params.set("locationId", s.locationId);
  return `/teaching?${params}`;
}

function TravelNote({ travel }: { travel: NonNullable<Schedule["days"][number]["items"][number]["travel"]> }) {
  const gap = `${travel.gapMinutes} min after ${travel.from}`;
  if (travel.travelMinutes === null) return <>{gap}; no travel time is set between them.</>;
  return (
    <span className={travel.tight ? "travel-tight" : undefined}>
      {travel.tight ? <strong>Tight: </strong> : null}
      {gap}; the journey takes {travel.travelMinutes} min.
    </span>
  );
}

export default function Teaching() {
  const s = useLoaderData<typeof loader>();
  const unit = s.view === "week" ? "week" : "day";
  const empty = s.days.every((d) => d.items.length === 0);
  return (
    <>
      <h1>My teaching</h1>
      <nav className="view-tabs" aria-label="View">
        {(["day", "week"] as const).map((view) =>
          view === s.view ? (
            <span key={view} aria-current="page">
              {view === "day" ? "Day" : "Week"}
            </span>
          ) : (
            <Link key={view} to={link(s, { view })}>
              {view === "day" ? "Day" : "Week"}
            </Link>
          ),
        )}
      </nav>
      {s.locations.length > 1 ? (
        <Form method="get" className="inline-filter">
          <input type="hidden" name="view" value={s.view} />
          <input type="hidden" name="date" value={s.date} />
          <label htmlFor="teaching-location">Location</label>
          <select
            id="teaching-location"
            name="locationId"
            defaultValue={s.locationId}
            onChange={(event) => event.currentTarget.form?.requestSubmit()}
          >
            <option value="">All my locations</option>
            {s.locations.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
          <button type="submit">Show</button>
        </Form>
      ) : null}
      <nav className="day-nav" aria-label={unit === "week" ? "Weeks" : "Days"}>
        <Link to={link(s, { date: s.previous })} rel="prev">
          Previous {unit}
        </Link>
        <Link to={link(s, { date: s.today })}>{unit === "week" ? "This week" : "Today"}</Link>
        <Link to={link(s, { date: s.next })} rel="next">
          Next {unit}
        </Link>
      </nav>
      {s.pending.length > 0 ? (
        <section className="panel pending" aria-labelledby="pending-title">
          <h2 id="pending-title">Waiting for you to confirm</h2>
          <ul className="pending-list">
            {s.pending.map((p) => (
              <li key={p.id}>
                <Link to={`/bookings/${p.id}`}>
                  {p.client} · {p.name}
                </Link>{" "}
                <span className="muted">
                  {p.when} · {p.location}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {s.requests.length > 0 ? (
        <section className="panel pending" aria-labelledby="requests-title">
          <h2 id="requests-title">Session requests</h2>
          <ul className="pending-list">
            {s.requests.map((r) => (
              <li key={r.id}>
                <Link to={`/requests/${r.id}`}>
                  {r.client} · {r.name}
                </Link>{" "}
                <span className="muted">{r.location}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <h2>{s.heading}</h2>
      {empty ? (
        <p className="panel">You are not teaching anything {unit === "week" ? "this week" : "on this day"}.</p>
      ) : null}
      {s.days
        .filter((day) => day.items.length > 0)
        .map((day) => (
          <section key={day.date} className="schedule-day" aria-labelledby={`day-${day.date}`}>
            <h3 id={`day-${day.date}`} className={s.view === "day" ? "visually-hidden" : undefined}>
              {day.label}
            </h3>
            {day.atTwoLocations ? <p className="badge badge-warn">At two locations</p> : null}
            <ol className="class-list">
              {day.items.map((item) =>
                item.kind === "class" ? (
                  <ClassRow
                    key={item.id}
                    {...item}
                    spotsLeft={item.capacity - item.booked}
                    details={`${item.location} · ${item.minutes} min`}
                    href={`/schedule/${item.id}#roster`}
                    aside={item.cancelled ? undefined : `${item.booked}/${item.capacity} booked`}
                    note={item.travel ? <TravelNote travel={item.travel} /> : null}
                  />
                ) : (
                  <ClassRow
                    key={item.id}
                    {...item}
                    className="is-session"
                    spotsLeft={0}
                    name={item.client ?? item.name}
                    details={`${item.name} · ${item.location} · ${item.minutes} min`}
                    href={`/bookings/${item.id}`}
                    aside={item.pending ? <span className="badge badge-warn">Pending</span> : "1:1"}
                    note={item.travel ? <TravelNote travel={item.travel} /> : null}
                  />
                ),
              )}
            </ol>
          </section>
        ))}
    </>
  );
}
