import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { endClassSeries } from "~/services/booking/class-cancellation.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { repeatLabel, WEEKDAYS } from "~/services/schedule/class-series.schema";
import { listClassSeriesFor } from "~/services/schedule/class-series-admin.server";
import { NotFound } from "~/services/shared/errors";
import { locationContext, locationScope } from "~/services/studio/location-context.server";

export const meta: MetaFunction = () => [{ title: "Class timetable" }];

const EndSchema = z.object({ seriesId: z.string().uuid() });

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const context = await locationContext(request, tenant, actor);
    const series = await listClassSeriesFor(tenant, actor, locationScope(context));
    const params = new URL(request.url).searchParams;
    return { series, ended: params.get("ended") === "1", scheduled: params.get("scheduled") === "1" };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const submission = parseWithZod(await readForm(request), { schema: EndSchema });
    // Only a tampered form sends no series id: nothing by that name.
    if (submission.status !== "success") throw new NotFound("Class not found");
    await endClassSeries(tenant, actor, submission.value.seriesId);
    return redirect("/classes?ended=1");
  });
}

const dayName = (weekday: number) => WEEKDAYS.find((d) => d.value === weekday)?.label ?? "";
const dateText = (date: string) =>
  new Date(`${date}T12:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });

export default function Classes() {
  const { series, ended, scheduled } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <h1>Class timetable</h1>
        <Link className="button" to="/classes/new">
          Schedule a class
        </Link>
      </div>
      {scheduled ? (
        <p className="alert alert-ok" role="status">
          The class is scheduled for the next twelve weeks, and keeps being planned ahead every night.
        </p>
      ) : null}
      {ended ? (
        <p className="alert alert-ok" role="status">
          The series has ended. Its classes from now on are cancelled.
        </p>
      ) : null}
      {series.length === 0 ? <p className="muted">No recurring classes here yet.</p> : null}
      <ul className="cards class-series-list">
        {series.map((s) => (
          <li key={s.id} className="card">
            <h2>{s.serviceName}</h2>
            <p className="class-when">
              {dayName(s.weekday)}s {s.startTime}–{s.endTime} · {repeatLabel(s.intervalWeeks)}
            </p>
            <p className="muted">
              {s.locationName} · with {s.instructorName} · from {dateText(s.validFrom)}
              {s.validUntil ? ` until ${dateText(s.validUntil)}` : ""}
            </p>
            {s.upcoming.length ? (
              <>
                <h3>Next classes</h3>
                <ul className="occurrence-list">
                  {s.upcoming.map((o) => (
                    <li key={o.id}>
                      <span>
                        {o.when}
                        {o.covering ? ` · ${o.instructorName} covers` : ""}
                      </span>
                      {o.cancelled ? (
                        <span className="badge badge-warn">Cancelled</span>
                      ) : o.canChange ? (
                        <span className="actions">
                          <Link to={`/classes/${o.id}/substitute`} aria-label={`Find cover for ${o.when}`}>
                            Cover
                          </Link>
                          <Link to={`/classes/${o.id}/cancel`} aria-label={`Cancel ${o.when}`}>
                            Cancel
                          </Link>
                        </span>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {s.canChange ? (
              <Form method="post">
                <input type="hidden" name="seriesId" value={s.id} />
                <button type="submit" className="secondary">
                  End this series <span className="visually-hidden">({s.serviceName})</span>
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
