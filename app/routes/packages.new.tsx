import { useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { PackageForm, type PackageFormValues } from "~/components/package-form";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { type PackageInput, PackageSchema } from "~/services/credits/package.schema";
import { createPackage, packageFormOptions } from "~/services/credits/packages.server";
import { requireStaffActor } from "~/services/identity/actor.server";

export const meta: MetaFunction = () => [{ title: "New package" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    return packageFormOptions(tenant, actor);
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const submission = parseWithZod(await readForm(request), { schema: PackageSchema });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    const outcome = await createPackage(tenant, actor, submission.value);
    if (!outcome.ok) return data({ result: submission.reply({ fieldErrors: outcome.fieldErrors }) }, { status: 400 });
    return redirect("/packages?saved=created");
  });
}

export default function NewPackage() {
  const options = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<PackageFormValues, PackageInput>({
    lastResult: actionData?.result,
    constraint: getZodConstraint(PackageSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PackageSchema }),
    // A manager of one location sells there: tick it for them.
    defaultValue: { locationIds: options.mayCoverAll ? [] : options.locations.map((l) => l.id) },
  });
  return (
    <section className="panel narrow" aria-labelledby="new-package-title">
      <p>
        <Link to="/packages">← Packages</Link>
      </p>
      <h1 id="new-package-title">New package</h1>
      <PackageForm form={form} fields={fields} options={options} submitLabel="Add package" />
    </section>
  );
}
