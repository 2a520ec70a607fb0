import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormErrors, SelectField, TextField } from "~/components/field";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { NewClientSchema } from "~/services/people/client.schema";
import { clientLocationOptions, createClient } from "~/services/people/client.server";
import { InvalidPhone } from "~/services/shared/errors";
import { locationContext } from "~/services/studio/location-context.server";

export const meta: MetaFunction = () => [{ title: "Add a client" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const [locations, context] = await Promise.all([
      clientLocationOptions(tenant, actor),
      locationContext(request, tenant, actor),
    ]);
    const current = locations.find((l) => l.id === context.selected) ?? locations[0];
    return { locations, defaultLocationId: current?.id ?? "" };
  });
}

const REFUSALS = {
  "email-taken": { email: ["Someone at this studio already uses that email; search for them instead"] },
  "unknown-location": { locationId: ["Choose a location from the list"] },
};

export async function action({ request }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const submission = parseWithZod(await readForm(request), { schema: NewClientSchema });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    const outcome = await createClient(tenant, actor, {
      ...submission.value,
      phone: submission.value.phone ?? null,
    }).catch((error) => {
      if (error instanceof InvalidPhone) return error;
      throw error;
    });
    if (outcome instanceof InvalidPhone) {
      return data({ result: submission.reply({ fieldErrors: { phone: [outcome.message] } }) }, { status: 400 });
    }
    if (!outcome.ok) {
      return data({ result: submission.reply({ fieldErrors: REFUSALS[outcome.reason] }) }, { status: 409 });
    }
    return redirect(`/clients/${outcome.clientId}?created=1`);
  });
}

export default function NewClient() {
  const { locations, defaultLocationId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(NewClientSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewClientSchema }),
    defaultValue: { locationId: defaultLocationId },
  });
  return (
    <section className="panel narrow" aria-labelledby="new-client-title">
      <p className="crumbs">
        <Link to="/clients">Clients</Link>
      </p>
      <h1 id="new-client-title">Add a client</h1>
      <p className="muted">They can set their own password later with “Forgot password” on the sign-in page.</p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} id={form.errorId} />
        <TextField field={fields.fullName} label="Full name" autoComplete="off" />
        <TextField field={fields.email} label="Email" type="email" autoComplete="off" />
        <TextField field={fields.phone} label="Phone (optional)" type="tel" autoComplete="off" />
        <SelectField field={fields.locationId} label="Home location">
          {locations.map((location) => (
            <option key={location.id} value={location.id}>
              {location.name}
            </option>
          ))}
        </SelectField>
        <button type="submit" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Adding…" : "Add client"}
        </button>
      </Form>
    </section>
  );
}
