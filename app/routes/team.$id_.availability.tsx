import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AvailabilityEditor, type EditorActionData } from "~/components/availability-editor";
import { withPageErrors } from "~/http.server";
import { handleAvailabilityForm, noticeFor } from "~/route-handlers/availability-form.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { requireId } from "~/services/identity/api.server";
import { availabilityEditor } from "~/services/schedule/availability-editor.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.page.instructor.fullName}: availability` : "Availability" },
];

// A team member's hours, for the owner or a manager at their locations.
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const page = await availabilityEditor(tenant, actor, requireId(params.id));
    return { page, notice: noticeFor(request), editId: new URL(request.url).searchParams.get("edit") };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const studioActor = await requireStaffActor(request);
    const id = requireId(params.id);
    return handleAvailabilityForm(request, studioActor, id, `/team/${id}/availability`);
  });
}

export default function TeamMemberAvailability() {
  const { page, notice, editId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as EditorActionData | undefined;
  const basePath = `/team/${page.instructor.id}/availability`;
  return (
    <>
      <p>
        <Link to={`/team/${page.instructor.id}`}>← {page.instructor.fullName}</Link>
      </p>
      <AvailabilityEditor page={page} actionData={actionData} basePath={basePath} editId={editId} notice={notice} />
    </>
  );
}
