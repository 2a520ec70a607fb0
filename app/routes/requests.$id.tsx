import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { requireId } from "~/services/identity/api.server";
import { localTimeToInstant } from "~/services/requests/create.server";
import { type RequestAnswer, respondToRequest } from "~/services/requests/respond.server";
import { RespondFormSchema } from "~/services/requests/schema";
import { requestPage } from "~/services/requests/views.server";
import { Refused } from "~/services/shared/errors";

export const meta: MetaFunction = () => [{ title: "Session request" }];

/** One booking request for the instructor or the studio to answer: accept, propose, decline, reassign. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const page = await requestPage(tenant, actor, requireId(params.id));
    return { ...page, idempotencyKey: crypto.randomUUID() };
  });
}

type Intent = "accept" | "propose" | "decline" | "reassign";

export async function action({ request, params }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const id = requireId(params.id);
    const form = Object.fromEntries(await readForm(request));
    const intent = (typeof form.intent === "string" ? form.intent : "accept") as Intent;
    const parsed = RespondFormSchema.safeParse(Object.fromEntries(Object.entries(form).filter(([, v]) => v !== "")));
    if (!parsed.success)
      return data({ intent, message: parsed.error.issues[0]?.message ?? "Check the form." }, { status: 400 });
    const value = parsed.data;
    let answer: RequestAnswer;
    let key: string | undefined;
    if (value.intent === "propose") {
      const { zone } = await requestPage(tenant, actor, id);
      const startsAt = localTimeToInstant(value.startLocal, zone);
      if (!startsAt) return data({ intent, message: "That time does not exist on the clock there." }, { status: 400 });
      answer = { action: "propose", startsAt, instructorId: value.instructorId, note: value.note };
    } else if (value.intent === "accept") {
      answer = { action: "accept", startsAt: value.startTime, instructorId: value.instructorId };
      key = value.idempotencyKey;
    } else if (value.intent === "decline") answer = { action: "decline", reason: value.reason };
    else answer = { action: "reassign", instructorId: value.instructorId };
    try {
      await respondToRequest(tenant, actor, id, answer, { idempotencyKey: key });
    } catch (error) {
      // The engine's or the request's "no" (taken since, no credit, answered meanwhile): shown by
      // the form it answers, and the request stays as it was.
      if (error instanceof Refused) return data({ intent, message: error.message }, { status: error.status });
      throw error;
    }
    return redirect(`/requests/${id}?done=${value.intent}`);
  });
}

function Refusal({ intent, shown }: { intent: Intent; shown: { intent: Intent; message: string } | undefined }) {
  if (shown?.intent !== intent) return null;
  return (
    <p className="alert alert-error" role="alert">
      {shown.message}
    </p>
  );
}

export default function RequestPage() {
  const page = useLoaderData<typeof loader>();
  const shown = useActionData<typeof action>();
  const r = page.request;
  const chooseInstructor = page.role === "manager";
  const instructorSelect = (id: string) => (
    <div className="field">
      <label htmlFor={id}>Instructor</label>
      <select id={id} name="instructorId" defaultValue={r.instructorId ?? undefined}>
        {page.instructors.map((i) => (
          <option key={i.id} value={i.id}>
            {i.name}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <section className="narrow" aria-labelledby="request-title">
      <p className="crumbs">
        <Link to="/requests/queue">Requests</Link>
      </p>
      <h1 id="request-title">
        {r.clientName}: {r.serviceName}
      </h1>
      {r.escalated ? (
        <p className="alert alert-warn" role="status">
          Escalated: nobody answered this request in time.
        </p>
      ) : null}
      <div className="panel">
        <dl className="facts">
          <dt>Status</dt>
          <dd>{r.statusText}</dd>
          <dt>Where</dt>
          <dd>{r.locationName}</dd>
          <dt>Asked of</dt>
          <dd>{r.instructorName}</dd>
          <dt>Preferred times</dt>
          <dd>{r.preferredTimes.map((t) => t.text).join("; ")}</dd>
          {r.notes ? (
            <>
              <dt>Note</dt>
              <dd>{r.notes}</dd>
            </>
          ) : null}
          {r.proposed ? (
            <>
              <dt>Proposed</dt>
              <dd>
                {r.proposed.text} with {r.proposed.instructorName}
              </dd>
            </>
          ) : null}
          {r.responseNote ? (
            <>
              <dt>Answer</dt>
              <dd>{r.responseNote}</dd>
            </>
          ) : null}
          <dt>Expires</dt>
          <dd>{r.expiresText}</dd>
        </dl>
        {r.bookingId ? (
          <p>
            <Link to={`/bookings/${r.bookingId}`}>See the booking</Link>
          </p>
        ) : null}
      </div>
      {page.mayAnswer ? (
        <>
          <Form method="post" className="stack panel" aria-labelledby="accept-title">
            <h2 id="accept-title">Accept a time</h2>
            <Refusal intent="accept" shown={shown} />
            <input type="hidden" name="intent" value="accept" />
            <input type="hidden" name="idempotencyKey" value={page.idempotencyKey} />
            <fieldset className="field">
              <legend>Which time?</legend>
              {r.preferredTimes.map((t, i) => (
                <label key={t.startTime} className="choice">
                  <input type="radio" name="startTime" value={t.startTime} defaultChecked={i === 0} /> {t.text}
                </label>
              ))}
            </fieldset>
            {chooseInstructor ? instructorSelect("accept-instructor") : null}
            <button type="submit">Accept and book</button>
          </Form>
          <Form method="post" className="stack panel" aria-labelledby="propose-title">
            <h2 id="propose-title">Propose another time</h2>
            <Refusal intent="propose" shown={shown} />
            <input type="hidden" name="intent" value="propose" />
            <div className="field">
              <label htmlFor="startLocal">Time ({r.locationName} clock)</label>
              <input id="startLocal" type="datetime-local" name="startLocal" required />
            </div>
            {chooseInstructor ? instructorSelect("propose-instructor") : null}
            <div className="field">
              <label htmlFor="note">Note to the client (optional)</label>
              <textarea id="note" name="note" rows={2} maxLength={500} />
            </div>
            <button type="submit">Propose this time</button>
          </Form>
          <Form method="post" className="stack panel" aria-labelledby="decline-title">
            <h2 id="decline-title">Decline</h2>
            <Refusal intent="decline" shown={shown} />
            <input type="hidden" name="intent" value="decline" />
            <div className="field">
              <label htmlFor="reason">Reason (the client sees it)</label>
              <textarea id="reason" name="reason" rows={2} maxLength={500} required />
            </div>
            <button type="submit" className="secondary">
              Decline the request
            </button>
          </Form>
        </>
      ) : null}
      {page.mayReassign ? (
        <Form method="post" className="stack panel" aria-labelledby="reassign-title">
          <h2 id="reassign-title">Reassign</h2>
          <Refusal intent="reassign" shown={shown} />
          <input type="hidden" name="intent" value="reassign" />
          {instructorSelect("reassign-instructor")}
          <button type="submit" className="secondary">
            Hand it to this instructor
          </button>
        </Form>
      ) : null}
    </section>
  );
}
