import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CheckboxField } from "~/components/checkbox-field";
import { ChoiceGroup } from "~/components/choice-group";
import { ClientBookings } from "~/components/client-bookings";
import { ClientPayments } from "~/components/client-payments";
import { ClientSummary } from "~/components/client-summary";
import { FieldError, FormErrors, SelectField, TextField } from "~/components/field";
import { TextareaField } from "~/components/textarea-field";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { upcomingBookingsOf } from "~/services/booking/pages.server";
import { creditBalance } from "~/services/credits/pages.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { requireId } from "~/services/identity/api.server";
import { mayEver } from "~/services/identity/permissions";
import { clientPaymentsForStaff } from "~/services/payments/history.server";
import { BOOKING_PERMISSION_LABELS, ClientEditSchema } from "~/services/people/client.schema";
import { type EditClientOutcome, editClient, viewClient } from "~/services/people/client.server";
import { Forbidden, InvalidPhone } from "~/services/shared/errors";
import { BOOKING_PERMISSIONS } from "~db/schema/tenant";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.client.fullName ?? "Client" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const id = requireId(params.id);
    const [view, upcoming] = await Promise.all([viewClient(tenant, actor, id), upcomingBookingsOf(tenant, actor, id)]);
    const notice = new URL(request.url).searchParams;
    const credits = { balance: await creditBalance(tenant, actor, id), canManage: view.canAdjustCredits };
    const canTakePayment = mayEver(actor.role, "payment.process");
    const payments = await clientPaymentsForStaff(tenant, actor, id);
    return {
      ...view,
      credits,
      upcoming,
      canTakePayment,
      payments,
      saved: notice.has("saved"),
      created: notice.has("created"),
    };
  });
}

const REFUSALS: Record<Extract<EditClientOutcome, { ok: false }>["reason"], Record<string, string[]>> = {
  "email-taken": { email: ["Someone else at this studio already uses that email"] },
  "unknown-instructor": { instructorIds: ["Choose instructors from the list"] },
  "unknown-location": { locationIds: ["Choose open locations from the list"] },
  "no-location": { locationIds: ["Keep at least one location"] },
};

export async function action({ request, params }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const clientId = requireId(params.id);
    const submission = parseWithZod(await readForm(request), { schema: ClientEditSchema });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    const value = submission.value;
    try {
      const outcome = await editClient(tenant, actor, clientId, {
        fullName: value.fullName,
        email: value.email,
        // The form always shows these, so a blank one was cleared on purpose.
        phone: value.phone ?? null,
        emergencyContactName: value.emergencyContactName ?? null,
        emergencyContactPhone: value.emergencyContactPhone ?? null,
        notes: value.notes ?? null,
        bookingPermissions: value.bookingPermissions,
        marketingConsent: value.marketingConsent ?? false,
        discountPercent: value.discountPercent,
        instructorIds: value.instructorIds ?? [],
        // The whole set: the ticked boxes plus the locations this person cannot change.
        locationIds: value.locationIds ?? [],
      });
      if (!outcome.ok) {
        return data({ result: submission.reply({ fieldErrors: REFUSALS[outcome.reason] }) }, { status: 409 });
      }
    } catch (error) {
      if (error instanceof InvalidPhone) {
        return data({ result: submission.reply({ fieldErrors: { [error.field]: [error.message] } }) }, { status: 400 });
      }
      // A changed discount from someone who may not change it: the whole form is refused,
      // with the reason next to the discount.
      if (error instanceof Forbidden && error.reason === "non_financial_fields") {
        return data(
          { result: submission.reply({ fieldErrors: { discountPercent: [error.message] } }) },
          { status: 403 },
        );
      }
      if (error instanceof Forbidden && error.reason === "location") {
        return data({ result: submission.reply({ fieldErrors: { locationIds: [error.message] } }) }, { status: 403 });
      }
      throw error;
    }
    return redirect(`/clients/${clientId}?saved=1`);
  });
}

export default function ClientProfilePage() {
  const { client, canEdit, canReadParq, credits, saved, created, upcoming, canTakePayment, payments } =
    useLoaderData<typeof loader>();
  return (
    <>
      <p className="crumbs">
        <Link to="/clients">Clients</Link>
      </p>
      <h1>{client.fullName}</h1>
      {saved ? (
        <p className="alert alert-ok" role="status">
          Changes saved.
        </p>
      ) : null}
      {created ? (
        <p className="alert alert-ok" role="status">
          Client added. They can set a password with “Forgot password” on the sign-in page.
        </p>
      ) : null}
      {canTakePayment ? (
        <p>
          <Link className="button secondary" to={`/clients/${client.id}/payments/new`}>
            Take a payment
          </Link>
        </p>
      ) : null}
      <ClientBookings clientId={client.id} name={client.fullName} {...upcoming} />
      <ClientPayments view={payments} name={client.fullName} />
      <div className="profile-layout">
        <ClientSummary client={client} canReadParq={canReadParq} showEditable={!canEdit} credits={credits} />
        {canEdit ? <ClientEditForm /> : null}
      </div>
    </>
  );
}

function ClientEditForm() {
  const { client, canEditFinancial, teachingStaff, locationChoices, fixedLocationIds } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(ClientEditSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ClientEditSchema }),
    defaultValue: {
      fullName: client.fullName,
      email: client.email,
      phone: client.phone ?? "",
      emergencyContactName: client.emergencyContactName ?? "",
      emergencyContactPhone: client.emergencyContactPhone ?? "",
      notes: client.notes ?? "",
      bookingPermissions: client.bookingPermissions,
      marketingConsent: client.marketingConsent,
      discountPercent: canEditFinancial ? client.discountPercent : undefined,
      instructorIds: client.instructors.map((i) => i.id),
      locationIds: client.locations.map((l) => l.id).filter((id) => !fixedLocationIds.includes(id)),
    },
  });
  return (
    <section className="panel" aria-labelledby="edit-title">
      <h2 id="edit-title">Edit details</h2>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} id={form.errorId} />
        <fieldset>
          <legend>Contact</legend>
          <TextField field={fields.fullName} label="Full name" autoComplete="off" />
          <TextField field={fields.email} label="Email" type="email" autoComplete="off" />
          <TextField field={fields.phone} label="Phone" type="tel" autoComplete="off" />
        </fieldset>
        <fieldset>
          <legend>Emergency contact</legend>
          <TextField field={fields.emergencyContactName} label="Name" autoComplete="off" />
          <TextField field={fields.emergencyContactPhone} label="Phone" type="tel" autoComplete="off" />
        </fieldset>
        <fieldset>
          <legend>Bookings and pricing</legend>
          <SelectField field={fields.bookingPermissions} label="Booking permission">
            {BOOKING_PERMISSIONS.map((permission) => (
              <option key={permission} value={permission}>
                {BOOKING_PERMISSION_LABELS[permission]}
              </option>
            ))}
          </SelectField>
          {canEditFinancial ? (
            <TextField
              field={fields.discountPercent}
              label="Standing discount (%)"
              type="number"
              hint="0 to 100. Applies to everything this client buys."
            />
          ) : (
            <div className="field" id="discount">
              <span className="label">Standing discount</span>
              <span>{client.discountPercent}%</span>
              {fields.discountPercent.errors ? (
                <FieldError field={fields.discountPercent} />
              ) : (
                <span className="hint">Only a manager or the owner can change this.</span>
              )}
            </div>
          )}
          <CheckboxField field={fields.marketingConsent} label="Happy to receive news and offers" />
        </fieldset>
        {teachingStaff.length > 0 ? (
          <ChoiceGroup
            field={fields.instructorIds}
            legend="Instructors"
            hint="Instructors see only the clients assigned to them."
            type="checkbox"
            options={teachingStaff.map((s) => ({ value: s.id, label: s.fullName }))}
          />
        ) : null}
        <ChoiceGroup
          field={fields.locationIds}
          legend="Locations"
          hint="Staff at these locations look after this client. Keep at least one."
          type="checkbox"
          options={locationChoices.map((l) => ({ value: l.id, label: l.name }))}
        />
        {fixedLocationIds.map((id) => (
          <input key={id} type="hidden" name={fields.locationIds.name} value={id} />
        ))}
        <TextareaField
          field={fields.notes}
          label="Notes"
          hint="Only the studio's team see these. Up to 2000 characters."
        />
        <button type="submit" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Saving…" : "Save changes"}
        </button>
      </Form>
    </section>
  );
}
