import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ChoiceGroup } from "~/components/choice-group";
import { FormErrors, SelectField, TextField } from "~/components/field";
import { Honeypot, HoneypotSchema } from "~/components/honeypot";
import { env } from "~/env.server";
import { readForm } from "~/route-handlers/read-form.server";
import { createStudio } from "~/services/studio/signup.server";
import { SlugSchema } from "~/services/studio/slug";
import { STUDIO_TYPE_CHOICES, StudioTypeField } from "~/services/studio/studio-type";
import { COMMON_TIMEZONES, isValidTimezone } from "~/services/studio/timezones";
import { resolveRequestTarget } from "~/services/tenancy/tenant.server";

const text = (label: string, max: number) =>
  z
    .string({ required_error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .max(max, `Keep ${label} under ${max} characters`);

const CreateStudioSchema = z.object({
  studioName: text("your studio's name", 80),
  slug: SlugSchema,
  // Preselected as "both" on the form; a form sent without it (an old page) means the same.
  studioType: StudioTypeField.default("hybrid"),
  ownerName: text("your name", 80),
  email: text("your email", 254).pipe(z.string().email("Enter an email address like name@example.com")),
  password: z
    .string({ required_error: "Choose a password" })
    .min(10, "Use at least 10 characters")
    .max(200, "Use at most 200 characters"),
  locationName: text("a name for your location", 80),
  addressLine1: text("the street address", 120),
  city: text("the town or city", 80),
  postcode: text("the postcode", 16),
  timezone: z
    .string({ required_error: "Choose a time zone" })
    .refine(isValidTimezone, "Choose a time zone from the list"),
  website: HoneypotSchema,
});

export const meta: MetaFunction = () => [{ title: "Create your studio — Wondrous" }];

async function requireApex(request: Request) {
  const target = await resolveRequestTarget(request);
  if (target.kind !== "apex") throw new Response("Not found", { status: 404 });
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireApex(request);
  return { appDomain: env().APP_DOMAIN };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireApex(request);
  const submission = parseWithZod(await readForm(request), { schema: CreateStudioSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const { value } = submission;
  const outcome = await createStudio({
    name: value.studioName,
    slug: value.slug,
    studioType: value.studioType,
    owner: { fullName: value.ownerName, email: value.email, password: value.password },
    location: {
      name: value.locationName,
      timezone: value.timezone,
      address: { line1: value.addressLine1, city: value.city, postcode: value.postcode, country: "GB" },
    },
  });
  if (!outcome.ok) {
    return data(
      {
        result: submission.reply({
          hideFields: ["password"],
          fieldErrors: { slug: ["That address is already taken; please choose another"] },
        }),
      },
      { status: 409 },
    );
  }
  return redirect(outcome.welcomeUrl);
}

export default function CreateStudio() {
  const { appDomain } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(CreateStudioSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateStudioSchema }),
    defaultValue: { timezone: "Europe/London", studioType: "hybrid" },
  });
  return (
    <section className="panel narrow" aria-labelledby="create-title">
      <h1 id="create-title">Create your studio</h1>
      <p className="muted">Free while you set up. You can add services, staff and more locations next.</p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} id={form.errorId} />
        <fieldset>
          <legend>Your studio</legend>
          <TextField field={fields.studioName} label="Studio name" autoComplete="organization" />
          <TextField
            field={fields.slug}
            label="Web address"
            hint="Letters, numbers and hyphens. Your clients book here."
            suffix={`.${appDomain}`}
            autoComplete="off"
          />
          <ChoiceGroup
            field={fields.studioType}
            legend="What do you mostly offer?"
            type="radio"
            options={STUDIO_TYPE_CHOICES}
            hint="You can offer both either way, and change this later in settings."
          />
        </fieldset>
        <fieldset>
          <legend>You, the owner</legend>
          <TextField field={fields.ownerName} label="Your name" autoComplete="name" />
          <TextField field={fields.email} label="Email" type="email" autoComplete="email" />
          <TextField
            field={fields.password}
            label="Password"
            type="password"
            hint="At least 10 characters."
            autoComplete="new-password"
          />
        </fieldset>
        <fieldset>
          <legend>Your first location</legend>
          <TextField field={fields.locationName} label="Location name" hint="For example: Camden" />
          <TextField field={fields.addressLine1} label="Street address" autoComplete="address-line1" />
          <TextField field={fields.city} label="Town or city" autoComplete="address-level2" />
          <TextField field={fields.postcode} label="Postcode" autoComplete="postal-code" />
          <SelectField field={fields.timezone} label="Time zone">
            {COMMON_TIMEZONES.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll("_", " ")}
              </option>
            ))}
          </SelectField>
        </fieldset>
        <Honeypot />
        <button type="submit" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Creating your studio…" : "Create studio"}
        </button>
      </Form>
    </section>
  );
}
