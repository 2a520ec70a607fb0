import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ChoiceGroup } from "~/components/choice-group";
import { BalanceLine, GrantList, LedgerList } from "~/components/credit-lists";
import { FormErrors, SelectField, TextField } from "~/components/field";
import { useHydrated } from "~/components/use-hydrated";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { AdjustCreditsSchema, CUSTOM_GRANT, GrantCreditsSchema } from "~/services/credits/grant.schema";
import { adjustCredits, grantCredits } from "~/services/credits/ledger.server";
import { clientCreditsPage } from "~/services/credits/pages.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { requireId } from "~/services/identity/api.server";
import { NotFound, Refused } from "~/services/shared/errors";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Credits — ${data.client.fullName}` : "Credits" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const page = await clientCreditsPage(tenant, actor, requireId(params.id));
    return { ...page, done: new URL(request.url).searchParams.get("done") };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const clientId = requireId(params.id);
    const formData = await readForm(request);
    if (formData.get("intent") === "adjust") {
      const submission = parseWithZod(formData, { schema: AdjustCreditsSchema });
      if (submission.status !== "success")
        return data({ intent: "adjust", result: submission.reply() }, { status: 400 });
      try {
        await adjustCredits(tenant, actor, { clientId, ...submission.value });
      } catch (error) {
        if (!(error instanceof Refused)) throw error;
        return data(
          { intent: "adjust", result: submission.reply({ fieldErrors: { delta: [error.message] } }) },
          { status: error.status },
        );
      }
      return redirect(`/clients/${clientId}/credits?done=adjusted`);
    }
    const submission = parseWithZod(formData, { schema: GrantCreditsSchema });
    if (submission.status !== "success") return data({ intent: "grant", result: submission.reply() }, { status: 400 });
    try {
      await grantCredits(tenant, actor, { clientId, ...submission.value });
    } catch (error) {
      // The package went off sale while the form was open (the client's own absence 404s on reload).
      if (!(error instanceof NotFound) || !("packageId" in submission.value)) throw error;
      return data(
        {
          intent: "grant",
          result: submission.reply({ fieldErrors: { packageId: ["That package is no longer on sale"] } }),
        },
        { status: 409 },
      );
    }
    return redirect(`/clients/${clientId}/credits?done=granted`);
  });
}

const DONE: Record<string, string> = {
  granted: "Credits given.",
  adjusted: "Credits adjusted.",
};

export default function ClientCredits() {
  const { client, balance, grants, ledger, canAdjust, done } = useLoaderData<typeof loader>();
  const notice = done ? DONE[done] : undefined;
  return (
    <>
      <p className="crumbs">
        <Link to="/clients">Clients</Link> › <Link to={`/clients/${client.id}`}>{client.fullName}</Link>
      </p>
      <h1>Credits</h1>
      {canAdjust ? (
        <p>
          <Link to={`/clients/${client.id}/payments/new`}>Sell a package</Link>
        </p>
      ) : null}
      {notice ? (
        <p className="alert alert-ok" role="status">
          {notice}
        </p>
      ) : null}
      <div className="credits-layout">
        <section className="panel credits-held" aria-labelledby="held-title">
          <h2 id="held-title">What {client.fullName} holds</h2>
          <BalanceLine balance={balance} />
          <GrantList grants={grants} empty="No credits yet." />
        </section>
        {canAdjust ? (
          <div className="credits-forms">
            <GrantForm />
            <AdjustForm />
          </div>
        ) : null}
        <section className="panel credits-history" aria-labelledby="ledger-title">
          <h2 id="ledger-title">History</h2>
          <LedgerList ledger={ledger} empty="Nothing yet: credits given, booked and returned show here." />
        </section>
      </div>
    </>
  );
}

function GrantForm() {
  const { packages } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const hydrated = useHydrated();
  const [form, fields] = useForm({
    id: "grant",
    lastResult: actionData?.intent === "grant" ? actionData.result : undefined,
    constraint: getZodConstraint(GrantCreditsSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: GrantCreditsSchema }),
    // Nothing chosen up front: giving the wrong pack by a stray click is worse than one more tap.
    defaultValue: { packageId: packages.length === 0 ? CUSTOM_GRANT : undefined },
  });
  // With scripts the typed-in fields appear only for "a number of credits"; without, always.
  const showCustom = !hydrated || fields.packageId.value === CUSTOM_GRANT;
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "grant";
  return (
    <section className="panel" aria-labelledby="grant-title">
      <h2 id="grant-title">Give credits</h2>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} id={form.errorId} />
        <ChoiceGroup
          field={fields.packageId}
          legend="What to give"
          type="radio"
          hint="A package bought at the desk, or a number of credits (a goodwill gesture, a transfer)."
          options={[
            ...packages.map((p) => ({ value: p.id, label: p.label })),
            { value: CUSTOM_GRANT, label: "A number of credits" },
          ]}
        />
        {showCustom ? (
          <fieldset>
            <legend>A number of credits</legend>
            {hydrated ? null : <span className="hint">Only when “A number of credits” is chosen above.</span>}
            <div className="pair">
              <TextField field={fields.credits} label="Credits" type="number" />
              <TextField field={fields.validDays} label="Valid for" type="number" suffix="days" />
            </div>
            <TextField field={fields.name} label="Name (optional)" hint="Shown to the client, e.g. Welcome credits." />
          </fieldset>
        ) : null}
        <TextField field={fields.reason} label="Reason" hint="Kept on record, e.g. Paid by card at the desk." />
        <button type="submit" name="intent" value="grant" disabled={busy}>
          {busy ? "Giving…" : "Give credits"}
        </button>
      </Form>
    </section>
  );
}

function AdjustForm() {
  const { grants } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "adjust",
    lastResult: actionData?.intent === "adjust" ? actionData.result : undefined,
    constraint: getZodConstraint(AdjustCreditsSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AdjustCreditsSchema }),
    defaultValue: { grantId: grants.length === 1 ? grants[0]?.id : undefined },
  });
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "adjust";
  return (
    <section className="panel" aria-labelledby="adjust-title">
      <h2 id="adjust-title">Adjust credits</h2>
      {grants.length === 0 ? (
        <p className="muted">Nothing to adjust yet: give credits first.</p>
      ) : (
        <Form method="post" className="stack" {...getFormProps(form)}>
          <FormErrors errors={form.errors} id={form.errorId} />
          <SelectField field={fields.grantId} label="Which credits">
            <option value="">Choose…</option>
            {grants.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}: {g.remaining} left, {g.expired ? "expired" : "expires"} {g.expires}
              </option>
            ))}
          </SelectField>
          <TextField
            field={fields.delta}
            label="Change"
            type="number"
            hint="Add with a number like 2, take away with -1."
          />
          <TextField field={fields.reason} label="Reason" hint="Kept on record, e.g. Class cancelled by the studio." />
          <button type="submit" name="intent" value="adjust" className="secondary" disabled={busy}>
            {busy ? "Saving…" : "Adjust credits"}
          </button>
        </Form>
      )}
    </section>
  );
}
