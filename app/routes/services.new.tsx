import { useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ServiceForm, type ServiceFormValues } from "~/components/service-form";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { serviceFormLocations } from "~/services/catalogue/pages.server";
import { type ServiceInput, ServiceSchema } from "~/services/catalogue/service.schema";
import { newServiceDefaults } from "~/services/catalogue/service-defaults";
import { createService } from "~/services/catalogue/services.server";
import { requireStudioActor } from "~/services/identity/actor.server";
import { studioTypeOf } from "~/services/studio/settings.server";

export const meta: MetaFunction = () => [{ title: "Add a service" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const [locations, studioType] = await Promise.all([serviceFormLocations(tenant, actor), studioTypeOf(tenant)]);
    return { locations, defaults: newServiceDefaults(studioType) };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const submission = parseWithZod(await readForm(request), { schema: ServiceSchema });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    await createService(tenant, actor, submission.value);
    return redirect("/services");
  });
}

export default function NewService() {
  const { locations, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<ServiceFormValues, ServiceInput>({
    lastResult: actionData?.result,
    constraint: getZodConstraint(ServiceSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ServiceSchema }),
    defaultValue: {
      ...defaults,
      // One location: it is the only choice, so choose it.
      locationIds: locations.length === 1 ? locations.map((l) => l.id) : [],
    },
  });
  return (
    <section className="panel narrow" aria-labelledby="new-service-title">
      <p>
        <Link to="/services">← Services</Link>
      </p>
      <h1 id="new-service-title">Add a service</h1>
      <ServiceForm form={form} fields={fields} locations={locations} submitLabel="Add service" />
    </section>
  );
}
