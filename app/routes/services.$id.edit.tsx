import { useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ServiceForm, type ServiceFormValues } from "~/components/service-form";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { findEditableService } from "~/services/catalogue/pages.server";
import { type ServiceInput, ServiceSchema } from "~/services/catalogue/service.schema";
import { editService, setServiceArchived } from "~/services/catalogue/services.server";
import { requireStudioActor } from "~/services/identity/actor.server";
import { requireId } from "~/services/identity/api.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit ${data?.service.name ?? "service"}` }];

/** Pence back to the pounds people type: 1250 → "12.50", 4500 → "45". */
function pounds(minor: number) {
  return minor % 100 === 0 ? String(minor / 100) : (minor / 100).toFixed(2);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const { service, locations } = await findEditableService(tenant, actor, requireId(params.id));
    return {
      locations,
      archived: service.archivedAt !== null,
      service: {
        name: service.name,
        description: service.description,
        type: service.type,
        durationMinutes: service.durationMinutes,
        capacity: service.capacity ?? undefined,
        price: pounds(service.priceMinor),
        locationIds: service.locationIds,
        bookingMode: service.bookingMode,
        selfBookingEnabled: service.selfBookingEnabled,
        instructorBookingEnabled: service.instructorBookingEnabled,
        adminBookingEnabled: service.adminBookingEnabled,
        cancellationWindowHours: service.cancellationWindowHours,
        requiresCredit: service.requiresCredit,
        waitlistMode: service.waitlistMode,
      },
    };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const id = requireId(params.id);
    const formData = await readForm(request);
    // The page's second form: take the service off (or back on) offer, keeping its history.
    const intent = formData.get("intent");
    if (intent === "archive" || intent === "restore") {
      await setServiceArchived(tenant, actor, id, intent === "archive");
      return redirect("/services");
    }
    const submission = parseWithZod(formData, { schema: ServiceSchema });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    await editService(tenant, actor, id, submission.value);
    return redirect("/services");
  });
}

export default function EditService() {
  const { service, locations, archived } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<ServiceFormValues, ServiceInput>({
    lastResult: actionData?.result,
    constraint: getZodConstraint(ServiceSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ServiceSchema }),
    defaultValue: service,
  });
  return (
    <section className="panel narrow" aria-labelledby="edit-service-title">
      <p>
        <Link to="/services">← Services</Link>
      </p>
      <h1 id="edit-service-title">Edit {service.name}</h1>
      <ServiceForm form={form} fields={fields} locations={locations} submitLabel="Save changes" />
      <Form method="post" className="section">
        <p className="muted">
          {archived
            ? "Archived: clients cannot see or book it. Restore it to offer it again."
            : "Archiving takes it off offer. Its history is kept, and you can restore it."}
        </p>
        <button
          type="submit"
          name="intent"
          value={archived ? "restore" : "archive"}
          className={archived ? undefined : "secondary"}
        >
          {archived ? `Restore ${service.name}` : `Archive ${service.name}`}
        </button>
      </Form>
    </section>
  );
}
