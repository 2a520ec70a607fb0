import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { RefusalAlert } from "~/components/booking-bits";
import { CheckboxField } from "~/components/checkbox-field";
import { FormErrors } from "~/components/field";
import { CLIENT_PAGE } from "~/components/page-scripts";
import { TextareaField } from "~/components/textarea-field";
import { withPageErrors } from "~/http.server";
import { submitBooking } from "~/route-handlers/booking-submit.server";
import { readForm } from "~/route-handlers/read-form.server";
import { cancelBooking } from "~/services/booking/engine.server";
import { CancelBookingSchema } from "~/services/booking/forms.schema";
import { bookingDetail } from "~/services/booking/views.server";
import { requireStudioActor } from "~/services/identity/actor.server";
import { requireId } from "~/services/identity/api.server";

export const handle = CLIENT_PAGE;

export const meta: MetaFunction = () => [{ title: "Cancel a booking" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const detail = await bookingDetail(tenant, actor, requireId(params.id));
    return { ...detail, own: detail.booking.client.id === actor.id, idempotencyKey: crypto.randomUUID() };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const id = requireId(params.id);
    const submission = parseWithZod(await readForm(request), { schema: CancelBookingSchema });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    const { idempotencyKey, ...cancel } = submission.value;
    return submitBooking(() => cancelBooking(tenant, actor, id, cancel, { idempotencyKey }), "cancelled");
  });
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>;

/** What cancelling now does to the credit, said before the person confirms. */
function consequence(page: Page) {
  const { cancel, booking } = page;
  if (!cancel.allowed) return null;
  const hours = page.cancellationWindowHours;
  if (page.creditsSpent === 0) return "No credit was used for this booking, so nothing is charged.";
  const credit = page.creditsSpent === 1 ? "credit" : `${page.creditsSpent} credits`;
  if (page.own)
    return cancel.late
      ? `You're cancelling after the ${hours}-hour window: your ${credit} will not be returned.`
      : `You're cancelling in time: your ${credit} will be returned.`;
  if (cancel.mayForfeit)
    return `This is after the ${hours}-hour window. The ${credit} goes back to ${booking.client.name} unless you keep it as a late-cancel fee.`;
  return `The ${credit} goes back to ${booking.client.name}.`;
}

export default function CancelBookingPage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    constraint: getZodConstraint(CancelBookingSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CancelBookingSchema }),
  });
  const { booking, cancel } = page;
  const back = `/bookings/${booking.id}`;
  const late = cancel.allowed && cancel.late && page.creditsSpent > 0 && page.own;
  return (
    <section className="panel narrow" aria-labelledby="cancel-title">
      <p className="crumbs">
        <Link to={back}>← Back to the booking</Link>
      </p>
      <h1 id="cancel-title">Cancel this booking?</h1>
      <dl className="facts">
        <dt>What</dt>
        <dd>{booking.serviceName}</dd>
        <dt>When</dt>
        <dd>
          {booking.dateLabel}, {booking.time}–{booking.endTime}
        </dd>
        <dt>Where</dt>
        <dd>{booking.location.name}</dd>
        {page.own ? null : (
          <>
            <dt>Client</dt>
            <dd>{booking.client.name}</dd>
          </>
        )}
      </dl>
      {cancel.allowed ? (
        <Form method="post" className="stack" {...getFormProps(form)}>
          <RefusalAlert refusal={actionData && "refusal" in actionData ? actionData.refusal : null} />
          <FormErrors errors={form.errors} id={form.errorId} />
          <p className={late ? "alert alert-warn" : "alert alert-info"} role="status">
            {consequence(page)}
          </p>
          <input type="hidden" name="idempotencyKey" value={page.idempotencyKey} />
          {cancel.mayForfeit && page.creditsSpent > 0 ? (
            <CheckboxField field={fields.forfeitCredit} label="Keep the credit as a late-cancel fee" />
          ) : null}
          <TextareaField field={fields.reason} label="Reason (optional)" rows={2} />
          <div className="actions">
            <button type="submit" className="danger" disabled={navigation.state === "submitting"}>
              {navigation.state === "submitting" ? "Cancelling…" : "Cancel booking"}
            </button>
            <Link to={back}>Keep it</Link>
          </div>
        </Form>
      ) : (
        <div className="alert alert-warn" role="status">
          <p>{cancel.message}</p>
          <p>
            <Link className="action-link" to={back}>
              Back to the booking
            </Link>
          </p>
        </div>
      )}
    </section>
  );
}
