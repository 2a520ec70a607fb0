import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { withPageErrors } from "~/http.server";
import { messageLogForm } from "~/route-handlers/message-log-form.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { MessageFilterSchema, STATUS_CHOICES } from "~/services/messages/message-log.schema";
import { listMessages } from "~/services/messages/message-log.server";

export const meta: MetaFunction = () => [{ title: "Messages" }];

const FILTER_KEYS = ["status", "channel", "q"] as const;

function readFilters(params: URLSearchParams) {
  const raw = {
    status: params.get("status") || undefined,
    channel: params.get("channel") || undefined,
    q: params.get("q") || undefined,
    page: params.get("page") || undefined,
  };
  const parsed = MessageFilterSchema.safeParse(raw);
  if (parsed.success) return { filters: parsed.data, errors: {} as Record<string, string | undefined> };
  // A filter that cannot be read is explained and left out; the others still apply.
  const errors = Object.fromEntries(
    Object.entries(parsed.error.flatten().fieldErrors).map(([key, list]) => [key, list?.[0]]),
  );
  const kept = Object.fromEntries(Object.entries(raw).filter(([key]) => !(key in errors)));
  return { filters: MessageFilterSchema.parse(kept), errors };
}

/** The list's address with these filters (and page), for the pager and after "Send again". */
function listUrl(params: URLSearchParams, changes: Record<string, string | undefined>) {
  const next = new URLSearchParams();
  for (const key of [...FILTER_KEYS, "page"]) {
    const value = key in changes ? changes[key] : params.get(key);
    if (value) next.set(key, value);
  }
  for (const [key, value] of Object.entries(changes)) if (value && !next.has(key)) next.set(key, value);
  const query = next.toString();
  return query ? `/messages?${query}` : "/messages";
}

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const params = new URL(request.url).searchParams;
    const { filters, errors } = readFilters(params);
    const list = await listMessages(tenant, actor, filters);
    return {
      ...list,
      filters: { status: params.get("status") ?? "", channel: params.get("channel") ?? "", q: params.get("q") ?? "" },
      errors,
      page: filters.page,
      newerUrl:
        filters.page > 1 ? listUrl(params, { page: filters.page > 2 ? String(filters.page - 1) : undefined }) : null,
      olderUrl: list.hasOlder ? listUrl(params, { page: String(filters.page + 1) }) : null,
      done: params.get("done"),
    };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const outcome = await messageLogForm(request, tenant, actor);
    if (!outcome.ok) return outcome.response;
    const done = outcome.intent === "resend" ? "resent" : "job";
    return redirect(listUrl(new URL(request.url).searchParams, { done }));
  });
}

export default function Messages() {
  const { messages, failedJobs, filters, errors, page, newerUrl, olderUrl, done, mayResend } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const filtered = Boolean(filters.status || filters.channel || filters.q);
  return (
    <>
      <h1>Messages</h1>
      <p className="muted">Every email and text the studio sends, newest first.</p>
      {done === "resent" ? (
        <p className="alert alert-ok" role="status">
          Queued to send again. Its status changes here once it goes.
        </p>
      ) : null}
      {done === "job" ? (
        <p className="alert alert-ok" role="status">
          The job runs again in a moment.
        </p>
      ) : null}
      {actionData?.error ? (
        <p className="alert alert-error" role="alert">
          {actionData.error}
        </p>
      ) : null}
      {failedJobs.length > 0 ? (
        <section className="panel" aria-labelledby="failed-jobs-title">
          <h2 id="failed-jobs-title">Background jobs that gave up</h2>
          <ul className="message-list">
            {failedJobs.map((job) => (
              <li key={job.id} className="message-row">
                <div className="message-head">
                  <span>{job.what}</span>
                  <time dateTime={job.failedAt.iso}>{job.failedAt.words}</time>
                </div>
                {job.error ? <p className="message-error">{job.error}</p> : null}
                <Form method="post" className="message-resend">
                  <input type="hidden" name="intent" value="retry-job" />
                  <input type="hidden" name="jobId" value={job.id} />
                  <button type="submit" className="secondary" aria-label={`Run again: ${job.what}`}>
                    Run again
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Form method="get" className="message-filters" aria-label="Filter messages">
        <div className="field">
          <label htmlFor="message-status">Status</label>
          <select
            id="message-status"
            name="status"
            defaultValue={filters.status}
            aria-invalid={errors.status ? true : undefined}
            aria-describedby={errors.status ? "message-status-error" : undefined}
          >
            <option value="">Any status</option>
            {STATUS_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
          {errors.status ? (
            <p className="field-error" id="message-status-error">
              {errors.status}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="message-channel">Sent by</label>
          <select
            id="message-channel"
            name="channel"
            defaultValue={filters.channel}
            aria-invalid={errors.channel ? true : undefined}
            aria-describedby={errors.channel ? "message-channel-error" : undefined}
          >
            <option value="">Email and text</option>
            <option value="email">Email</option>
            <option value="sms">Text (SMS)</option>
          </select>
          {errors.channel ? (
            <p className="field-error" id="message-channel-error">
              {errors.channel}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="message-q">To (email or phone)</label>
          <input
            id="message-q"
            type="search"
            name="q"
            defaultValue={filters.q}
            maxLength={100}
            aria-invalid={errors.q ? true : undefined}
            aria-describedby={errors.q ? "message-q-error" : undefined}
          />
          {errors.q ? (
            <p className="field-error" id="message-q-error">
              {errors.q}
            </p>
          ) : null}
        </div>
        <div className="message-filter-actions">
          <button type="submit">Show</button>
          {filtered ? <Link to="/messages">Clear</Link> : null}
        </div>
      </Form>
      {messages.length === 0 ? <p className="panel">{filtered ? "No messages match." : "No messages yet."}</p> : null}
      <ol className="cards message-list">
        {messages.map((message) => (
          <li key={message.id} className="card message-row">
            <div className="message-head">
              <Link to={`/messages/${message.id}`}>{message.subject ?? message.template}</Link>
              <span className={`badge badge-status-${message.status}`}>{message.statusWords}</span>
            </div>
            <p className="muted message-meta">
              <span>{message.channel === "email" ? "Email" : "Text"}</span> to <span>{message.recipient}</span> ·{" "}
              <time dateTime={message.when.iso}>{message.when.words}</time>
              {message.subject ? ` · ${message.template}` : ""}
              {message.attempts > 1 ? ` · ${message.attempts} attempts` : ""}
            </p>
            {message.lastError ? <p className="message-error">{message.lastError}</p> : null}
            {mayResend && message.canResend ? (
              <Form method="post" className="message-resend">
                <input type="hidden" name="intent" value="resend" />
                <input type="hidden" name="id" value={message.id} />
                <button type="submit" className="secondary" aria-label={`Send again to ${message.recipient}`}>
                  Send again
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ol>
      {newerUrl || olderUrl ? (
        <nav className="pager" aria-label="Pages">
          {newerUrl ? (
            <Link to={newerUrl} rel="prev">
              Newer
            </Link>
          ) : (
            <span />
          )}
          <span className="muted">Page {page}</span>
          {olderUrl ? (
            <Link to={olderUrl} rel="next">
              Older
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </>
  );
}
