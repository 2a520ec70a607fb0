import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormErrors } from "~/components/field";
import { TextareaField } from "~/components/textarea-field";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { cancelOccurrence } from "~/services/booking/class-cancellation.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { requireId } from "~/services/identity/api.server";
import { CancelOccurrenceSchema } from "~/services/schedule/class-series.schema";
import { findOccurrenceToChange } from "~/services/schedule/occurrence-admin.server";

export const meta: MetaFunction = () => [{ title: "Cancel a class" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    return { occurrence: await findOccurrenceToChange(tenant, actor, requireId(params.occurrenceId)) };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const id = requireId(params.occurrenceId);
    const submission = parseWithZod(await readForm(request), { schema: CancelOccurrenceSchema });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    await cancelOccurrence(tenant, actor, id, submission.value.reason);
    return redirect(`/classes/${id}/cancel?done=1`);
  });
}

export default function CancelClass() {
  const { occurrence } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(CancelOccurrenceSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CancelOccurrenceSchema }),
  });
  return (
    <section className="panel narrow" aria-labelledby="cancel-title">
      <p>
        <Link to="/classes">← Class timetable</Link>
      </p>
      <h1 id="cancel-title">{occurrence.cancelled ? "Class cancelled" : "Cancel this class?"}</h1>
      <dl className="facts">
        <dt>Class</dt>
        <dd>{occurrence.serviceName}</dd>
        <dt>When</dt>
        <dd>{occurrence.when}</dd>
        <dt>Where</dt>
        <dd>{occurrence.locationName}</dd>
        <dt>Teacher</dt>
        <dd>{occurrence.instructorName}</dd>
      </dl>
      {occurrence.cancelled ? (
        <p className="alert alert-ok" role="status">
          This class is cancelled: {occurrence.cancelReason}. The rest of the series goes ahead.
        </p>
      ) : (
        <Form method="post" className="stack" {...getFormProps(form)}>
          <FormErrors errors={form.errors} id={form.errorId} />
          <p className="muted">Only this class is cancelled; the rest of the series goes ahead.</p>
          <TextareaField field={fields.reason} label="Reason" hint="Shown to the people booked in." rows={3} />
          <button type="submit" className="danger" disabled={navigation.state === "submitting"}>
            Cancel this class
          </button>
        </Form>
      )}
    </section>
  );
}
