import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { withPageErrors } from "~/http.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { instructorQueue, studioQueue } from "~/services/requests/views.server";

export const meta: MetaFunction = () => [{ title: "Session requests" }];

/**
 * The open booking requests: the owner's and managers' at their locations, escalated ones first
 * and highlighted; an instructor's own queue (theirs and "any" where they teach).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const studio = actor.role === "org_owner" || actor.role === "location_manager";
    return { requests: studio ? await studioQueue(tenant, actor) : await instructorQueue(tenant, actor) };
  });
}

export default function RequestQueue() {
  const { requests } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">Session requests</h1>
      {requests.length === 0 ? (
        <p className="panel">No requests are waiting.</p>
      ) : (
        <ul className="cards">
          {requests.map((r) => (
            <li key={r.id} className={r.escalated ? "card request-escalated" : "card"}>
              <h2>
                <Link to={`/requests/${r.id}`}>
                  {r.clientName}: {r.serviceName}
                </Link>
              </h2>
              {r.escalated ? <p className="request-flag">Escalated: unanswered too long</p> : null}
              <p>
                {r.statusText} · {r.instructorName} · {r.locationName}
              </p>
              <p className="muted">Preferred: {r.preferredTimes.map((t) => t.text).join("; ")}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
