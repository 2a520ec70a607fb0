import { useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { LocationForm } from "~/components/location-form";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { requireStudioActor } from "~/services/identity/actor.server";
import { hoursFormValue, LocationSchema } from "~/services/studio/location.schema";
import { createLocation, newLocationDefaults } from "~/services/studio/location-admin.server";
import { COMMON_TIMEZONES } from "~/services/studio/timezones";

export const meta: MetaFunction = () => [{ title: "Add a location" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    return newLocationDefaults(tenant, actor);
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const submission = parseWithZod(await readForm(request), { schema: LocationSchema });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    // A new location opens straight away: the form has no "open" tick box to leave empty.
    const outcome = await createLocation(tenant, actor, { ...submission.value, isActive: true });
    if (!outcome.ok) {
      const result = submission.reply({ fieldErrors: { name: ["Another location already has this name"] } });
      return data({ result }, { status: 409 });
    }
    return redirect("/locations");
  });
}

export default function NewLocation() {
  const defaults = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof LocationSchema>>({
    lastResult: actionData?.result,
    constraint: getZodConstraint(LocationSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LocationSchema }),
    defaultValue: {
      timezone: defaults.timezone,
      address: { country: defaults.country },
      operatingHours: hoursFormValue(defaults.operatingHours),
    },
  });
  return (
    <section className="panel narrow" aria-labelledby="new-location-title">
      <p>
        <Link to="/locations">← Locations</Link>
      </p>
      <h1 id="new-location-title">Add a location</h1>
      <LocationForm
        form={form}
        fields={fields}
        submitLabel="Add location"
        timezones={COMMON_TIMEZONES}
        showActive={false}
      />
    </section>
  );
}
