import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DayItemRow } from "~/components/day-item-row";
import { withPageErrors } from "~/http.server";
import { toDayRow } from "~/route-handlers/day-rows";
import { frontDeskToday } from "~/services/booking/day-views.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { frontDeskPlace } from "~/services/schedule/calendar-place.server";

export const meta: MetaFunction = () => [{ title: "Today" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const place = await frontDeskPlace(request, tenant, actor);
    const today = await frontDeskToday(tenant, actor, place.locationIds);
    return {
      heading: today.heading,
      place: place.name,
      items: today.items.map((item) => ({ ...toDayRow(item, today.severalLocations), state: item.state })),
    };
  });
}

const NOTES = { on: "On now", next: "Next", over: null, later: null } as const;

export default function Today() {
  const { heading, place, items } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Today</h1>
          <p className="muted">
            {heading} at {place}
          </p>
        </div>
        <div className="actions">
          <Link to="/desk">Front desk</Link>
          <Link to="/bookings">Today's bookings</Link>
        </div>
      </div>
      {items.length > 0 ? (
        <ol className="class-list">
          {items.map(({ state, ...row }) => (
            <DayItemRow key={row.id} row={row} className={`is-${state}`} note={NOTES[state]} />
          ))}
        </ol>
      ) : (
        <p className="panel">No classes or sessions today.</p>
      )}
    </>
  );
}
