import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, TextField } from "~/components/field";
import { CLIENT_PAGE } from "~/components/page-scripts";
import { readForm } from "~/route-handlers/read-form.server";
import { EmailField } from "~/services/identity/account-fields";
import { ACCOUNT_MESSAGES } from "~/services/identity/account-messages";
import { requestPasswordReset } from "~/services/identity/password-reset.server";
import { requireTenant } from "~/services/tenancy/tenant.server";

export const handle = CLIENT_PAGE;

const ForgotPasswordSchema = z.object({ email: EmailField });

export const meta: MetaFunction = () => [{ title: "Reset your password" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireTenant(request);
  return { sent: new URL(request.url).searchParams.has("sent") };
}

export async function action({ request }: ActionFunctionArgs) {
  const tenant = await requireTenant(request);
  const submission = parseWithZod(await readForm(request), { schema: ForgotPasswordSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  await requestPasswordReset(tenant, submission.value.email);
  // The same answer whether or not the account exists.
  return redirect("/forgot-password?sent=1");
}

export default function ForgotPassword() {
  const { sent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(ForgotPasswordSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotPasswordSchema }),
  });
  return (
    <section className="panel narrow" aria-labelledby="forgot-title">
      <h1 id="forgot-title">Reset your password</h1>
      {sent ? (
        <>
          <p className="alert alert-ok" role="status">
            {ACCOUNT_MESSAGES.resetRequested}
          </p>
          <p>The link works once, within an hour. Check your spam folder if it does not arrive in a few minutes.</p>
          <p>
            <Link className="action-link" to="/login">
              Back to sign in
            </Link>
          </p>
        </>
      ) : (
        <>
          <p className="muted">
            Enter the email you sign in with and we will send you a link to choose a new password.
          </p>
          <Form method="post" className="stack" {...getFormProps(form)}>
            <FormErrors errors={form.errors} id={form.errorId} />
            <TextField field={fields.email} label="Email" type="email" autoComplete="email" />
            <button type="submit" disabled={navigation.state === "submitting"}>
              {navigation.state === "submitting" ? "Sending…" : "Send reset link"}
            </button>
          </Form>
          <p className="form-links">
            <Link to="/login">Back to sign in</Link>
          </p>
        </>
      )}
    </section>
  );
}
