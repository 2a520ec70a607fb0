import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, TextField } from "~/components/field";
import { readForm } from "~/route-handlers/read-form.server";
import { signIn } from "~/services/identity/auth.server";
import { acceptInvitation, findInvitationByToken } from "~/services/people/invitation.server";
import { requireTenant } from "~/services/tenancy/tenant.server";

const JoinSchema = z
  .object({
    token: z.string({ required_error: "This link is incomplete" }).max(200),
    fullName: z
      .string({ required_error: "Enter your full name" })
      .trim()
      .min(1, "Enter your full name")
      .max(80, "Keep your name under 80 characters"),
    password: z
      .string({ required_error: "Choose a password" })
      .min(10, "Use at least 10 characters")
      .max(200, "Use at most 200 characters"),
    confirmPassword: z.string({ required_error: "Type your password again" }).max(200),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords are different",
  });

const EXPIRED = "This invitation link has expired or was already used. Ask the person who invited you for a new one.";

export const meta: MetaFunction = () => [{ title: "Join the team" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const tenant = await requireTenant(request);
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const invitation = token ? await findInvitationByToken(tenant, token) : null;
  if (!invitation) return data({ studio: tenant.studio.name, token: null, invitee: null }, { status: 410 });
  return {
    studio: tenant.studio.name,
    token,
    invitee: { fullName: invitation.fullName, email: invitation.email },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const tenant = await requireTenant(request);
  const submission = parseWithZod(await readForm(request), { schema: JoinSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password", "confirmPassword"] }) }, { status: 400 });
  }
  const outcome = await acceptInvitation(tenant, submission.value);
  if (!outcome.ok) {
    const result = submission.reply({ hideFields: ["password", "confirmPassword"], formErrors: [EXPIRED] });
    return data({ result }, { status: 410 });
  }
  return signIn(tenant, outcome.member, "/");
}

export default function Join() {
  const { studio, token, invitee } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(JoinSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: JoinSchema }),
    defaultValue: { fullName: invitee?.fullName, token },
  });
  if (!token || !invitee) {
    return (
      <section className="panel narrow" aria-labelledby="join-title">
        <h1 id="join-title">This link no longer works</h1>
        <p>{EXPIRED}</p>
        <p>
          Already joined? <a href="/login">Sign in</a>.
        </p>
      </section>
    );
  }
  return (
    <section className="panel narrow" aria-labelledby="join-title">
      <h1 id="join-title">Join {studio}</h1>
      <p className="muted">
        Signing in as <strong>{invitee.email}</strong>. Check your name and choose a password.
      </p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} id={form.errorId} />
        <input type="hidden" name="token" value={token} />
        <TextField field={fields.fullName} label="Full name" autoComplete="name" />
        <TextField
          field={fields.password}
          label="Password"
          type="password"
          hint="At least 10 characters."
          autoComplete="new-password"
        />
        <TextField field={fields.confirmPassword} label="Password again" type="password" autoComplete="new-password" />
        <button type="submit" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Joining…" : "Join"}
        </button>
      </Form>
    </section>
  );
}
