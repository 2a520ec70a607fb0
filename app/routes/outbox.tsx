import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { withPageErrors } from "~/http.server";
import { requireStudioActor } from "~/services/identity/actor.server";
import { listOutbox } from "~/services/messages/outbox.server";

export const meta: MetaFunction = () => [{ title: "Messages" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    return { messages: await listOutbox(tenant, actor) };
  });
}

export default function Outbox() {
  const { messages } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Messages</h1>
      <p className="muted">
        Emails and texts the studio sends, newest first. Until email and SMS delivery is switched on, they wait here and
        you can read them.
      </p>
      {messages.length === 0 ? <p>No messages yet.</p> : null}
      <ul className="cards">
        {messages.map((message) => (
          <li key={message.id} className="card">
            <article aria-label={message.subject ?? `Text to ${message.recipient}`}>
              <h2>{message.subject ?? "Text message"}</h2>
              <p className="muted">
                {message.channel === "email" ? "Email" : "SMS"} to {message.recipient} ·{" "}
                <time dateTime={message.createdAt}>{message.createdAt.slice(0, 16).replace("T", " ")} UTC</time> ·{" "}
                {message.status}
              </p>
              <pre className="message-body">{message.body}</pre>
            </article>
          </li>
        ))}
      </ul>
    </>
  );
}
