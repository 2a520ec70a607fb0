import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CLIENT_PAGE } from "~/components/page-scripts";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { requireStudioActor } from "~/services/identity/actor.server";
import { createCalendarLink, hasCalendarLink, revokeCalendarLink } from "~/services/schedule/calendar-feed.server";

export const handle = CLIENT_PAGE;

export const meta: MetaFunction = () => [{ title: "Calendar link" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    return { active: await hasCalendarLink(tenant, actor) };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const intent = (await readForm(request)).get("intent");
    if (intent === "revoke") {
      await revokeCalendarLink(tenant, actor);
      return redirect("/account/calendar");
    }
    return { link: await createCalendarLink(tenant, actor) };
  });
}

export default function CalendarLink() {
  const { active } = useLoaderData<typeof loader>();
  const created = useActionData<typeof action>();
  return (
    <section className="panel narrow" aria-labelledby="calendar-title">
      <h1 id="calendar-title">Calendar link</h1>
      <p>
        Subscribe to your schedule in Google Calendar, Apple Calendar or Outlook. The link is private: anyone who has it
        can see your schedule, so keep it to yourself.
      </p>
      {created?.link ? (
        <div className="alert alert-ok" role="status">
          <p>
            <strong>Your new link</strong> (copy it now; for your privacy it is shown only once):
          </p>
          <label htmlFor="calendar-link" className="visually-hidden">
            Calendar link
          </label>
          <input id="calendar-link" readOnly value={created.link} />
        </div>
      ) : null}
      <Form method="post" className="stack">
        <button type="submit" name="intent" value="create">
          {active || created?.link ? "Make a new link (the old one stops working)" : "Create my calendar link"}
        </button>
      </Form>
      {active || created?.link ? (
        <Form method="post" className="stack">
          <button type="submit" name="intent" value="revoke" className="link-button">
            Turn off my calendar link
          </button>
        </Form>
      ) : null}
    </section>
  );
}
