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
import { findSignedInUser, safeRedirect, signIn } from "~/services/identity/auth.server";
import { type SignInRefusal, signInWithPassword } from "~/services/identity/sign-in.server";
import { requireTenant } from "~/services/tenancy/tenant.server";

export const handle = CLIENT_PAGE;

const SignInSchema = z.object({
  email: EmailField,
  password: z.string({ required_error: "Enter your password" }).max(200, "That password is too long"),
  redirectTo: z.string().optional(),
});

export const meta: MetaFunction = () => [{ title: "Sign in" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const tenant = await requireTenant(request);
  const url = new URL(request.url);
  const redirectTo = safeRedirect(url.searchParams.get("redirectTo"));
  if (await findSignedInUser(request, tenant)) throw redirect(redirectTo);
  return { redirectTo, expired: url.searchParams.has("expired") };
}

const refusal = {
  "invalid-credentials": { message: ACCOUNT_MESSAGES.invalidCredentials, status: 401 },
  throttled: { message: ACCOUNT_MESSAGES.throttled, status: 429 },
} satisfies Record<SignInRefusal, { message: string; status: number }>;

export async function action({ request, context }: ActionFunctionArgs) {
  const tenant = await requireTenant(request);
  const submission = parseWithZod(await readForm(request), { schema: SignInSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const outcome = await signInWithPassword(tenant, submission.value, context.clientIp);
  if (!outcome.ok) {
    const { message, status } = refusal[outcome.reason];
    return data({ result: submission.reply({ hideFields: ["password"], formErrors: [message] }) }, { status });
  }
  return signIn(tenant, outcome.user, safeRedirect(submission.value.redirectTo));
}

export default function SignIn() {
  const { redirectTo, expired } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(SignInSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignInSchema }),
  });
  return (
    <section className="panel narrow" aria-labelledby="signin-title">
      <h1 id="signin-title">Sign in</h1>
      {expired ? (
        <p className="alert alert-error" role="alert">
          That sign-in link has expired or was already used. Please sign in with your email and password.
        </p>
      ) : null}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} id={form.errorId} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField field={fields.email} label="Email" type="email" autoComplete="email" />
        <TextField field={fields.password} label="Password" type="password" autoComplete="current-password" />
        <button type="submit" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Signing in…" : "Sign in"}
        </button>
      </Form>
      <p className="form-links">
        <Link to="/forgot-password">Forgot your password?</Link>
        <Link to="/login/link">Email me a sign-in link</Link>
        <span>
          New here? <Link to="/signup">Create an account</Link>
        </span>
      </p>
    </section>
  );
}
