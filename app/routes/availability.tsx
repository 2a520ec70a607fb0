import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AvailabilityEditor, type EditorActionData } from "~/components/availability-editor";
import { withPageErrors } from "~/http.server";
import { handleAvailabilityForm, noticeFor } from "~/route-handlers/availability-form.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { availabilityEditor } from "~/services/schedule/availability-editor.server";

export const meta: MetaFunction = () => [{ title: "Your availability" }];

// The signed-in instructor's (or trainer's, or owner's) own weekly hours and dates.
export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const page = await availabilityEditor(tenant, actor, actor.id);
    return { page, notice: noticeFor(request), editId: new URL(request.url).searchParams.get("edit") };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const studioActor = await requireStaffActor(request);
    return handleAvailabilityForm(request, studioActor, studioActor.actor.id, "/availability");
  });
}

export default function OwnAvailability() {
  const { page, notice, editId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as EditorActionData | undefined;
  return (
    <AvailabilityEditor page={page} actionData={actionData} basePath="/availability" editId={editId} notice={notice} />
  );
}
