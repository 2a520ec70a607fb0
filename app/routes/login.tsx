import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, TextField } from "~/components/field";
import { authenticator, findSignedInUser, SignInError, safeRedirect, signIn } from "~/services/auth.server";
import { requireTenant } from "~/services/tenant.server";

const SignInSchema = z.object({
  email: z
    .string({ required_error: "Enter your email" })
    .trim()
    .max(254, "That email is too long")
    .email("Enter an email address like name@example.com"),
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

export async function action({ request }: ActionFunctionArgs) {
  const tenant = await requireTenant(request);
  // remix-auth's form strategy reads the body itself, so validation reads a clone.
  const submission = parseWithZod(await request.clone().formData(), { schema: SignInSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  try {
    const { user } = await authenticator.authenticate("password", request);
    return signIn(tenant, user, safeRedirect(submission.value.redirectTo));
  } catch (error) {
    if (!(error instanceof SignInError)) throw error;
    return data(
      { result: submission.reply({ hideFields: ["password"], formErrors: [error.message] }) },
      { status: 401 },
    );
  }
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
    </section>
  );
}
