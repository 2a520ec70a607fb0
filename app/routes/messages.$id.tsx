import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { withPageErrors } from "~/http.server";
import { messageLogForm } from "~/route-handlers/message-log-form.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { requireId } from "~/services/identity/api.server";
import { showMessage } from "~/services/messages/message-log.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? (data.message.subject ?? `Text to ${data.message.recipient}`) : "Message" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const message = await showMessage(tenant, actor, requireId(params.id));
    return { message, resent: new URL(request.url).searchParams.get("resent") === "1" };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const id = requireId(params.id);
    const outcome = await messageLogForm(request, tenant, actor, id);
    if (!outcome.ok) return outcome.response;
    return redirect(`/messages/${id}?resent=1`);
  });
}

export default function MessagePage() {
  const { message, resent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <article className="message-page" aria-labelledby="message-title">
      <p>
        <Link to="/messages">← Messages</Link>
      </p>
      <h1 id="message-title">{message.subject ?? `Text to ${message.recipient}`}</h1>
      {resent ? (
        <p className="alert alert-ok" role="status">
          Queued to send again. Its status changes here once it goes.
        </p>
      ) : null}
      {actionData?.error ? (
        <p className="alert alert-error" role="alert">
          {actionData.error}
        </p>
      ) : null}
      <dl className="message-facts">
        <dt>Status</dt>
        <dd>{message.statusWords}</dd>
        {message.lastError ? (
          <>
            <dt>Last error</dt>
            <dd className="message-error">{message.lastError}</dd>
          </>
        ) : null}
        <dt>Sent by</dt>
        <dd>{message.channel === "email" ? "Email" : "Text (SMS)"}</dd>
        <dt>To</dt>
        <dd>{message.recipient}</dd>
        <dt>Message</dt>
        <dd>{message.template}</dd>
        <dt>Written</dt>
        <dd>
          <time dateTime={message.when.iso}>{message.when.words}</time>
        </dd>
        {message.sentAt ? (
          <>
            <dt>Handed to {message.provider ?? "the provider"}</dt>
            <dd>
              <time dateTime={message.sentAt.iso}>{message.sentAt.words}</time>
            </dd>
          </>
        ) : null}
        {message.deliveredAt ? (
          <>
            <dt>Delivered</dt>
            <dd>
              <time dateTime={message.deliveredAt.iso}>{message.deliveredAt.words}</time>
            </dd>
          </>
        ) : null}
        <dt>Attempts</dt>
        <dd>{message.attempts}</dd>
        {message.attachments.length > 0 ? (
          <>
            <dt>Attached</dt>
            <dd>{message.attachments.join(", ")}</dd>
          </>
        ) : null}
      </dl>
      {message.mayResend && message.canResend ? (
        <Form method="post">
          <input type="hidden" name="intent" value="resend" />
          <button type="submit">Send again</button>
        </Form>
      ) : null}
      <h2>Text</h2>
      {message.body === null ? (
        <p className="panel">
          This message holds a one-time link into {message.recipient}'s account, so only they can read it.
        </p>
      ) : (
        <pre className="message-body">{message.body}</pre>
      )}
      {message.html ? (
        <details>
          <summary>The email as designed</summary>
          {/* sandbox="" : the email's HTML runs no script and reaches nothing of this page. */}
          <iframe className="message-html" title="The email as designed" sandbox="" srcDoc={message.html} />
        </details>
      ) : null}
    </article>
  );
}
