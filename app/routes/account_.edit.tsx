import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormErrors, TextField } from "~/components/field";
import { CLIENT_PAGE } from "~/components/page-scripts";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { requireStudioActor } from "~/services/identity/actor.server";
import { OwnProfileSchema } from "~/services/people/client.schema";
import { updateOwnProfile, viewOwnProfile } from "~/services/people/own-profile.server";
import { InvalidPhone } from "~/services/shared/errors";

export const handle = CLIENT_PAGE;

export const meta: MetaFunction = () => [{ title: "Edit my details" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    return { profile: await viewOwnProfile(tenant, actor) };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const submission = parseWithZod(await readForm(request), { schema: OwnProfileSchema });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    const value = submission.value;
    try {
      await updateOwnProfile(tenant, actor, {
        fullName: value.fullName,
        phone: value.phone ?? null,
        emergencyContactName: value.emergencyContactName ?? null,
        emergencyContactPhone: value.emergencyContactPhone ?? null,
      });
    } catch (error) {
      if (!(error instanceof InvalidPhone)) throw error;
      return data({ result: submission.reply({ fieldErrors: { [error.field]: [error.message] } }) }, { status: 400 });
    }
    return redirect("/account?saved=1");
  });
}

export default function EditOwnProfile() {
  const { profile } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(OwnProfileSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OwnProfileSchema }),
    defaultValue: {
      fullName: profile.fullName,
      phone: profile.phone ?? "",
      emergencyContactName: profile.emergencyContactName ?? "",
      emergencyContactPhone: profile.emergencyContactPhone ?? "",
    },
  });
  return (
    <section className="panel narrow" aria-labelledby="edit-own-title">
      <p className="crumbs">
        <Link to="/account">My account</Link>
      </p>
      <h1 id="edit-own-title">Edit my details</h1>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} id={form.errorId} />
        <TextField field={fields.fullName} label="Full name" autoComplete="name" />
        <TextField field={fields.phone} label="Phone" type="tel" autoComplete="tel" />
        <fieldset>
          <legend>Emergency contact</legend>
          <p className="hint">Someone we can call if you are unwell during a session.</p>
          <TextField field={fields.emergencyContactName} label="Name" autoComplete="off" />
          <TextField field={fields.emergencyContactPhone} label="Phone" type="tel" autoComplete="off" />
        </fieldset>
        <button type="submit" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Saving…" : "Save"}
        </button>
      </Form>
    </section>
  );
}
