import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ClassRow } from "~/components/class-row";
import { withPageErrors } from "~/http.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { frontDeskPlace } from "~/services/schedule/calendar-place.server";
import { frontDeskToday } from "~/services/schedule/calendar-views.server";

export const meta: MetaFunction = () => [{ title: "Today" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const place = await frontDeskPlace(request, tenant, actor);
    const today = await frontDeskToday(tenant, actor, place.locationIds);
    return {
      heading: today.heading,
      place: place.name,
      classes: today.classes.map((c) => ({
        id: c.id,
        time: c.time,
        endTime: c.endTime,
        name: c.name,
        details: [c.instructor, today.severalLocations ? c.location : null].filter(Boolean).join(" · "),
        spotsLeft: c.spotsLeft,
        cancelled: c.cancelled,
        state: c.state,
      })),
    };
  });
}

const NOTES = { on: "On now", next: "Next", over: null, later: null } as const;

export default function Today() {
  const { heading, place, classes } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Today</h1>
          <p className="muted">
            {heading} at {place}
          </p>
        </div>
        <Link to="/bookings">Today's bookings</Link>
      </div>
      {classes.length > 0 ? (
        <ol className="class-list">
          {classes.map(({ state, ...c }) => (
            <ClassRow key={c.id} {...c} className={`is-${state}`} note={NOTES[state]} />
          ))}
        </ol>
      ) : (
        <p className="panel">No classes today.</p>
      )}
    </>
  );
}
