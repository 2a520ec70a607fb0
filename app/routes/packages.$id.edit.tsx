import { useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { PackageForm, type PackageFormValues } from "~/components/package-form";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { type PackageInput, PackageSchema } from "~/services/credits/package.schema";
import {
  editPackage,
  findEditablePackage,
  packageFormOptions,
  setPackageArchived,
} from "~/services/credits/packages.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { requireId } from "~/services/identity/api.server";
import { minorToPounds } from "~/services/shared/money";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit ${data?.pack.name ?? "package"}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const pack = await findEditablePackage(tenant, actor, requireId(params.id));
    return {
      options: await packageFormOptions(tenant, actor, { serviceIds: pack.serviceIds }),
      archived: pack.archivedAt !== null,
      pack: {
        name: pack.name,
        credits: pack.credits,
        validDays: pack.validDays,
        price: minorToPounds(pack.priceMinor),
        locationIds: pack.locationIds,
        serviceIds: pack.serviceIds,
        introOffer: pack.introOffer,
      },
    };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const id = requireId(params.id);
    const formData = await readForm(request);
    // The page's second form (and the list's buttons): take the package off sale, or back on.
    const intent = formData.get("intent");
    if (intent === "archive" || intent === "restore") {
      await setPackageArchived(tenant, actor, id, intent === "archive");
      return redirect(`/packages?saved=${intent === "archive" ? "archived" : "restored"}`);
    }
    const submission = parseWithZod(formData, { schema: PackageSchema });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    const outcome = await editPackage(tenant, actor, id, submission.value);
    if (!outcome.ok) return data({ result: submission.reply({ fieldErrors: outcome.fieldErrors }) }, { status: 400 });
    return redirect("/packages?saved=updated");
  });
}

export default function EditPackage() {
  const { pack, options, archived } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<PackageFormValues, PackageInput>({
    lastResult: actionData?.result,
    constraint: getZodConstraint(PackageSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PackageSchema }),
    defaultValue: pack,
  });
  return (
    <section className="panel narrow" aria-labelledby="edit-package-title">
      <p>
        <Link to="/packages">← Packages</Link>
      </p>
      <h1 id="edit-package-title">Edit {pack.name}</h1>
      <p className="muted">Changes apply to future sales. Credits already given keep their expiry and coverage.</p>
      <PackageForm form={form} fields={fields} options={options} submitLabel="Save changes" />
      <Form method="post" className="section">
        <p className="muted">
          {archived
            ? "Archived: it is off sale. Restore it to sell it again."
            : "Archiving takes it off sale. Credits clients already hold stay valid, and you can restore it."}
        </p>
        <button
          type="submit"
          name="intent"
          value={archived ? "restore" : "archive"}
          className={archived ? undefined : "secondary"}
        >
          {archived ? `Restore ${pack.name}` : `Archive ${pack.name}`}
        </button>
      </Form>
    </section>
  );
}
