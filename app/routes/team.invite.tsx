import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CheckboxGroup } from "~/components/checkbox-field";
import { FormErrors, SelectField, TextField } from "~/components/field";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { requireStudioActor } from "~/services/identity/actor.server";
import { type InviteOutcome, invitationChoices, inviteStaff } from "~/services/people/invitation.server";
import { InviteSchema } from "~/services/people/team.schema";

export const meta: MetaFunction = () => [{ title: "Invite someone" }];

type Refusal = Extract<InviteOutcome, { ok: false }>["reason"];
const REFUSALS = {
  "already-staff": { email: ["Someone on the team already has this email"] },
  "already-client": { email: ["A client of the studio has this email: use another address for their staff account"] },
  "unknown-location": { locations: ["Choose locations from the list"] },
} satisfies Record<Refusal, Record<string, string[]>>;

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    return invitationChoices(tenant, actor);
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const submission = parseWithZod(await readForm(request), { schema: InviteSchema });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    const outcome = await inviteStaff(tenant, actor, submission.value);
    if (!outcome.ok) {
      return data({ result: submission.reply({ fieldErrors: REFUSALS[outcome.reason] }) }, { status: 409 });
    }
    return redirect(`/team/${outcome.member.id}?done=invited`);
  });
}

export default function Invite() {
  const { roles, locations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(InviteSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteSchema }),
    defaultValue: { locations: locations.length === 1 ? [locations[0]?.value] : [] },
  });
  return (
    <section className="panel narrow" aria-labelledby="invite-title">
      <p>
        <Link to="/team">← Team</Link>
      </p>
      <h1 id="invite-title">Invite someone</h1>
      <p className="muted">They get an email with a link to choose their password. The link works for 7 days.</p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} id={form.errorId} />
        <TextField field={fields.fullName} label="Full name" autoComplete="off" />
        <TextField field={fields.email} label="Email" type="email" autoComplete="off" />
        <SelectField field={fields.role} label="Role">
          <option value="">Choose a role</option>
          {roles.map((role) => (
            <option key={role.value} value={role.value}>
              {role.label}
            </option>
          ))}
        </SelectField>
        <CheckboxGroup field={fields.locations} legend="Works at" options={locations} />
        <button type="submit" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Sending…" : "Send invitation"}
        </button>
      </Form>
    </section>
  );
}
