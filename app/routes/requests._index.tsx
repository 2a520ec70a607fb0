import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CLIENT_PAGE } from "~/components/page-scripts";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { requireStudioActor } from "~/services/identity/actor.server";
import { withdrawBookingRequest } from "~/services/requests/create.server";
import { WithdrawFormSchema } from "~/services/requests/schema";
import { listRequestsFor } from "~/services/requests/views.server";
import { Refused } from "~/services/shared/errors";

export const handle = CLIENT_PAGE;

export const meta: MetaFunction = () => [{ title: "My session requests" }];

/** A client's booking requests and where each stands; staff have their queue instead. */
export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    if (actor.role !== "client") throw redirect("/requests/queue");
    const asked = new URL(request.url).searchParams.has("asked");
    return { requests: await listRequestsFor(tenant, actor), asked };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const parsed = WithdrawFormSchema.safeParse(Object.fromEntries(await readForm(request)));
    if (!parsed.success) return data({ refusal: "This form could not be read. Reload the page." }, { status: 400 });
    try {
      await withdrawBookingRequest(tenant, actor, parsed.data.requestId);
    } catch (error) {
      if (error instanceof Refused) return data({ refusal: error.message }, { status: error.status });
      throw error;
    }
    return redirect("/requests");
  });
}

export default function MyRequests() {
  const { requests, asked } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="narrow" aria-labelledby="requests-title">
      <h1 id="requests-title">My session requests</h1>
      {asked ? (
        <p className="alert alert-ok" role="status">
          Your request is sent. Your instructor will accept a time, propose another or let you know.
        </p>
      ) : null}
      {actionData?.refusal ? (
        <p className="alert alert-error" role="alert">
          {actionData.refusal}
        </p>
      ) : null}
      <p>
        <Link className="button" to="/requests/new">
          Ask for a session
        </Link>
      </p>
      {requests.length === 0 ? (
        <p className="panel">You have not asked for any sessions yet.</p>
      ) : (
        <ul className="cards">
          {requests.map((r) => (
            <li key={r.id} className="card">
              <h2>
                {r.serviceName} <span className="muted">at {r.locationName}</span>
              </h2>
              <p>
                <strong>{r.statusText}</strong> · with {r.instructorName}
              </p>
              <p className="muted">You asked for: {r.preferredTimes.map((t) => t.text).join("; ")}</p>
              {r.status === "proposed" && r.proposed ? (
                <p>
                  Proposed instead: {r.proposed.text}. Use the link in the message we sent you to accept or decline it.
                </p>
              ) : null}
              {r.status === "declined" && r.responseNote ? <p>Reason: {r.responseNote}</p> : null}
              {r.bookingId ? (
                <p>
                  <Link to={`/bookings/${r.bookingId}`}>See the booking</Link>
                </p>
              ) : null}
              {r.status === "pending" || r.status === "proposed" ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="withdraw" />
                  <input type="hidden" name="requestId" value={r.id} />
                  <button type="submit" className="secondary">
                    Withdraw this request
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
