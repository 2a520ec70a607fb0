import { useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { LocationForm } from "~/components/location-form";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { requireStudioActor } from "~/services/identity/actor.server";
import { requireId } from "~/services/identity/api.server";
import { type OutsideHours, outsideNewHours } from "~/services/schedule/opening-hours-change.server";
import { hoursFormValue, LocationSchema } from "~/services/studio/location.schema";
import { findEditableLocation, type LocationRefusal, updateLocation } from "~/services/studio/location-admin.server";
import { COMMON_TIMEZONES } from "~/services/studio/timezones";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit ${data?.location.name ?? "location"}` }];

const OUTSIDE_SHOWN = 8;

const REFUSALS = {
  "name-taken": { name: ["Another location already has this name"] },
  "last-open-location": { isActive: ["This is the studio's only open location: open another one first"] },
} satisfies Record<LocationRefusal, Record<string, string[]>>;

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const location = await findEditableLocation(tenant, actor, requireId(params.id));
    return {
      location: {
        name: location.name,
        address: location.address,
        timezone: location.timezone,
        operatingHours: hoursFormValue(location.operatingHours),
        latitude: location.latitude,
        longitude: location.longitude,
        isActive: location.isActive,
      },
    };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const id = requireId(params.id);
    const formData = await readForm(request);
    const submission = parseWithZod(formData, { schema: LocationSchema });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    // The whole form was sent: an empty coordinate clears it, an unticked "Open" closes the location.
    const { value } = submission;
    // New hours that leave classes or booked sessions outside them are saved only once confirmed.
    await findEditableLocation(tenant, actor, id);
    if (formData.get("confirmOutsideHours") !== "on") {
      const outside = await outsideNewHours(tenant, id, value.operatingHours);
      if (outside.length > 0) return data({ result: submission.reply(), outside }, { status: 409 });
    }
    const outcome = await updateLocation(tenant, actor, id, {
      ...value,
      latitude: value.latitude ?? null,
      longitude: value.longitude ?? null,
      isActive: value.isActive ?? false,
    });
    if (!outcome.ok) {
      return data({ result: submission.reply({ fieldErrors: REFUSALS[outcome.reason] }) }, { status: 409 });
    }
    return redirect("/locations");
  });
}

export default function EditLocation() {
  const { location } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof LocationSchema>>({
    lastResult: actionData?.result,
    constraint: getZodConstraint(LocationSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LocationSchema }),
    defaultValue: location,
  });
  const timezones = COMMON_TIMEZONES.some((zone) => zone === location.timezone)
    ? COMMON_TIMEZONES
    : [location.timezone, ...COMMON_TIMEZONES];
  return (
    <section className="panel narrow" aria-labelledby="edit-location-title">
      <p>
        <Link to="/locations">← Locations</Link>
      </p>
      <h1 id="edit-location-title">Edit {location.name}</h1>
      <LocationForm form={form} fields={fields} submitLabel="Save changes" timezones={timezones} showActive />
      {actionData && "outside" in actionData && Array.isArray(actionData.outside) ? (
        <div className="alert alert-warn" role="alert" id="outside-hours">
          <p>These would fall outside the new opening hours (they stay booked; nothing was saved yet):</p>
          <ul>
            {(actionData.outside as OutsideHours[]).slice(0, OUTSIDE_SHOWN).map((item) => (
              <li key={`${item.what} ${item.when}`}>
                {item.what}, {item.when}
              </li>
            ))}
          </ul>
          {actionData.outside.length > OUTSIDE_SHOWN ? (
            <p>…and {actionData.outside.length - OUTSIDE_SHOWN} more.</p>
          ) : null}
          <div className="checkbox-row">
            <input type="checkbox" id="confirm-outside-hours" name="confirmOutsideHours" form={form.id} />
            <label htmlFor="confirm-outside-hours">Save the new hours anyway</label>
          </div>
          <p className="muted">Tick the box, then press Save changes again.</p>
        </div>
      ) : null}
    </section>
  );
}
