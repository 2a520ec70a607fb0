import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import {
  type ActionFunctionArgs,
  data,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, TextField } from "~/components/field";
import { CLIENT_PAGE } from "~/components/page-scripts";
import { readForm } from "~/route-handlers/read-form.server";
import { NewPasswordField } from "~/services/identity/account-fields";
import { signIn } from "~/services/identity/auth.server";
import { isPasswordResetTokenLive, resetPassword } from "~/services/identity/password-reset.server";
import { requireTenant } from "~/services/tenancy/tenant.server";

export const handle = CLIENT_PAGE;

const ResetPasswordSchema = z
  .object({
    token: z.string().min(1).max(200),
    password: NewPasswordField,
    confirmPassword: z.string({ required_error: "Type the new password again" }).max(200),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords do not match",
  });

export const meta: MetaFunction = () => [{ title: "Choose a new password" }];

// The token is in the address: never send it on to another site as a referrer. ("no-referrer"
// would also make the browser send "Origin: null" on this page's own form, which the
// server's cross-site check refuses.)
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "same-origin" });

export async function loader({ request }: LoaderFunctionArgs) {
  const tenant = await requireTenant(request);
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const live = token.length > 0 && token.length <= 200 && (await isPasswordResetTokenLive(tenant, token));
  return live ? { live: true as const, token } : { live: false as const, token: "" };
}

export async function action({ request }: ActionFunctionArgs) {
  const tenant = await requireTenant(request);
  const submission = parseWithZod(await readForm(request), { schema: ResetPasswordSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password", "confirmPassword"] }) }, { status: 400 });
  }
  const outcome = await resetPassword(tenant, submission.value.token, submission.value.password);
  // Spent or expired since the form was shown: the page without a token explains.
  if (!outcome.ok) return redirect("/reset-password");
  return signIn(tenant, outcome.user, "/?password-changed=1");
}

export default function ResetPassword() {
  const { live, token } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(ResetPasswordSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetPasswordSchema }),
  });
  if (!live) {
    return (
      <section className="panel narrow" aria-labelledby="reset-title">
        <h1 id="reset-title">This link has expired</h1>
        <p>
          Password reset links work once, within an hour. This one has expired or was already used, so your password has
          not been changed.
        </p>
        <p>
          <Link className="button" to="/forgot-password">
            Send me a new link
          </Link>
        </p>
      </section>
    );
  }
  return (
    <section className="panel narrow" aria-labelledby="reset-title">
      <h1 id="reset-title">Choose a new password</h1>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} id={form.errorId} />
        <input type="hidden" name="token" value={token} />
        <TextField
          field={fields.password}
          label="New password"
          type="password"
          hint="At least 10 characters."
          autoComplete="new-password"
        />
        <TextField field={fields.confirmPassword} label="Type it again" type="password" autoComplete="new-password" />
        <button type="submit" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Saving…" : "Save new password"}
        </button>
      </Form>
    </section>
  );
}
