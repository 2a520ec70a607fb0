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
import { signIn } from "~/services/identity/auth.server";
import { redeemSignInLink, requestSignInLink } from "~/services/identity/sign-in-link.server";
import { requireTenant } from "~/services/tenancy/tenant.server";

export const handle = CLIENT_PAGE;

const SendLinkSchema = z.object({ intent: z.literal("send"), email: EmailField });
const RedeemSchema = z.object({ intent: z.literal("redeem"), token: z.string().min(1).max(200) });
const LinkSchema = z.discriminatedUnion("intent", [SendLinkSchema, RedeemSchema]);

export const meta: MetaFunction = () => [{ title: "Sign in with an emailed link" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireTenant(request);
  const params = new URL(request.url).searchParams;
  return { token: params.get("token")?.slice(0, 200) ?? null, sent: params.has("sent") };
}

/**
 * Opening the link only shows a button: mail scanners that fetch every link must not spend it.
 * The button's post signs the person in.
 */
export async function action({ request }: ActionFunctionArgs) {
  const tenant = await requireTenant(request);
  const submission = parseWithZod(await readForm(request), { schema: LinkSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  if (submission.value.intent === "send") {
    await requestSignInLink(tenant, submission.value.email);
    // The same answer whether or not the account exists.
    return redirect("/login/link?sent=1");
  }
  const user = await redeemSignInLink(tenant, submission.value.token);
  if (!user) {
    return data({ result: submission.reply({ formErrors: [ACCOUNT_MESSAGES.signInLinkExpired] }) }, { status: 410 });
  }
  return signIn(tenant, user, "/");
}

export default function SignInLink() {
  const { token, sent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(SendLinkSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LinkSchema }),
  });
  if (token) {
    return (
      <section className="panel narrow" aria-labelledby="link-title">
        <h1 id="link-title">Sign in</h1>
        <Form method="post" action="/login/link" className="stack" {...getFormProps(form)}>
          <FormErrors errors={form.errors} id={form.errorId} />
          <input type="hidden" name="intent" value="redeem" />
          <input type="hidden" name="token" value={token} />
          <p>You asked for a link to sign in. It works once.</p>
          <button type="submit" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </Form>
        <p className="form-links">
          <Link to="/login/link">Send me a new link</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="panel narrow" aria-labelledby="link-title">
      <h1 id="link-title">Sign in with an emailed link</h1>
      {sent ? (
        <>
          <p className="alert alert-ok" role="status">
            {ACCOUNT_MESSAGES.signInLinkSent}
          </p>
          <p>The link works once, within 15 minutes. Check your spam folder if it does not arrive in a few minutes.</p>
        </>
      ) : (
        <>
          <p className="muted">No password needed: we email you a link that signs you in once.</p>
          <Form method="post" className="stack" {...getFormProps(form)}>
            <FormErrors errors={form.errors} id={form.errorId} />
            <input type="hidden" name="intent" value="send" />
            <TextField field={fields.email} label="Email" type="email" autoComplete="email" />
            <button type="submit" disabled={busy}>
              {busy ? "Sending…" : "Email me a sign-in link"}
            </button>
          </Form>
        </>
      )}
      <p className="form-links">
        <Link to="/login">Back to sign in</Link>
      </p>
    </section>
  );
}
