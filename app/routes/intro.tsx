import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CheckboxGroup } from "~/components/checkbox-field";
import { ChoiceGroup } from "~/components/choice-group";
import { FormErrors, SelectField, TextField } from "~/components/field";
import { Honeypot, HoneypotSchema } from "~/components/honeypot";
import { CLIENT_PAGE } from "~/components/page-scripts";
import { TextareaField } from "~/components/textarea-field";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { ACCOUNT_MESSAGES } from "~/services/identity/account-messages";
import { findSignedInUser, signIn } from "~/services/identity/auth.server";
import { signUpClient } from "~/services/identity/client-signup.server";
import {
  DAY_PART_LABELS,
  DAY_PARTS,
  IntroPreferencesSchema,
  IntroVisitorSchema,
  WEEKDAYS,
} from "~/services/intro/intro.schema";
import { type IntroStage, introPage, requireOffer, takeIntroOffer } from "~/services/intro/offer.server";
import { InvalidPhone, Refused } from "~/services/shared/errors";
import { requireTenant } from "~/services/tenancy/tenant.server";

export const handle = CLIENT_PAGE;

export const meta: MetaFunction = () => [{ title: "Intro offer" }];

const ClientForm = IntroPreferencesSchema.extend({ website: HoneypotSchema });
const VisitorForm = IntroVisitorSchema.extend({ website: HoneypotSchema });

/** Which field a refusal of the offer belongs next to. */
const REFUSAL_FIELDS: Record<string, string> = { NO_SUCH_OFFER: "packageId", NOT_AT_LOCATION: "locationId" };

// Public: a visitor sees the offer and signs up here; a signed-in client sees where theirs stands.
export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const tenant = await requireTenant(request);
    const viewer = await findSignedInUser(request, tenant);
    const page = await introPage(tenant, viewer);
    const unfinished = new URL(request.url).searchParams.get("unfinished") !== null;
    return { ...page, signedIn: viewer !== null, unfinished, idempotencyKey: crypto.randomUUID() };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const tenant = await requireTenant(request);
    const viewer = await findSignedInUser(request, tenant);
    const form = await readForm(request);
    const hide = { hideFields: ["password"] };
    if (viewer) {
      const submission = parseWithZod(form, { schema: ClientForm });
      if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
      try {
        const { redirectTo } = await takeIntroOffer(tenant, viewer, submission.value);
        return redirect(redirectTo, 303);
      } catch (error) {
        if (!(error instanceof Refused)) throw error;
        const field = REFUSAL_FIELDS[error.code];
        const reply = field
          ? submission.reply({ fieldErrors: { [field]: [error.message] } })
          : submission.reply({ formErrors: [error.message] });
        return data({ result: reply }, { status: error.status });
      }
    }
    const submission = parseWithZod(form, { schema: VisitorForm });
    if (submission.status !== "success") return data({ result: submission.reply(hide) }, { status: 400 });
    const { website: _honeypot, ...input } = submission.value;
    // The offer and place first, so a refused form leaves no account behind.
    try {
      await requireOffer(tenant, input);
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      const field = REFUSAL_FIELDS[error.code] ?? "packageId";
      return data({ result: submission.reply({ ...hide, fieldErrors: { [field]: [error.message] } }) }, 422);
    }
    const outcome = await signUpClient(tenant, { ...input, marketingConsent: false }).catch((error) => {
      if (error instanceof InvalidPhone) return error;
      throw error;
    });
    if (outcome instanceof InvalidPhone)
      return data({ result: submission.reply({ ...hide, fieldErrors: { [outcome.field]: [outcome.message] } }) }, 400);
    if (!outcome.ok) {
      const fieldErrors: Record<string, string[]> =
        outcome.reason === "email-taken"
          ? { email: [`${ACCOUNT_MESSAGES.emailTaken} Sign in first, then take the offer.`] }
          : { locationId: [ACCOUNT_MESSAGES.unknownLocation] };
      return data({ result: submission.reply({ ...hide, fieldErrors }) }, 409);
    }
    // The account exists now: whatever happens to the offer, the visitor is signed in to it.
    const cookie = (await signIn(tenant, outcome.user)).headers.get("Set-Cookie") ?? "";
    try {
      const { redirectTo } = await takeIntroOffer(tenant, outcome.user, input);
      return redirect(redirectTo, { status: 303, headers: { "Set-Cookie": cookie } });
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      return redirect("/intro?unfinished", { status: 303, headers: { "Set-Cookie": cookie } });
    }
  });
}

function StageNotice({ stage }: { stage: IntroStage }) {
  switch (stage.kind) {
    case "paid":
      return (
        <p className="alert alert-ok" role="status">
          Paid. The studio will match you with a trainer and text you your first session.
        </p>
      );
    case "pay_at_desk":
      return (
        <p className="alert alert-ok" role="status">
          You are signed up. Please pay {stage.price} at the front desk (or call the studio to pay by card). Once it is
          paid, the studio matches you with a trainer and texts you your first session.
        </p>
      );
    case "paying":
      return (
        <p className="alert alert-warn" role="status">
          Your payment is not finished yet. <Link to={`/payments/${stage.paymentId}`}>See your payment</Link>
        </p>
      );
    case "payment_ended":
      return (
        <p className="alert alert-warn" role="status">
          Your payment did not go through, so nothing was charged. You can try again below.
        </p>
      );
    case "matched":
      return (
        <p className="alert alert-ok" role="status">
          Your first session is booked: {stage.when}. <Link to={`/bookings/${stage.bookingId}`}>See your booking</Link>
        </p>
      );
    case "cancelled":
      return (
        <p className="alert alert-warn" role="status">
          The studio cancelled your intro sign-up{stage.reason ? `: ${stage.reason}` : "."} Please contact them with any
          questions.
        </p>
      );
  }
}

export default function Intro() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // A signed-in client's form is the visitor's without the account fields (which it does not render).
  const schema = (page.signedIn ? ClientForm : VisitorForm) as typeof VisitorForm;
  const locations = [...new Map(page.offers.flatMap((o) => o.locations).map((l) => [l.id, l])).values()];
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(schema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    defaultValue: { packageId: page.offers[0]?.id, locationId: locations[0]?.id },
  });
  const mayTake = page.refusal === null && (page.stage === null || page.stage.kind === "payment_ended");
  const first = page.offers[0];
  return (
    <section className="panel narrow" aria-labelledby="intro-title">
      <h1 id="intro-title">New to {page.studioName}?</h1>
      {page.unfinished ? (
        <p className="alert alert-warn" role="alert">
          Your account is ready, but the payment page could not be opened. Nothing was charged: please try again below.
        </p>
      ) : null}
      {page.stage ? <StageNotice stage={page.stage} /> : null}
      {page.refusal ? <p className="alert alert-warn">{page.refusal}</p> : null}
      {page.offers.length === 0 ? (
        <p>
          There is no intro offer at the moment. See our <Link to="/services">classes and sessions</Link>.
        </p>
      ) : (
        <ul className="cards">
          {page.offers.map((offer) => (
            <li className="card" key={offer.id}>
              <div className="service-head">
                <h2>{offer.name}</h2>
                <span className="service-price">{offer.price}</span>
              </div>
              <p>
                A first {offer.minutes}-minute {offer.serviceName} with a trainer we match to you, at{" "}
                {offer.locations.map((l) => l.name).join(" or ")}. For new clients, once.
              </p>
            </li>
          ))}
        </ul>
      )}
      {first && mayTake ? (
        <Form method="post" className="stack" reloadDocument {...getFormProps(form)}>
          <h2>{page.signedIn ? "When can you come?" : "Sign up"}</h2>
          <FormErrors errors={form.errors} id={form.errorId} />
          <input type="hidden" name="idempotencyKey" value={page.idempotencyKey} />
          {page.offers.length > 1 ? (
            <ChoiceGroup
              field={fields.packageId}
              legend="Offer"
              type="radio"
              options={page.offers.map((o) => ({ value: o.id, label: `${o.name}: ${o.price}` }))}
            />
          ) : (
            <input {...getInputProps(fields.packageId, { type: "hidden" })} key={fields.packageId.key} />
          )}
          {page.signedIn ? null : (
            <>
              <TextField field={fields.fullName} label="Full name" autoComplete="name" />
              <TextField field={fields.email} label="Email" type="email" autoComplete="email" />
              <TextField
                field={fields.phone}
                label="Mobile phone"
                type="tel"
                hint="We text you your first session."
                autoComplete="tel"
              />
              <TextField
                field={fields.password}
                label="Password"
                type="password"
                hint="At least 10 characters."
                autoComplete="new-password"
              />
            </>
          )}
          <SelectField field={fields.locationId} label="Where would you like to come?">
            {locations.map((location) => (
              <option key={location.id} value={location.id}>
                {location.name}
              </option>
            ))}
          </SelectField>
          <CheckboxGroup field={fields.days} legend="Days you can come" options={WEEKDAYS} />
          <CheckboxGroup
            field={fields.dayParts}
            legend="Times of day"
            options={DAY_PARTS.map((part) => ({ value: part, label: DAY_PART_LABELS[part] }))}
          />
          <TextareaField
            field={fields.notes}
            label="Anything we should know? (optional)"
            hint="Your goals, an injury, a trainer you would like."
            rows={3}
          />
          <Honeypot />
          <button type="submit">
            {page.paysOnline ? `Sign up and pay ${first.price}` : "Sign up and pay at the desk"}
          </button>
          {page.paysOnline ? (
            <p className="hint">You pay by card on Stripe's secure page.</p>
          ) : (
            <p className="hint">You pay at the front desk; the studio books your first session once it is paid.</p>
          )}
        </Form>
      ) : null}
      {page.signedIn ? null : (
        <p className="form-links">
          <span>
            Already have an account? <Link to="/login?redirectTo=/intro">Sign in</Link>
          </span>
        </p>
      )}
    </section>
  );
}
