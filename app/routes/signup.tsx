import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CheckboxField } from "~/components/checkbox-field";
import { FormErrors, SelectField, TextField } from "~/components/field";
import { Honeypot, HoneypotSchema } from "~/components/honeypot";
import { CLIENT_PAGE } from "~/components/page-scripts";
import { readForm } from "~/route-handlers/read-form.server";
import { ClientSignUpFields } from "~/services/identity/account-fields";
import { ACCOUNT_MESSAGES } from "~/services/identity/account-messages";
import { findSignedInUser, signIn } from "~/services/identity/auth.server";
import { signUpClient, signUpLocations } from "~/services/identity/client-signup.server";
import { introTeaser } from "~/services/intro/offer.server";
import { InvalidPhone } from "~/services/shared/errors";
import { rememberedLocationId } from "~/services/studio/location-context.server";
import { requireTenant } from "~/services/tenancy/tenant.server";

export const handle = CLIENT_PAGE;

const SignUpSchema = z.object({
  ...ClientSignUpFields,
  website: HoneypotSchema,
});

export const meta: MetaFunction = () => [{ title: "Create an account" }];

/**
 * The location of the page the visitor came from: a schedule's or class's `locationId` in the
 * sign-up link, else the location last chosen in this browser.
 */
async function cameFrom(request: Request) {
  return new URL(request.url).searchParams.get("locationId") ?? (await rememberedLocationId(request));
}

export async function loader({ request }: LoaderFunctionArgs) {
  const tenant = await requireTenant(request);
  if (await findSignedInUser(request, tenant)) throw redirect("/");
  const locations = await signUpLocations(tenant, await cameFrom(request));
  return { studioName: tenant.studio.name, locations, intro: await introTeaser(tenant) };
}

export async function action({ request }: ActionFunctionArgs) {
  const tenant = await requireTenant(request);
  const submission = parseWithZod(await readForm(request), { schema: SignUpSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const { website: _honeypot, ...input } = submission.value;
  const outcome = await signUpClient(tenant, input, await cameFrom(request)).catch((error) => {
    if (error instanceof InvalidPhone) return error;
    throw error;
  });
  if (outcome instanceof InvalidPhone) {
    const fieldErrors = { [outcome.field]: [outcome.message] };
    return data({ result: submission.reply({ hideFields: ["password"], fieldErrors }) }, { status: 400 });
  }
  if (!outcome.ok && outcome.reason === "unknown-location") {
    const fieldErrors = { locationId: [ACCOUNT_MESSAGES.unknownLocation] };
    return data({ result: submission.reply({ hideFields: ["password"], fieldErrors }) }, { status: 400 });
  }
  if (!outcome.ok) {
    return data(
      { result: submission.reply({ hideFields: ["password"], fieldErrors: { email: [ACCOUNT_MESSAGES.emailTaken] } }) },
      { status: 409 },
    );
  }
  return signIn(tenant, outcome.user, "/");
}

export default function SignUp() {
  const { studioName, locations, intro } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(SignUpSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignUpSchema }),
    defaultValue: { locationId: locations.defaultId ?? undefined },
  });
  return (
    <section className="panel narrow" aria-labelledby="signup-title">
      <h1 id="signup-title">Create an account</h1>
      <p className="muted">Book classes and sessions at {studioName}.</p>
      {intro ? (
        <p>
          First time here?{" "}
          <Link to="/intro">
            Try our {intro.name} for {intro.price}
          </Link>
          : sign up, pay, and we match you with a trainer.
        </p>
      ) : null}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} id={form.errorId} />
        <TextField field={fields.fullName} label="Full name" autoComplete="name" />
        <TextField field={fields.email} label="Email" type="email" autoComplete="email" />
        <TextField
          field={fields.phone}
          label="Phone (optional)"
          type="tel"
          hint="For reminders and if the studio needs to reach you."
          autoComplete="tel"
        />
        <TextField
          field={fields.password}
          label="Password"
          type="password"
          hint="At least 10 characters."
          autoComplete="new-password"
        />
        {locations.options.length > 1 ? (
          <SelectField field={fields.locationId} label="Your usual location">
            {locations.options.map((location) => (
              <option key={location.id} value={location.id}>
                {location.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <CheckboxField
          field={fields.marketingConsent}
          label={`Send me news and offers from ${studioName}. You can stop them at any time.`}
        />
        <Honeypot />
        <button type="submit" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Creating your account…" : "Create account"}
        </button>
      </Form>
      <p className="form-links">
        <span>
          Already have an account? <Link to="/login">Sign in</Link>
        </span>
      </p>
    </section>
  );
}
