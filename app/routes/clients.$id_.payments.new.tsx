import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ChoiceGroup } from "~/components/choice-group";
import { FormErrors, TextField } from "~/components/field";
import { useHydrated } from "~/components/use-hydrated";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { requireId } from "~/services/identity/api.server";
import { DeskPaymentSchema, SOMETHING_ELSE } from "~/services/payments/desk.schema";
import { deskPaymentPage, takeDeskPayment } from "~/services/payments/desk.server";
import { Refused } from "~/services/shared/errors";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Take a payment — ${data.client.fullName}` : "Take a payment" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const page = await deskPaymentPage(tenant, actor, requireId(params.id));
    return { ...page, idempotencyKey: crypto.randomUUID() };
  });
}

/** Which field a refusal belongs next to; the rest are about the whole form. */
const REFUSAL_FIELDS: Record<string, string> = {
  ONLINE_PAYMENT_NOT_SET_UP: "method",
  PAYMENT_NOT_STARTED: "method",
  PACKAGE_NOT_ON_SALE: "what",
  PACKAGE_FREE: "what",
  NOT_YOUR_LOCATION: "locationId",
};

export async function action({ request, params }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const clientId = requireId(params.id);
    const submission = parseWithZod(await readForm(request), { schema: DeskPaymentSchema });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    try {
      const { payment, checkoutUrl } = await takeDeskPayment(tenant, actor, clientId, submission.value);
      // 303: the browser follows with a GET, to Stripe's page or to the payment's.
      return redirect(checkoutUrl ?? `/payments/${payment.id}?from=desk`, 303);
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      const field = REFUSAL_FIELDS[error.code];
      const reply = field
        ? submission.reply({ fieldErrors: { [field]: [error.message] } })
        : submission.reply({ formErrors: [error.message] });
      return data({ result: reply }, { status: error.status });
    }
  });
}

const METHOD_LABELS = {
  desk_card: "Card on this browser",
  cash: "Cash",
  terminal: "Card terminal",
} as const;

export default function TakePayment() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const hydrated = useHydrated();
  const [form, fields] = useForm({
    id: "desk-payment",
    lastResult: actionData?.result,
    constraint: getZodConstraint(DeskPaymentSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DeskPaymentSchema }),
    // Nothing chosen up front but the place: a wrong item or method by a stray key is worse than one more.
    defaultValue: {
      what: page.packages.length === 0 ? SOMETHING_ELSE : undefined,
      locationId: page.defaultLocationId,
    },
  });
  const { client, card, packages, locations } = page;
  const byCard = fields.method.value === "desk_card";
  // With scripts the typed-in fields appear only for "something else"; without, always.
  const showOther = !hydrated || fields.what.value === SOMETHING_ELSE;
  const busy = navigation.state !== "idle" && navigation.formMethod === "POST";
  const only = locations.length === 1 ? locations[0] : undefined;
  return (
    <>
      <p className="crumbs">
        <Link to="/clients">Clients</Link> › <Link to={`/clients/${client.id}`}>{client.fullName}</Link>
      </p>
      <h1>Take a payment</h1>
      <section className="panel narrow" aria-label={`Payment from ${client.fullName}`}>
        {/* Checkout is another site: the browser leaves this page for it, scripts or not. */}
        <Form method="post" className="stack" reloadDocument={byCard} {...getFormProps(form)}>
          <FormErrors errors={form.errors} id={form.errorId} />
          <input type="hidden" name="idempotencyKey" value={page.idempotencyKey} />
          <ChoiceGroup
            field={fields.what}
            legend="What for"
            type="radio"
            hint={packages.length ? "A package's credits are given as soon as it is paid." : undefined}
            options={[
              ...packages.map((p) => ({ value: p.id, label: p.label, hint: p.hint })),
              { value: SOMETHING_ELSE, label: "Something else" },
            ]}
          />
          {showOther ? (
            <fieldset>
              <legend>Something else</legend>
              {hydrated ? null : <span className="hint">Only when “Something else” is chosen above.</span>}
              <TextField field={fields.description} label="What it is for" hint="On the receipt, e.g. Mat hire." />
              <TextField field={fields.amount} label="Amount" hint="In pounds, e.g. 12.50." />
            </fieldset>
          ) : null}
          <ChoiceGroup
            field={fields.method}
            legend="How they pay"
            type="radio"
            options={[
              {
                value: "desk_card",
                label: METHOD_LABELS.desk_card,
                hint: card.ready ? "Opens Stripe's card page here; credits come when Stripe confirms." : card.reason,
                disabled: !card.ready,
              },
              { value: "cash", label: METHOD_LABELS.cash },
              { value: "terminal", label: METHOD_LABELS.terminal, hint: "The studio's own card machine." },
            ]}
          />
          <TextField
            field={fields.reason}
            label="Reason"
            hint="Required for cash and card terminal, kept on record, e.g. Paid in cash at the desk."
          />
          {only ? (
            <p className="muted">
              <input
                {...getInputProps(fields.locationId, { type: "hidden" })}
                value={only.id}
                key={fields.locationId.key}
              />
              Taken at {only.name}.
            </p>
          ) : (
            <ChoiceGroup
              field={fields.locationId}
              legend="Taken at"
              type="radio"
              options={locations.map((l) => ({ value: l.id, label: l.name }))}
            />
          )}
          <button type="submit" disabled={busy}>
            {busy ? "Taking payment…" : byCard ? "Continue to card payment" : "Take payment"}
          </button>
        </Form>
      </section>
    </>
  );
}
