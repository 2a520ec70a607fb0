import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DayItemRow } from "~/components/day-item-row";
import { withPageErrors } from "~/http.server";
import { toDayRow } from "~/route-handlers/day-rows";
import { staffCalendar } from "~/services/booking/day-views.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { frontDeskPlace } from "~/services/schedule/calendar-place.server";
import { CalendarQuerySchema, readQuery } from "~/services/schedule/queries.schema";

export const meta: MetaFunction = () => [{ title: "Calendar" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const place = await frontDeskPlace(request, tenant, actor);
    const query = readQuery(CalendarQuerySchema, new URL(request.url).searchParams);
    const calendar = await staffCalendar(tenant, actor, place.locationIds, query);
    return {
      ...calendar,
      place: place.name,
      days: calendar.days.map((day) => ({
        date: day.date,
        label: day.label,
        items: day.items.map((item) => toDayRow(item, calendar.severalLocations)),
      })),
    };
  });
}

const VIEWS = { day: "Day", week: "Week", month: "Month" } as const;
const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

const counted = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);

/** "2 classes, 1 session, 1 cancelled": a month cell's day in a few words. */
function monthCount(day: { classes: number; sessions: number; cancelled: number }) {
  const parts = [
    day.classes ? counted(day.classes, "class", "classes") : null,
    day.sessions ? counted(day.sessions, "session", "sessions") : null,
    day.cancelled ? `${day.cancelled} cancelled` : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : "Nothing booked";
}

export default function Calendar() {
  const c = useLoaderData<typeof loader>();
  const to = (view: string, date: string) => `/calendar?view=${view}&date=${date}`;
  const unit = c.view === "day" ? "day" : c.view;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Calendar</h1>
          <p className="muted">At {c.place}</p>
        </div>
      </div>
      <nav className="view-tabs" aria-label="View">
        {(Object.keys(VIEWS) as (keyof typeof VIEWS)[]).map((view) =>
          view === c.view ? (
            <span key={view} aria-current="page">
              {VIEWS[view]}
            </span>
          ) : (
            <Link key={view} to={to(view, c.date)}>
              {VIEWS[view]}
            </Link>
          ),
        )}
      </nav>
      <nav className="day-nav" aria-label="Dates">
        <Link to={to(c.view, c.previous)} rel="prev">
          Previous {unit}
        </Link>
        <Link to={to(c.view, c.today)}>{c.view === "day" ? "Today" : `This ${unit}`}</Link>
        <Link to={to(c.view, c.next)} rel="next">
          Next {unit}
        </Link>
      </nav>
      <h2>{c.heading}</h2>
      {c.view === "month" ? (
        <ol className="month-grid">
          {WEEKDAYS.map((day) => (
            <li key={day} className="month-weekday" aria-hidden="true">
              {day}
            </li>
          ))}
          {c.weeks.flat().map((day) => (
            <li
              key={day.date}
              className={`month-day${day.inMonth ? "" : " other-month"}${day.classes + day.cancelled + day.sessions === 0 ? " no-classes" : ""}${day.date === c.today ? " is-today" : ""}`}
            >
              <Link to={to("day", day.date)} aria-label={day.label}>
                <span className="month-date">
                  <span className="month-label">{day.label}</span>
                  <span className="month-number" aria-hidden="true">
                    {day.dayOfMonth}
                  </span>
                </span>
                <span className="month-count">{monthCount(day)}</span>
              </Link>
            </li>
          ))}
        </ol>
      ) : (
        c.days.map((day) => (
          <section key={day.date} className="schedule-day" aria-labelledby={`day-${day.date}`}>
            <h3 id={`day-${day.date}`} className={c.view === "day" ? "visually-hidden" : undefined}>
              <Link to={to("day", day.date)}>{day.label}</Link>
            </h3>
            {day.items.length > 0 ? (
              <ol className="class-list">
                {day.items.map((row) => (
                  <DayItemRow key={row.id} row={row} />
                ))}
              </ol>
            ) : (
              <p className="muted">No classes or sessions.</p>
            )}
          </section>
        ))
      )}
    </>
  );
}
