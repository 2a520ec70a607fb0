import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormErrors, TextField } from "~/components/field";
import { TextareaField } from "~/components/textarea-field";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { grantCredits } from "~/services/credits/ledger.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { GiveCreditsSchema, MessageClientSchema } from "~/services/reports/churn.schema";
import { type ChurnAlert, churnAlerts, churnNotice } from "~/services/reports/churn.server";
import { messageClient } from "~/services/reports/outreach.server";
import { Refused } from "~/services/shared/errors";
import { rememberedLocationId } from "~/services/studio/location-context.server";

export const meta: MetaFunction = () => [{ title: "Clients at risk" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const url = new URL(request.url);
    const choice = { requested: url.searchParams.get("location"), remembered: await rememberedLocationId(request) };
    const [page, notice] = await Promise.all([
      churnAlerts(tenant, actor, choice, new Date(), { limit: shownOnPage(url.searchParams) }),
      churnNotice(tenant, actor, url.searchParams),
    ]);
    // One key per client's message form: a resubmitted form finds its first message and sends nothing.
    const keys = Object.fromEntries(page.alerts.map((a) => [a.clientId, crypto.randomUUID()]));
    return { ...page, notice, keys };
  });
}

/**
 * The page lists the most at risk a screenful at a time (each with its two forms), and "Show more"
 * asks for the next: a phone on a weak signal is not sent every client of a large studio at once.
 */
const PAGE_STEP = 25;
function shownOnPage(query: URLSearchParams) {
  const asked = Number.parseInt(query.get("show") ?? "", 10);
  return Number.isFinite(asked) ? Math.min(500, Math.max(PAGE_STEP, asked)) : PAGE_STEP;
}

/** Back to the list the action came from, with what happened. */
function backTo(request: Request, done: Record<string, string>) {
  const location = new URL(request.url).searchParams.get("location");
  const query = new URLSearchParams({ ...(location ? { location } : {}), ...done });
  return `/dashboard/churn?${query}`;
}

export async function action({ request }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const formData = await readForm(request);
    const clientId = String(formData.get("clientId") ?? "");
    if (formData.get("intent") === "credits") {
      const submission = parseWithZod(formData, { schema: GiveCreditsSchema });
      if (submission.status !== "success")
        return data({ intent: "credits", clientId, result: submission.reply() }, { status: 400 });
      const { credits, validDays, reason } = submission.value;
      await grantCredits(tenant, actor, { clientId: submission.value.clientId, credits, validDays, reason });
      return redirect(backTo(request, { done: "credits", client: submission.value.clientId, credits: `${credits}` }));
    }
    const submission = parseWithZod(formData, { schema: MessageClientSchema });
    if (submission.status !== "success")
      return data({ intent: "message", clientId, result: submission.reply() }, { status: 400 });
    try {
      await messageClient(tenant, actor, submission.value);
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      return data(
        { intent: "message", clientId, result: submission.reply({ formErrors: [error.message] }) },
        { status: error.status },
      );
    }
    return redirect(backTo(request, { done: "message", client: submission.value.clientId }));
  });
}

export default function ChurnAlerts() {
  const { scope, settings, total, alerts, notice } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="crumbs">
        <Link to="/dashboard">Dashboard</Link> ›
      </p>
      <h1>Clients at risk</h1>
      <p className="muted">
        {scope.label}: clients whose visits dropped against their own habit, with no booking for {settings.inactiveDays}{" "}
        days, or with credits expiring within {settings.creditExpiryDays} days.{" "}
        <Link to="/settings">Change these numbers</Link>
      </p>
      {notice ? (
        <p className="alert alert-ok" role="status">
          {notice}
        </p>
      ) : null}
      {scope.options.length > 1 ? (
        <Form method="get" className="period-form" aria-label="Choose the location">
          <div className="field">
            <label htmlFor="churn-location">Location</label>
            <select id="churn-location" name="location" defaultValue={scope.selected} key={scope.selected}>
              <option value="all">All locations</option>
              {scope.options.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button secondary">
            Show
          </button>
        </Form>
      ) : null}
      {alerts.length === 0 ? (
        <p className="panel">Nobody at risk right now.</p>
      ) : (
        <>
          <p>
            {total === alerts.length
              ? `${total} ${total === 1 ? "client" : "clients"}, the most at risk first.`
              : `The ${alerts.length} most at risk of ${total} clients.`}
          </p>
          <ol className="churn-list">
            {alerts.map((alert) => (
              <AlertItem key={alert.clientId} alert={alert} />
            ))}
          </ol>
          {total > alerts.length && alerts.length < 500 ? (
            <p>
              <Link to={`?${new URLSearchParams({ location: scope.selected, show: `${alerts.length + PAGE_STEP}` })}`}>
                Show {Math.min(PAGE_STEP, total - alerts.length)} more
              </Link>
            </p>
          ) : null}
        </>
      )}
    </>
  );
}

function AlertItem({ alert }: { alert: ChurnAlert }) {
  const titleId = `client-${alert.clientId}`;
  return (
    <li className="panel">
      <h2 id={titleId}>
        <Link to={`/clients/${alert.clientId}`}>{alert.fullName}</Link>
      </h2>
      <ul>
        {alert.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      <p className="muted">
        {[alert.homeLocation, alert.email, alert.phone].filter(Boolean).join(" · ")}
        {alert.lastVisitDate
          ? ` · ${alert.baselineVisits} visits in the 12 weeks before the last 4, ${alert.recentVisits} since`
          : ""}
      </p>
      <MessageForm alert={alert} />
      <CreditsForm alert={alert} />
    </li>
  );
}

/** Whether the last action was this form's (its errors shown, its details open), and whether it is sending. */
function useAlertFormState(intent: "message" | "credits", clientId: string) {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const mine = actionData?.intent === intent && actionData.clientId === clientId;
  const busy =
    navigation.state === "submitting" &&
    navigation.formData?.get("intent") === intent &&
    navigation.formData?.get("clientId") === clientId;
  return { lastResult: mine ? actionData.result : undefined, open: mine, busy };
}

function MessageForm({ alert }: { alert: ChurnAlert }) {
  const { keys } = useLoaderData<typeof loader>();
  const { lastResult, open, busy } = useAlertFormState("message", alert.clientId);
  const [form, fields] = useForm({
    id: `message-${alert.clientId}`,
    lastResult,
    constraint: getZodConstraint(MessageClientSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MessageClientSchema }),
  });
  return (
    <details open={open}>
      <summary>Send {alert.fullName} a message</summary>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} id={form.errorId} />
        <input type="hidden" name="intent" value="message" />
        <input type="hidden" name="clientId" value={alert.clientId} />
        <input type="hidden" name="idempotencyKey" value={keys[alert.clientId]} />
        <TextField field={fields.subject} label="Subject" hint="For the email; a text message has none." />
        <TextareaField field={fields.text} label="Message" hint="Sent by email and/or text, as they chose." />
        <button type="submit" disabled={busy}>
          {busy ? "Sending…" : "Send message"}
        </button>
      </Form>
    </details>
  );
}

function CreditsForm({ alert }: { alert: ChurnAlert }) {
  const { lastResult, open, busy } = useAlertFormState("credits", alert.clientId);
  const [form, fields] = useForm({
    id: `credits-${alert.clientId}`,
    lastResult,
    constraint: getZodConstraint(GiveCreditsSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: GiveCreditsSchema }),
  });
  return (
    <details open={open}>
      <summary>Give {alert.fullName} credits</summary>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} id={form.errorId} />
        <input type="hidden" name="intent" value="credits" />
        <input type="hidden" name="clientId" value={alert.clientId} />
        <div className="pair">
          <TextField field={fields.credits} label="Credits" type="number" />
          <TextField field={fields.validDays} label="Valid for" type="number" suffix="days" />
        </div>
        <TextField field={fields.reason} label="Reason" hint="Kept on record, e.g. We miss you: two classes on us." />
        <button type="submit" disabled={busy}>
          {busy ? "Giving…" : "Give credits"}
        </button>
      </Form>
    </details>
  );
}
