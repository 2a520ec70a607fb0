import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ChoiceGroup } from "~/components/choice-group";
import { FormErrors, TextField } from "~/components/field";
import { CLIENT_PAGE } from "~/components/page-scripts";
import { ParqHistory } from "~/components/parq-answers";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { requireStudioActor } from "~/services/identity/actor.server";
import { PARQ_FIELDS, PARQ_QUESTIONS, ParqFormSchema, submissionFromForm } from "~/services/people/parq.schema";
import { readOwnParqRecord, submitParq } from "~/services/people/parq.server";

export const handle = CLIENT_PAGE;

export const meta: MetaFunction = () => [{ title: "Health check (PAR-Q)" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const record = await readOwnParqRecord(tenant, actor);
    const sent = new URL(request.url).searchParams.get("sent");
    return { history: record.history, fullName: record.client.fullName, sent };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const submission = parseWithZod(await readForm(request), { schema: ParqFormSchema });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    const outcome = await submitParq(tenant, actor, actor.id, submissionFromForm(submission.value));
    if (!outcome.ok) {
      const message = "Type your full name exactly as it is on your account";
      return data({ result: submission.reply({ fieldErrors: { declarationName: [message] } }) }, { status: 400 });
    }
    return redirect(`/account/health?sent=${outcome.anyYes ? "review" : "clear"}`);
  });
}

const YES_NO = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
];

export default function OwnHealthCheck() {
  const { history, sent } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="crumbs">
        <Link to="/account">My account</Link>
      </p>
      <h1>Health check (PAR-Q)</h1>
      {sent ? (
        <div className="alert alert-ok" role="status">
          <p>Thank you, your answers are saved.</p>
          {sent === "review" ? (
            <p>
              Because you answered yes to at least one question, please talk with your doctor before becoming much more
              physically active, and tell your instructor. The studio will be in touch.
            </p>
          ) : null}
        </div>
      ) : null}
      {/* A new submission starts a blank questionnaire, with JavaScript as without. */}
      <Questionnaire key={history.length} />
      <section className="panel" aria-labelledby="parq-history-title">
        <h2 id="parq-history-title">Your previous answers</h2>
        <ParqHistory history={history} />
      </section>
    </>
  );
}

function Questionnaire() {
  const { history, fullName } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(ParqFormSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ParqFormSchema }),
  });
  return (
    <section className="panel" aria-labelledby="parq-form-title">
      <h2 id="parq-form-title">{history.length > 0 ? "Fill it in again" : "Seven questions"}</h2>
      <p className="muted">
        Answer each question honestly. A “yes” does not stop you training: it tells the studio to check with you first.
        Your answers are seen only by the studio owner, managers and your instructors.
      </p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} id={form.errorId} />
        {PARQ_FIELDS.map((name, index) => (
          <ChoiceGroup
            key={name}
            field={fields[name]}
            legend={
              <>
                <span className="question-number">{index + 1}.</span> {PARQ_QUESTIONS[index]}
              </>
            }
            type="radio"
            options={YES_NO}
            inline
          />
        ))}
        <fieldset>
          <legend>Declaration</legend>
          <p>
            I have read, understood and answered these questions truthfully. If my health changes so that I would answer
            yes to any of them, I will tell the studio.
          </p>
          <TextField
            field={fields.declarationName}
            label="Type your full name"
            hint={`As it is on your account: ${fullName}`}
            autoComplete="name"
          />
          <p className="muted">Today’s date is added when you send your answers.</p>
        </fieldset>
        <button type="submit" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Sending…" : "Send my answers"}
        </button>
      </Form>
    </section>
  );
}
