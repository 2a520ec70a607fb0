import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { RefusalAlert } from "~/components/booking-bits";
import { FormErrors, TextField } from "~/components/field";
import { TextareaField } from "~/components/textarea-field";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { requireId } from "~/services/identity/api.server";
import { RefundFormSchema } from "~/services/payments/refund.schema";
import { refundPage, refundPayment } from "~/services/payments/refunds.server";
import { Forbidden, Refused } from "~/services/shared/errors";
import { minorToPounds } from "~/services/shared/money";

export const meta: MetaFunction = () => [{ title: "Refund a payment" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const page = await refundPage(tenant, actor, requireId(params.id));
    return { ...page, amount: minorToPounds(page.leftMinor), idempotencyKey: crypto.randomUUID() };
  });
}

/** Refusals the person fixes in a field, shown next to it. */
const AMOUNT_CODES = new Set(["INVALID_AMOUNT", "REFUND_TOO_LARGE"]);

export async function action({ request, params }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const id = requireId(params.id);
    const submission = parseWithZod(await readForm(request), { schema: RefundFormSchema });
    if (submission.status !== "success") return data({ refusal: null, result: submission.reply() }, { status: 400 });
    const { amount, reason, idempotencyKey } = submission.value;
    try {
      const { refund } = await refundPayment(tenant, actor, id, { amountMinor: amount, reason }, { idempotencyKey });
      return redirect(`/payments/${id}?refunded=${refund.id}`);
    } catch (error) {
      const onField = (field: "amount" | "reason", message: string, status: number) =>
        data({ refusal: null, result: submission.reply({ fieldErrors: { [field]: [message] } }) }, { status });
      // A receptionist above the studio's limit: the amount is what they can change.
      if (error instanceof Forbidden && error.reason === "within_refund_limit")
        return onField("amount", error.message, 403);
      if (error instanceof Refused && AMOUNT_CODES.has(error.code))
        return onField("amount", error.message, error.status);
      if (error instanceof Refused && error.code === "REASON_REQUIRED")
        return onField("reason", error.message, error.status);
      if (error instanceof Refused)
        return data(
          { refusal: { code: error.code, message: error.message }, result: undefined },
          { status: error.status },
        );
      throw error;
    }
  });
}

export default function RefundPage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(RefundFormSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RefundFormSchema }),
    defaultValue: { amount: page.amount },
  });
  const { payment } = page;
  const back = `/payments/${payment.id}`;
  const submitting = navigation.state === "submitting";
  return (
    <section className="panel narrow" aria-labelledby="refund-title">
      <p className="crumbs">
        <Link to={back}>← Back to the payment</Link>
      </p>
      <h1 id="refund-title">Refund a payment</h1>
      <dl className="facts">
        <dt>What</dt>
        <dd>{payment.description}</dd>
        {payment.client ? (
          <>
            <dt>Client</dt>
            <dd>
              <Link to={`/clients/${payment.client.id}`}>{payment.client.name}</Link>
            </dd>
          </>
        ) : null}
        <dt>Paid</dt>
        <dd>
          {payment.amount}
          {payment.paidOn ? ` on ${payment.paidOn}` : null} · {payment.method}
        </dd>
        {payment.refunded ? (
          <>
            <dt>Already refunded</dt>
            <dd>{payment.refunded}</dd>
          </>
        ) : null}
        {payment.bookingId ? (
          <>
            <dt>Booking</dt>
            <dd>
              <Link to={`/bookings/${payment.bookingId}`}>See the booking</Link>
            </dd>
          </>
        ) : null}
      </dl>
      {page.refundable ? (
        <Form method="post" className="stack" {...getFormProps(form)}>
          <RefusalAlert refusal={actionData?.refusal} />
          <FormErrors errors={form.errors} id={form.errorId} />
          <input type="hidden" name="idempotencyKey" value={page.idempotencyKey} />
          <TextField
            field={fields.amount}
            label="Amount to refund (£)"
            autoComplete="off"
            hint={
              page.limit
                ? `Up to ${page.left} is left to refund. You may refund up to ${page.limit}; more needs a manager.`
                : `Up to ${page.left} is left to refund.`
            }
          />
          <TextareaField field={fields.reason} label="Reason" rows={2} />
          {page.creditsNote ? (
            <div className="alert alert-info" role="status">
              <p>{page.creditsNote}</p>
              {page.removesCredits && page.credits && page.credits.remaining > 0 ? (
                <p>A smaller refund takes back its share of the credits, rounded up.</p>
              ) : null}
            </div>
          ) : null}
          <p className="muted">{page.giveBackNote}</p>
          <div className="actions">
            <button type="submit" className="danger" disabled={submitting}>
              {submitting ? "Refunding…" : "Refund"}
            </button>
            <Link to={back}>Keep the payment</Link>
          </div>
        </Form>
      ) : (
        <p className="alert alert-info" role="status">
          {page.notPaid
            ? "This payment has not gone through, so there is nothing to refund."
            : "This payment has been refunded in full."}
        </p>
      )}
    </section>
  );
}
