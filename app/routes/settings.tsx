import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CheckboxField } from "~/components/checkbox-field";
import { ChoiceGroup } from "~/components/choice-group";
import { FormErrors, SelectField, TextField } from "~/components/field";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { Refused } from "~/services/shared/errors";
import { currencySymbol, formatMoney, minorToPounds } from "~/services/shared/money";
import { SettingsSchema } from "~/services/studio/settings.schema";
import { saveSettings, viewSettings } from "~/services/studio/settings.server";
import { STUDIO_TYPE_CHOICES } from "~/services/studio/studio-type";

/** The no-show rules in words, in the order a studio usually weighs them. */
const NO_SHOW_CHOICES = [
  {
    value: "forfeit_credit",
    label: "Keep the credit",
    hint: "The credit they booked with is used, as if they had come.",
  },
  {
    value: "charge_fee",
    label: "Charge a fee",
    hint: "The credit comes back and the fee is charged to their card on file. No card: the credit is kept instead.",
  },
  { value: "return_credit", label: "Nothing", hint: "The credit comes back; a no-show costs nothing." },
];

export const meta: MetaFunction = () => [{ title: "Studio settings" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const settings = await viewSettings(tenant, actor);
    return {
      requireParqBeforeFirstBooking: settings.requireParqBeforeFirstBooking,
      clientsMustVerifyEmail: !settings.unverifiedClientsMayBook,
      refundLimit: minorToPounds(settings.receptionistRefundLimitMinor),
      refundLimitText: formatMoney(settings.receptionistRefundLimitMinor, settings.currency),
      refundRemovesCredits: settings.refundRemovesCredits,
      maxSpotsPerBooking: settings.maxSpotsPerBooking,
      undoMinutes: settings.undoMinutes,
      studioType: settings.studioType,
      country: settings.country,
      countries: settings.countries,
      smsReminders: settings.smsReminders,
      quietHoursStart: settings.quietHoursStart,
      quietHoursEnd: settings.quietHoursEnd,
      waitlistOfferMinutes: settings.waitlistOfferMinutes,
      waitlistCutoffMinutes: settings.waitlistCutoffMinutes,
      requestEscalationHours: settings.requestEscalationHours,
      requestExpiryHours: settings.requestExpiryHours,
      checkInOpensMinutes: settings.checkInOpensMinutes,
      checkInClosesMinutes: settings.checkInClosesMinutes,
      clientCheckIn: settings.clientCheckIn,
      checkInRadiusMetres: settings.checkInRadiusMetres,
      noShowRule: settings.noShowRule,
      noShowFee: minorToPounds(settings.noShowFeeMinor),
      churnInactiveDays: settings.churnInactiveDays,
      churnCreditExpiryDays: settings.churnCreditExpiryDays,
      currencySymbol: currencySymbol(settings.currency),
      saved: new URL(request.url).searchParams.has("saved"),
    };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const submission = parseWithZod(await readForm(request), { schema: SettingsSchema });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    const value = submission.value;
    try {
      await saveSettings(tenant, actor, {
        requireParqBeforeFirstBooking: value.requireParqBeforeFirstBooking ?? false,
        unverifiedClientsMayBook: !(value.clientsMustVerifyEmail ?? false),
        receptionistRefundLimitMinor: value.receptionistRefundLimit,
        refundRemovesCredits: value.refundRemovesCredits ?? false,
        maxSpotsPerBooking: value.maxSpotsPerBooking,
        undoMinutes: value.undoMinutes,
        studioType: value.studioType,
        country: value.country,
        smsReminders: value.smsReminders ?? false,
        quietHoursStart: value.quietHoursStart,
        quietHoursEnd: value.quietHoursEnd,
        waitlistOfferMinutes: value.waitlistOfferMinutes,
        waitlistCutoffMinutes: value.waitlistCutoffMinutes,
        requestEscalationHours: value.requestEscalationHours,
        requestExpiryHours: value.requestExpiryHours,
        checkInOpensMinutes: value.checkInOpensMinutes,
        checkInClosesMinutes: value.checkInClosesMinutes,
        clientCheckIn: value.clientCheckIn ?? false,
        checkInRadiusMetres: value.checkInRadiusMetres,
        noShowRule: value.noShowRule,
        noShowFeeMinor: value.noShowFee,
        churnInactiveDays: value.churnInactiveDays,
        churnCreditExpiryDays: value.churnCreditExpiryDays,
      });
    } catch (error) {
      if (!(error instanceof Refused && error.code === "UNKNOWN_COUNTRY")) throw error;
      return data({ result: submission.reply({ fieldErrors: { country: [error.message] } }) }, { status: 400 });
    }
    return redirect("/settings?saved=1");
  });
}

export default function Settings() {
  const {
    requireParqBeforeFirstBooking,
    clientsMustVerifyEmail,
    refundLimit,
    refundLimitText,
    refundRemovesCredits,
    maxSpotsPerBooking,
    undoMinutes,
    studioType,
    country,
    countries,
    smsReminders,
    quietHoursStart,
    quietHoursEnd,
    waitlistOfferMinutes,
    waitlistCutoffMinutes,
    requestEscalationHours,
    requestExpiryHours,
    checkInOpensMinutes,
    checkInClosesMinutes,
    clientCheckIn,
    checkInRadiusMetres,
    noShowRule,
    noShowFee,
    churnInactiveDays,
    churnCreditExpiryDays,
    currencySymbol,
    saved,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(SettingsSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SettingsSchema }),
    defaultValue: {
      requireParqBeforeFirstBooking,
      clientsMustVerifyEmail,
      receptionistRefundLimit: refundLimit,
      refundRemovesCredits,
      maxSpotsPerBooking,
      undoMinutes,
      studioType,
      country,
      smsReminders,
      quietHoursStart,
      quietHoursEnd,
      waitlistOfferMinutes,
      waitlistCutoffMinutes,
      requestEscalationHours,
      requestExpiryHours,
      checkInOpensMinutes,
      checkInClosesMinutes,
      clientCheckIn,
      checkInRadiusMetres,
      noShowRule,
      noShowFee,
      churnInactiveDays,
      churnCreditExpiryDays,
    },
  });
  return (
    <section className="panel narrow" aria-labelledby="settings-title">
      <h1 id="settings-title">Studio settings</h1>
      <p>
        <Link to="/settings/payments">Online payments with Stripe</Link>
      </p>
      <p>
        <Link to="/export">Download all your data</Link>
      </p>
      {saved ? (
        <p className="alert alert-ok" role="status">
          Settings saved.
        </p>
      ) : null}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} id={form.errorId} />
        <ChoiceGroup
          field={fields.studioType}
          legend="What does your studio mostly offer?"
          type="radio"
          options={STUDIO_TYPE_CHOICES}
          hint="It sets what a new service starts as and what comes first in the menu."
        />
        <fieldset>
          <legend>Email addresses</legend>
          <CheckboxField
            field={fields.clientsMustVerifyEmail}
            label="Clients must confirm their email address before booking"
            hint="New clients get a link by email when they sign up. Staff can still book for anyone."
          />
        </fieldset>
        <fieldset>
          <legend>Health screening</legend>
          <CheckboxField
            field={fields.requireParqBeforeFirstBooking}
            label="Require a health check (PAR-Q) before a client’s first booking"
            hint="Clients without one are reminded on their home page and account."
          />
        </fieldset>
        <fieldset>
          <legend>Class bookings</legend>
          <TextField
            field={fields.maxSpotsPerBooking}
            label="Places one class booking may take"
            type="number"
            hint="1 to 20. More than 1 lets a client bring friends; each place takes a credit."
          />
        </fieldset>
        <fieldset>
          <legend>Waitlists</legend>
          <TextField
            field={fields.waitlistOfferMinutes}
            label="Hold a freed place for the next in line for"
            type="number"
            suffix="min"
            hint="5 to 1440 minutes. If they don't take it in time, it is offered to the next person."
          />
          <TextField
            field={fields.waitlistCutoffMinutes}
            label="Stop offering places before a class starts"
            type="number"
            suffix="min"
            hint="0 to 1440 minutes. After this, anyone may book a freed place directly."
          />
        </fieldset>
        <fieldset>
          <legend>Booking requests</legend>
          <TextField
            field={fields.requestEscalationHours}
            label="Tell the studio about a request the instructor hasn't answered after"
            type="number"
            suffix="hours"
            hint="1 to 168 hours."
          />
          <TextField
            field={fields.requestExpiryHours}
            label="A request nobody answers lapses after"
            type="number"
            suffix="hours"
            hint="1 to 336 hours. The client is told."
          />
        </fieldset>
        <fieldset>
          <legend>Check-in</legend>
          <div className="pair">
            <TextField
              field={fields.checkInOpensMinutes}
              label="Check-in opens before the start"
              type="number"
              suffix="min"
            />
            <TextField field={fields.checkInClosesMinutes} label="and closes after it" type="number" suffix="min" />
          </div>
          <p className="hint">0 to 1440 minutes each, on the location’s own clock.</p>
          <CheckboxField
            field={fields.clientCheckIn}
            label="Clients may check themselves in from their phone"
            hint="Only when their phone shares that they are near the location; otherwise they check in at the desk."
          />
          <TextField
            field={fields.checkInRadiusMetres}
            label="Near means within"
            type="number"
            suffix="m"
            hint="50 to 50,000 metres of the location."
          />
        </fieldset>
        <fieldset>
          <legend>No-shows</legend>
          <ChoiceGroup
            field={fields.noShowRule}
            legend="When a client doesn’t come"
            type="radio"
            options={NO_SHOW_CHOICES}
            hint="The client is emailed what their no-show cost."
          />
          <TextField
            field={fields.noShowFee}
            label={`No-show fee (${currencySymbol})`}
            hint="Only with “Charge a fee”: more than 0, like 10 or 10.00."
            autoComplete="off"
          />
        </fieldset>
        <fieldset>
          <legend>Clients at risk</legend>
          <TextField
            field={fields.churnInactiveDays}
            label="Flag clients with no booking for"
            type="number"
            suffix="days"
            hint="7 to 365 days since their last visit, with nothing booked ahead."
          />
          <TextField
            field={fields.churnCreditExpiryDays}
            label="Flag credits expiring within"
            type="number"
            suffix="days"
            hint="1 to 90 days: unused credits about to be lost."
          />
        </fieldset>
        <fieldset>
          <legend>Bookings made in error</legend>
          <TextField
            field={fields.undoMinutes}
            label="Staff may undo a booking they made for"
            type="number"
            suffix="min"
            hint="0 to 120 minutes, whatever the cancellation window; the credit goes back. 0 turns undo off."
          />
        </fieldset>
        <fieldset>
          <legend>Refunds</legend>
          <TextField
            field={fields.receptionistRefundLimit}
            label="Receptionists may refund up to (£)"
            hint={`In pounds, for example 50 or 50.00. Larger refunds need a manager. Now: ${refundLimitText}.`}
            autoComplete="off"
          />
          <CheckboxField
            field={fields.refundRemovesCredits}
            label="Refunds take back unused credits"
            hint="A refunded package loses its unused credits in proportion to the amount. Off: the client keeps them."
          />
        </fieldset>
        <fieldset>
          <legend>Messages</legend>
          <SelectField field={fields.country} label="Country of your clients’ phone numbers">
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </SelectField>
          <CheckboxField
            field={fields.smsReminders}
            label="Text clients a reminder 2 hours before"
            hint="Clients who chose email only, or have no mobile number, get the 24-hour email reminder alone."
          />
          <div className="pair">
            <TextField field={fields.quietHoursStart} label="No texts from" type="time" />
            <TextField field={fields.quietHoursEnd} label="until" type="time" />
          </div>
          <p className="hint">
            On each location’s own clock. No text goes out in these hours; a reminder due then goes at their edge, never
            after the class.
          </p>
        </fieldset>
        <button type="submit" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Saving…" : "Save settings"}
        </button>
      </Form>
    </section>
  );
}
