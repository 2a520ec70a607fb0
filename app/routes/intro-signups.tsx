import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { IntroCancelSchema, IntroMatchSchema } from "~/services/intro/intro.schema";
import { cancelIntro, introQueue, matchIntro } from "~/services/intro/queue.server";
import { Refused } from "~/services/shared/errors";

export const meta: MetaFunction = () => [{ title: "Intro sign-ups" }];

const NOTICES: Record<string, string> = {
  matched: "Matched. The first session is booked and the client is told by text and email.",
  cancelled: "Sign-up cancelled.",
};

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const url = new URL(request.url);
    const date = url.searchParams.get("date");
    const look = {
      signupId: url.searchParams.get("signup"),
      date: date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null,
    };
    const queue = await introQueue(tenant, actor, look);
    return { ...queue, done: url.searchParams.get("done") };
  });
}

type Problem = { signupId: string; message: string; fields: Record<string, string[] | null | undefined> };

export async function action({ request }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const form = await readForm(request);
    const matching = form.get("intent") === "match";
    const submission = parseWithZod(form, { schema: matching ? IntroMatchSchema : IntroCancelSchema });
    const signupId = String(form.get("signupId") ?? "");
    if (submission.status !== "success") {
      const fields = submission.error ?? {};
      const problem: Problem = { signupId, message: "Please check the form.", fields };
      return data({ problem }, { status: 400 });
    }
    try {
      if (submission.value.intent === "match") {
        await matchIntro(tenant, actor, submission.value);
        return redirect("/intro-signups?done=matched", 303);
      }
      await cancelIntro(tenant, actor, submission.value.signupId, submission.value.reason);
      return redirect("/intro-signups?done=cancelled", 303);
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      const problem: Problem = { signupId, message: error.message, fields: {} };
      return data({ problem }, { status: error.status });
    }
  });
}

type Signup = ReturnType<typeof useLoaderData<typeof loader>>["signups"][number];

function FieldProblem({ id, errors }: { id: string; errors: string[] | null | undefined }) {
  return errors?.length ? (
    <p className="field-error" id={id}>
      {errors.join(" ")}
    </p>
  ) : null;
}

function MatchForm({ signup, problem }: { signup: Signup; problem: Problem | null }) {
  const id = (name: string) => `${name}-${signup.id}`;
  const errors = problem?.fields ?? {};
  return (
    <Form method="post" className="stack" aria-label={`Match ${signup.clientName}`}>
      <input type="hidden" name="intent" value="match" />
      <input type="hidden" name="signupId" value={signup.id} />
      <input type="hidden" name="idempotencyKey" value={signup.idempotencyKey} />
      {problem?.message ? (
        <p className="alert alert-error" role="alert">
          {problem.message}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={id("instructor")}>Instructor</label>
        <select id={id("instructor")} name="instructorId" required>
          {signup.instructors.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name}
            </option>
          ))}
        </select>
        <FieldProblem id={id("instructor-error")} errors={errors.instructorId} />
      </div>
      <div className="pair">
        <div className="field">
          <label htmlFor={id("date")}>Date</label>
          <input id={id("date")} type="date" name="date" defaultValue={signup.date} required />
          <FieldProblem id={id("date-error")} errors={errors.date} />
        </div>
        <div className="field">
          <label htmlFor={id("time")}>Start time</label>
          <input id={id("time")} type="time" name="time" required />
          <FieldProblem id={id("time-error")} errors={errors.time} />
        </div>
      </div>
      <button type="submit">
        Book the first session <span className="visually-hidden">for {signup.clientName}</span>
      </button>
    </Form>
  );
}

function FreeTimes({ signup }: { signup: Signup }) {
  return (
    <div className="stack">
      <Form method="get" className="period-form" aria-label={`Free times for ${signup.clientName}`}>
        <input type="hidden" name="signup" value={signup.id} />
        <div className="field">
          <label htmlFor={`look-${signup.id}`}>Free times on</label>
          <input id={`look-${signup.id}`} type="date" name="date" defaultValue={signup.date} />
        </div>
        <button type="submit" className="button secondary">
          Show free times
        </button>
      </Form>
      {signup.freeTimes ? (
        <ul className="plain">
          {signup.freeTimes.map((person) => (
            <li key={person.name}>
              <strong>{person.name}:</strong> {person.times.length ? person.times.join(", ") : "no free time that day"}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function CancelForm({ signup, problem }: { signup: Signup; problem: Problem | null }) {
  return (
    <details>
      <summary>Cancel this sign-up</summary>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="cancel" />
        <input type="hidden" name="signupId" value={signup.id} />
        <div className="field">
          <label htmlFor={`reason-${signup.id}`}>Reason (the client sees it)</label>
          <input id={`reason-${signup.id}`} type="text" name="reason" maxLength={200} required />
          <FieldProblem id={`reason-error-${signup.id}`} errors={problem?.fields.reason} />
        </div>
        <button type="submit" className="secondary">
          Cancel sign-up <span className="visually-hidden">of {signup.clientName}</span>
        </button>
      </Form>
    </details>
  );
}

export default function IntroSignups() {
  const { signups, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const notice = done ? NOTICES[done] : undefined;
  const problemOf = (id: string) => (actionData?.problem.signupId === id ? actionData.problem : null);
  return (
    <>
      <h1>Intro sign-ups</h1>
      {notice ? (
        <p className="alert alert-ok" role="status">
          {notice}
        </p>
      ) : null}
      <p className="muted">
        New clients who took the intro offer, oldest first. Match each with an instructor and a time: the first session
        is booked and the client gets it by text and email.
      </p>
      {signups.length === 0 ? <p>No one is waiting to be matched.</p> : null}
      <ul className="cards">
        {signups.map((signup) => (
          <li className="card stack" key={signup.id}>
            <h2>{signup.clientName}</h2>
            <dl className="facts">
              <dt>Signed up</dt>
              <dd>{signup.signedUp}</dd>
              <dt>Offer</dt>
              <dd>{signup.offer}</dd>
              <dt>Where</dt>
              <dd>{signup.locationName}</dd>
              <dt>Days</dt>
              <dd>{signup.days}</dd>
              <dt>Times</dt>
              <dd>{signup.dayParts}</dd>
              {signup.notes ? (
                <>
                  <dt>Note</dt>
                  <dd>{signup.notes}</dd>
                </>
              ) : null}
              <dt>Contact</dt>
              <dd>
                {signup.clientEmail}
                {signup.clientPhone ? `, ${signup.clientPhone}` : ""}
              </dd>
              <dt>Payment</dt>
              <dd>
                {signup.payment.text}
                {!signup.payment.paid ? (
                  <>
                    {" "}
                    <Link to={`/clients/${signup.clientId}/payments/new`}>Take a payment</Link>
                  </>
                ) : null}
              </dd>
            </dl>
            {signup.payment.paid ? (
              <>
                <FreeTimes signup={signup} />
                <MatchForm signup={signup} problem={problemOf(signup.id)} />
              </>
            ) : problemOf(signup.id)?.message ? (
              <p className="alert alert-error" role="alert">
                {problemOf(signup.id)?.message}
              </p>
            ) : null}
            <CancelForm signup={signup} problem={problemOf(signup.id)} />
          </li>
        ))}
      </ul>
    </>
  );
}
