import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CheckboxField } from "~/components/checkbox-field";
import { ChoiceGroup } from "~/components/choice-group";
import { FormErrors } from "~/components/field";
import { CLIENT_PAGE } from "~/components/page-scripts";
import { ParqReminder } from "~/components/parq-reminder";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { creditBalance } from "~/services/credits/pages.server";
import { ACCOUNT_MESSAGES } from "~/services/identity/account-messages";
import { requireStudioActor } from "~/services/identity/actor.server";
import { requireUser } from "~/services/identity/auth.server";
import { isEmailVerified } from "~/services/identity/email-verification.server";
import { mayEver } from "~/services/identity/permissions";
import { MessagePreferencesSchema } from "~/services/people/client.schema";
import { updateOwnProfile, viewOwnProfile } from "~/services/people/own-profile.server";
import { ownParqReminder } from "~/services/people/parq.server";
import type { ParqStatus } from "~/services/people/parq-status";
import { fullDateAt } from "~/services/shared/date-words";
import { Refused } from "~/services/shared/errors";
import { roleLabel } from "~/services/studio/navigation";
import { studioTimezone } from "~/services/studio/time.server";
import { requireTenant, type Tenant } from "~/services/tenancy/tenant.server";
import type { User } from "~db/schema/tenant";

export const handle = CLIENT_PAGE;

export const meta: MetaFunction = () => [{ title: "My account" }];

const OWN_PARQ_STATUS: Record<ParqStatus, string> = {
  missing: "Not filled in yet",
  on_file: "On file",
  needs_review: "On file; the studio will check in with you",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const tenant = await requireTenant(request);
  const user = await requireUser(request, tenant);
  return {
    fullName: user.fullName,
    email: user.email,
    phone: user.phone,
    role: roleLabel(user.role),
    memberSince: fullDateAt(user.createdAt, await studioTimezone(tenant)),
    // Clients only: whether they still have to confirm their address (a new link is offered).
    emailVerified: user.role === "client" ? isEmailVerified(user) : null,
    // Clients only: their health check and whether the studio is waiting for one.
    parq: await ownParqReminder(tenant, user),
    // Clients only: what they have to book with.
    credits: user.role === "client" ? await creditBalance(tenant, user, user.id) : null,
    // Clients only: how they hear about their bookings, and news and offers.
    messages: user.role === "client" ? await messageChoices(tenant, user) : null,
    // The owner only: where to take all of the studio's data away.
    mayExport: mayEver(user.role, "studio.export"),
    saved: new URL(request.url).searchParams.get("saved"),
  };
}

async function messageChoices(tenant: Tenant, user: User) {
  const { messageChannels, marketingConsent, noTexts } = await viewOwnProfile(tenant, user);
  // Without a mobile they get email, whatever they once chose; the form says so.
  return { messageChannels: noTexts ? "email" : messageChannels, marketingConsent, noTexts };
}

export async function action({ request }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const submission = parseWithZod(await readForm(request), { schema: MessagePreferencesSchema });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    try {
      await updateOwnProfile(tenant, actor, {
        messageChannels: submission.value.messageChannels,
        marketingConsent: submission.value.marketingConsent ?? false,
      });
    } catch (error) {
      if (!(error instanceof Refused && error.code === "NO_MOBILE")) throw error;
      return data({ result: submission.reply({ fieldErrors: { messageChannels: [error.message] } }) }, { status: 400 });
    }
    return redirect("/account?saved=messages");
  });
}

const CHANNEL_CHOICES = [
  { value: "email", label: "Email" },
  { value: "sms", label: "Text message (SMS)" },
  { value: "both", label: "Email and text message" },
];

const SAVED: Record<string, string> = {
  messages: "Your message choices are saved.",
  "verification-sent": ACCOUNT_MESSAGES.verificationLinkSent,
};

export default function Account() {
  const account = useLoaderData<typeof loader>();
  return (
    <>
      {account.saved ? (
        <p className="alert alert-ok narrow" role="status">
          {SAVED[account.saved] ?? "Your details are saved."}
        </p>
      ) : null}
      {account.parq?.reminder ? (
        <div className="narrow">
          <ParqReminder />
        </div>
      ) : null}
      <section className="panel narrow" aria-labelledby="account-title">
        <h1 id="account-title">My account</h1>
        <dl>
          <dt>Name</dt>
          <dd>{account.fullName}</dd>
          <dt>Email</dt>
          <dd>
            {account.email}
            {account.emailVerified === false ? " · Not confirmed yet" : null}
          </dd>
          {account.phone ? (
            <>
              <dt>Phone</dt>
              <dd>{account.phone}</dd>
            </>
          ) : null}
          <dt>Role</dt>
          <dd>{account.role}</dd>
          <dt>Member since</dt>
          <dd>{account.memberSince}</dd>
          {account.credits !== null ? (
            <>
              <dt>Credits</dt>
              <dd>
                {account.credits} · <Link to="/account/credits">See my credits</Link>
              </dd>
            </>
          ) : null}
          {account.parq ? (
            <>
              <dt>Health check (PAR-Q)</dt>
              <dd>
                {OWN_PARQ_STATUS[account.parq.status]} ·{" "}
                <Link to="/account/health">
                  {account.parq.status === "missing" ? "Fill it in" : "See or update your answers"}
                </Link>
              </dd>
            </>
          ) : null}
        </dl>
        <p className="form-links">
          {account.parq ? <Link to="/account/edit">Edit my details</Link> : null}
          <Link to="/account/calendar">Add my schedule to my calendar</Link>
          {account.credits !== null ? <Link to="/account/payments">My payments and receipts</Link> : null}
          {account.mayExport ? <Link to="/export">Download all the studio's data</Link> : null}
        </p>
      </section>
      {account.emailVerified === false ? <ConfirmEmail /> : null}
      {account.messages ? <MessageChoices {...account.messages} /> : null}
      <section className="panel narrow" aria-labelledby="sessions-title">
        <h2 id="sessions-title">Signed in somewhere else?</h2>
        <p>Lost a phone, or used a shared computer? Sign out of every browser and app at once.</p>
        <Form method="post" action="/logout">
          <input type="hidden" name="scope" value="everywhere" />
          <button type="submit" className="button secondary">
            Sign out everywhere
          </button>
        </Form>
      </section>
    </>
  );
}

/** An unconfirmed address: the first link was lost or expired, so another can be sent. */
function ConfirmEmail() {
  return (
    <section className="panel narrow" id="email-verification" aria-labelledby="verification-title">
      <h2 id="verification-title">Confirm your email address</h2>
      <p>We emailed you a link when you signed up. Lost it, or did it expire? We can send a new one.</p>
      <Form method="post" action="/verify-email">
        <input type="hidden" name="intent" value="resend" />
        <button type="submit" className="button secondary">
          Send me a new link
        </button>
      </Form>
    </section>
  );
}

/** Booking messages by email, SMS or both, and news and offers: separate questions, one form. */
function MessageChoices(choices: { messageChannels: string; marketingConsent: boolean; noTexts: string | null }) {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(MessagePreferencesSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MessagePreferencesSchema }),
    defaultValue: { messageChannels: choices.messageChannels, marketingConsent: choices.marketingConsent },
  });
  const options = CHANNEL_CHOICES.map((choice) => ({
    ...choice,
    disabled: !!choices.noTexts && choice.value !== "email",
  }));
  return (
    <section className="panel narrow" aria-labelledby="messages-title">
      <h2 id="messages-title">Messages</h2>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} id={form.errorId} />
        <ChoiceGroup
          field={fields.messageChannels}
          legend="How should we tell you about your bookings?"
          type="radio"
          options={options}
          hint={choices.noTexts ?? "Confirmations, changes, cancellations and reminders."}
        />
        <CheckboxField
          field={fields.marketingConsent}
          label="Send me news and offers"
          hint="Separate from booking messages. You can change your mind at any time."
        />
        <button type="submit">Save message choices</button>
      </Form>
    </section>
  );
}
