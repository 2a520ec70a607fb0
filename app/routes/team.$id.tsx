import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CheckboxGroup } from "~/components/checkbox-field";
import { FormErrors, SelectField } from "~/components/field";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { requireStudioActor } from "~/services/identity/actor.server";
import { requireId } from "~/services/identity/api.server";
import { resendInvitation } from "~/services/people/invitation.server";
import { StaffLocationsSchema, StaffRoleSchema } from "~/services/people/team.schema";
import { assignLocations, changeRole, getStaffMember, reactivateStaff } from "~/services/people/team.server";
import { roleLabel } from "~/services/studio/navigation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.member.fullName ?? "Team member" }];

const NOTICES = {
  invited: "Invitation sent. They can join with the link in their email.",
  saved: "Saved.",
  deactivated: "Deactivated. They can no longer sign in.",
  reactivated: "Reactivated.",
} as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const page = await getStaffMember(tenant, actor, requireId(params.id));
    const done = new URL(request.url).searchParams.get("done");
    return { ...page, notice: done && done in NOTICES ? NOTICES[done as keyof typeof NOTICES] : null };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const id = requireId(params.id);
    const formData = await readForm(request);
    const intent = formData.get("intent");
    if (intent === "locations") {
      const submission = parseWithZod(formData, { schema: StaffLocationsSchema });
      if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
      const outcome = await assignLocations(tenant, actor, id, submission.value.accessible_locations);
      if (!outcome.ok) {
        const fieldErrors = { accessible_locations: ["Choose locations from the list"] };
        return data({ intent, result: submission.reply({ fieldErrors }) }, { status: 409 });
      }
      return redirect(`/team/${id}?done=saved`);
    }
    if (intent === "role") {
      const submission = parseWithZod(formData, { schema: StaffRoleSchema });
      if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
      await changeRole(tenant, actor, id, submission.value.role);
      return redirect(`/team/${id}?done=saved`);
    }
    if (intent === "resend") {
      await resendInvitation(tenant, actor, id);
      return redirect(`/team/${id}?done=invited`);
    }
    if (intent === "reactivate") {
      await reactivateStaff(tenant, actor, id);
      return redirect(`/team/${id}?done=reactivated`);
    }
    throw new Response("Unknown action", { status: 400 });
  });
}

const STATUS_LABELS = { active: "Active", invited: "Invited, not joined yet", deactivated: "Deactivated" } as const;

export default function TeamMember() {
  const page = useLoaderData<typeof loader>();
  const { member } = page;
  return (
    <section className="panel narrow" aria-labelledby="member-title">
      <p>
        <Link to="/team">← Team</Link>
      </p>
      {page.notice ? (
        <p className="alert alert-ok" role="status">
          {page.notice}
        </p>
      ) : null}
      <h1 id="member-title">{member.fullName}</h1>
      <dl className="facts">
        <dt>Role</dt>
        <dd>{member.roleLabel}</dd>
        <dt>Email</dt>
        <dd>
          <a href={`mailto:${member.email}`}>{member.email}</a>
        </dd>
        <dt>Status</dt>
        <dd>
          <span className={`status status-${member.status}`}>{STATUS_LABELS[member.status]}</span>
        </dd>
      </dl>
      {TEACHES.includes(member.role) ? (
        <p>
          <Link to={`/team/${member.id}/availability`}>Hours for 1:1 sessions</Link>
        </p>
      ) : null}
      {page.canResendInvitation ? (
        <Form method="post" className="inline-action">
          <input type="hidden" name="intent" value="resend" />
          <button type="submit" className="secondary">
            Send a new invitation link
          </button>
        </Form>
      ) : null}
      <LocationsForm page={page} />
      {page.roleOptions.length > 0 ? <RoleForm page={page} /> : null}
      <StatusActions page={page} />
    </section>
  );
}

/** People clients can book 1:1: their weekly hours are edited from here. */
const TEACHES = ["instructor", "trainer", "org_owner"];

type Page = ReturnType<typeof useLoaderData<typeof loader>>;

function LocationsForm({ page }: { page: Page }) {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "locations",
    lastResult: actionData?.intent === "locations" ? actionData.result : undefined,
    constraint: getZodConstraint(StaffLocationsSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StaffLocationsSchema }),
    defaultValue: { accessible_locations: page.member.accessibleLocations },
  });
  const options = page.locationOptions.map((l) => ({ value: l.id, label: l.name }));
  return (
    <Form method="post" className="stack section" {...getFormProps(form)}>
      <h2>Locations</h2>
      <FormErrors errors={form.errors} id={form.errorId} />
      <input type="hidden" name="intent" value="locations" />
      {/* Locations the actor does not run stay as they are. */}
      {page.otherLocations.map((l) => (
        <input key={l.id} type="hidden" name="accessible_locations" value={l.id} />
      ))}
      <CheckboxGroup
        field={fields.accessible_locations}
        legend="Works at"
        options={options}
        hint={
          page.otherLocations.length > 0
            ? `Also works at ${page.otherLocations.map((l) => l.name).join(", ")}.`
            : undefined
        }
      />
      <button type="submit" disabled={navigation.state === "submitting"}>
        Save locations
      </button>
    </Form>
  );
}

function RoleForm({ page }: { page: Page }) {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "role",
    lastResult: actionData?.intent === "role" ? actionData.result : undefined,
    constraint: getZodConstraint(StaffRoleSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StaffRoleSchema }),
    defaultValue: { role: page.member.role },
  });
  return (
    <Form method="post" className="stack section" {...getFormProps(form)}>
      <h2>Role</h2>
      <FormErrors errors={form.errors} id={form.errorId} />
      <input type="hidden" name="intent" value="role" />
      <SelectField field={fields.role} label="Role">
        {page.roleOptions.map((role) => (
          <option key={role} value={role}>
            {roleLabel(role)}
          </option>
        ))}
      </SelectField>
      <button type="submit" disabled={navigation.state === "submitting"}>
        Change role
      </button>
    </Form>
  );
}

function StatusActions({ page }: { page: Page }) {
  if (page.canReactivate) {
    return (
      <Form method="post" className="section">
        <h2>Access</h2>
        <p className="muted">Deactivated: they cannot sign in. Their history is kept.</p>
        <input type="hidden" name="intent" value="reactivate" />
        <button type="submit">Reactivate</button>
      </Form>
    );
  }
  if (!page.canDeactivate) return null;
  return (
    <div className="section">
      <h2>Access</h2>
      <p>
        <Link className="button danger" to={`/team/${page.member.id}/deactivate`}>
          Deactivate…
        </Link>
      </p>
    </div>
  );
}
