import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CheckboxField } from "~/components/checkbox-field";
import { ChoiceGroup } from "~/components/choice-group";
import { FormErrors, TextField } from "~/components/field";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { formatMoney, minorToPounds } from "~/services/shared/money";
import { SettingsSchema } from "~/services/studio/settings.schema";
import { saveSettings, viewSettings } from "~/services/studio/settings.server";
import { STUDIO_TYPE_CHOICES } from "~/services/studio/studio-type";

export const meta: MetaFunction = () => [{ title: "Studio settings" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const settings = await viewSettings(tenant, actor);
    return {
      requireParqBeforeFirstBooking: settings.requireParqBeforeFirstBooking,
      refundLimit: minorToPounds(settings.receptionistRefundLimitMinor),
      refundLimitText: formatMoney(settings.receptionistRefundLimitMinor, settings.currency),
      maxSpotsPerBooking: settings.maxSpotsPerBooking,
      undoMinutes: settings.undoMinutes,
      studioType: settings.studioType,
      saved: new URL(request.url).searchParams.has("saved"),
    };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const submission = parseWithZod(await readForm(request), { schema: SettingsSchema });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    await saveSettings(tenant, actor, {
      requireParqBeforeFirstBooking: submission.value.requireParqBeforeFirstBooking ?? false,
      receptionistRefundLimitMinor: submission.value.receptionistRefundLimit,
      maxSpotsPerBooking: submission.value.maxSpotsPerBooking,
      undoMinutes: submission.value.undoMinutes,
      studioType: submission.value.studioType,
    });
    return redirect("/settings?saved=1");
  });
}

export default function Settings() {
  const {
    requireParqBeforeFirstBooking,
    refundLimit,
    refundLimitText,
    maxSpotsPerBooking,
    undoMinutes,
    studioType,
    saved,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(SettingsSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SettingsSchema }),
    defaultValue: {
      requireParqBeforeFirstBooking,
      receptionistRefundLimit: refundLimit,
      maxSpotsPerBooking,
      undoMinutes,
      studioType,
    },
  });
  return (
    <section className="panel narrow" aria-labelledby="settings-title">
      <h1 id="settings-title">Studio settings</h1>
      {saved ? (
        <p className="alert alert-ok" role="status">
          Settings saved.
        </p>
      ) : null}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} id={form.errorId} />
        <ChoiceGroup
          field={fields.studioType}
          legend="What does your studio mostly offer?"
          type="radio"
          options={STUDIO_TYPE_CHOICES}
          hint="It sets what a new service starts as and what comes first in the menu."
        />
        <fieldset>
          <legend>Health screening</legend>
          <CheckboxField
            field={fields.requireParqBeforeFirstBooking}
            label="Require a health check (PAR-Q) before a client’s first booking"
            hint="Clients without one are reminded on their home page and account."
          />
        </fieldset>
        <fieldset>
          <legend>Class bookings</legend>
          <TextField
            field={fields.maxSpotsPerBooking}
            label="Places one class booking may take"
            type="number"
            hint="1 to 20. More than 1 lets a client bring friends; each place takes a credit."
          />
        </fieldset>
        <fieldset>
          <legend>Bookings made in error</legend>
          <TextField
            field={fields.undoMinutes}
            label="Staff may undo a booking they made for"
            type="number"
            suffix="min"
            hint="0 to 120 minutes, whatever the cancellation window; the credit goes back. 0 turns undo off."
          />
        </fieldset>
        <fieldset>
          <legend>Refunds</legend>
          <TextField
            field={fields.receptionistRefundLimit}
            label="Receptionists may refund up to (£)"
            hint={`In pounds, for example 50 or 50.00. Larger refunds need a manager. Now: ${refundLimitText}.`}
            autoComplete="off"
          />
        </fieldset>
        <button type="submit" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Saving…" : "Save settings"}
        </button>
      </Form>
    </section>
  );
}
