import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { withPageErrors } from "~/http.server";
import { requireStudioActor } from "~/services/identity/actor.server";
import { requireId } from "~/services/identity/api.server";
import { type DeactivateOutcome, deactivateStaff, getStaffMember } from "~/services/people/team.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Deactivate ${data?.member.fullName ?? "team member"}` },
];

const REFUSALS = {
  self: "You cannot deactivate your own account.",
  "last-owner": "The studio needs at least one active owner.",
} satisfies Record<Extract<DeactivateOutcome, { ok: false }>["reason"], string>;

// A page of its own, so the confirmation step works without JavaScript.
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const { member, canDeactivate } = await getStaffMember(tenant, actor, requireId(params.id));
    return { member: { id: member.id, fullName: member.fullName }, canDeactivate };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const id = requireId(params.id);
    const outcome = await deactivateStaff(tenant, actor, id);
    if (!outcome.ok) return data({ error: REFUSALS[outcome.reason] }, { status: 409 });
    return redirect(`/team/${id}?done=deactivated`);
  });
}

export default function Deactivate() {
  const { member, canDeactivate } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const back = `/team/${member.id}`;
  return (
    <section className="panel narrow" aria-labelledby="deactivate-title">
      <h1 id="deactivate-title">Deactivate {member.fullName}?</h1>
      {actionData?.error ? (
        <p className="alert alert-error" role="alert">
          {actionData.error}
        </p>
      ) : null}
      {canDeactivate ? (
        <>
          <p>
            They are signed out at once and can no longer sign in. Their bookings, classes and history stay, and you can
            reactivate them later.
          </p>
          <Form method="post" className="actions">
            <button type="submit" className="danger">
              Deactivate {member.fullName}
            </button>
            <Link to={back}>Cancel</Link>
          </Form>
        </>
      ) : (
        <p>
          {member.fullName} cannot be deactivated here. <Link to={back}>Back</Link>
        </p>
      )}
    </section>
  );
}
