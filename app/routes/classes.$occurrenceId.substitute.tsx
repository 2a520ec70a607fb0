import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormErrors, SelectField } from "~/components/field";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { requireId } from "~/services/identity/api.server";
import { SubstituteSchema } from "~/services/schedule/class-series.schema";
import { clashText } from "~/services/schedule/class-text";
import { coverOccurrence, listCoverCandidates } from "~/services/schedule/occurrence-admin.server";

export const meta: MetaFunction = () => [{ title: "Find cover" }];

const REFUSALS = {
  "not-here": "This instructor does not teach at this location",
  "already-teaching": "This instructor already teaches this class",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const found = await listCoverCandidates(tenant, actor, requireId(params.occurrenceId));
    return { ...found, done: new URL(request.url).searchParams.get("done") === "1" };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const id = requireId(params.occurrenceId);
    const submission = parseWithZod(await readForm(request), { schema: SubstituteSchema });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    const outcome = await coverOccurrence(tenant, actor, id, submission.value.instructorId);
    if (outcome.ok) return redirect(`/classes/${id}/substitute?done=1`);
    const fieldErrors = {
      instructorId:
        outcome.reason === "conflict"
          ? [`Busy then: ${outcome.conflicts.map((c) => clashText(c, outcome.timezone)).join("; ")}`]
          : [REFUSALS[outcome.reason]],
    };
    return data({ result: submission.reply({ fieldErrors }) }, { status: 409 });
  });
}

export default function SubstituteInstructor() {
  const { occurrence, candidates, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(SubstituteSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SubstituteSchema }),
  });
  return (
    <section className="panel narrow" aria-labelledby="cover-title">
      <p>
        <Link to="/classes">← Class timetable</Link>
      </p>
      <h1 id="cover-title">Find cover</h1>
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
      {done ? (
        <p className="alert alert-ok" role="status">
          {occurrence.instructorName} now teaches this class. The rest of the series keeps its teacher.
        </p>
      ) : null}
      {occurrence.cancelled ? (
        <p className="alert alert-warn">This class is cancelled: {occurrence.cancelReason}</p>
      ) : candidates.length === 0 ? (
        <p className="muted">Nobody else teaches at {occurrence.locationName}.</p>
      ) : (
        <Form method="post" className="stack" {...getFormProps(form)}>
          <FormErrors errors={form.errors} id={form.errorId} />
          <SelectField field={fields.instructorId} label="Who covers">
            <option value="">Choose…</option>
            {candidates.map((c) => (
              <option key={c.id} value={c.id}>
                {c.fullName}
              </option>
            ))}
          </SelectField>
          <button type="submit" disabled={navigation.state === "submitting"}>
            Confirm cover
          </button>
        </Form>
      )}
    </section>
  );
}
