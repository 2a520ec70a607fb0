import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { spotsText } from "~/components/class-row";
import { withPageErrors } from "~/http.server";
import { requireId } from "~/services/api.server";
import { findSignedInUser } from "~/services/auth.server";
import { classDetail } from "~/services/schedule.server";
import { requireTenant } from "~/services/tenant.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? data.name : "Class" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const tenant = await requireTenant(request);
    const id = requireId(params.occurrenceId);
    const [detail, user] = await Promise.all([classDetail(tenant, id), findSignedInUser(request, tenant)]);
    const { startsAt, endsAt, ...shown } = detail;
    return { ...shown, signedIn: Boolean(user) };
  });
}

export default function ClassDetail() {
  const c = useLoaderData<typeof loader>();
  const scheduleLink = `/schedule?locationId=${c.location.id}&date=${c.date}`;
  return (
    <article className="class-detail">
      <p className="crumbs">
        <Link to={scheduleLink}>All classes that day</Link>
      </p>
      <h1>{c.name}</h1>
      {c.cancelled ? (
        <div className="alert alert-warn" role="status">
          <p>
            <strong>This class is cancelled.</strong>
            {c.cancelReason ? ` ${c.cancelReason}` : null}
          </p>
        </div>
      ) : null}
      {c.description ? <p className="lead">{c.description}</p> : null}
      <dl className="facts">
        <dt>When</dt>
        <dd>
          {c.dateLabel}, {c.time}–{c.endTime}
        </dd>
        <dt>Length</dt>
        <dd>{c.minutes} minutes</dd>
        <dt>Where</dt>
        <dd>
          {c.location.name}
          <br />
          <span className="muted">{c.location.address}</span>
        </dd>
        <dt>Instructor</dt>
        <dd>
          {c.instructor.name}
          {c.coveringFor ? <span className="muted"> (covering for {c.coveringFor})</span> : null}
        </dd>
        <dt>Places</dt>
        <dd>
          {spotsText(c.spotsLeft, c.cancelled)}
          {c.cancelled ? null : <span className="muted"> of {c.capacity}</span>}
        </dd>
      </dl>
      {c.cancelled || c.started ? null : c.signedIn ? (
        <p className="panel">Ask at the front desk or call the studio to book for now.</p>
      ) : (
        <p>
          <Link className="button" to={`/login?redirectTo=/schedule/${c.id}`}>
            Sign in to book
          </Link>
        </p>
      )}
      {c.started && !c.cancelled ? <p className="muted">This class has already started.</p> : null}
    </article>
  );
}
