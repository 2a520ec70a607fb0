import { getFormProps, type useForm } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import type { z } from "zod";
import { BOOKING_MODE_LABELS, type ServiceSchema, WAITLIST_MODE_LABELS } from "~/services/catalogue/service.schema";
import { BOOKING_MODES, WAITLIST_MODES } from "~db/schema/tenant";
import { CheckboxField, CheckboxGroup } from "./checkbox-field";
import { ChoiceGroup } from "./choice-group";
import { FormErrors, SelectField, TextField } from "./field";
import { TextareaField } from "./textarea-field";
import { useHydrated } from "./use-hydrated";

type Flag = "selfBookingEnabled" | "instructorBookingEnabled" | "adminBookingEnabled" | "requiresCredit";
/** The form's values: the schema's input, with its tick boxes typed as the booleans they are. */
export type ServiceFormValues = Omit<z.input<typeof ServiceSchema>, Flag> & Partial<Record<Flag, boolean>>;
type Metadata = ReturnType<typeof useForm<ServiceFormValues>>;

const TYPES = [
  { value: "session", label: "1:1 session" },
  { value: "class", label: "Class" },
];

/** The fields of a service, shared by the add and edit pages. */
export function ServiceForm({
  form,
  fields,
  locations,
  submitLabel,
}: {
  form: Metadata[0];
  fields: Metadata[1];
  locations: { id: string; name: string }[];
  submitLabel: string;
}) {
  const navigation = useNavigation();
  const hydrated = useHydrated();
  // With scripts the flags appear only for "Mixed"; without, they are always there, explained.
  const showFlags = !hydrated || fields.bookingMode.value === "hybrid";
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <FormErrors errors={form.errors} id={form.errorId} />
      <TextField field={fields.name} label="Name" hint="For example: Vinyasa Flow, or Personal training." />
      <TextareaField field={fields.description} label="Description (optional)" rows={3} />
      <ChoiceGroup field={fields.type} legend="Type" type="radio" options={TYPES} inline />
      <div className="pair">
        <TextField field={fields.durationMinutes} label="Length" type="number" suffix="min" />
        <TextField
          field={fields.capacity}
          label="Places"
          type="number"
          hint="Classes only: how many people each class takes."
        />
      </div>
      <TextField field={fields.price} label="Price in £" hint="For example 12.50. Enter 0 if it is free." />
      <CheckboxGroup
        field={fields.locationIds}
        legend="Where it is offered"
        options={locations.map((l) => ({ value: l.id, label: l.name }))}
      />
      <SelectField field={fields.bookingMode} label="Who books">
        <option value="">Choose…</option>
        {BOOKING_MODES.map((mode) => (
          <option key={mode} value={mode}>
            {BOOKING_MODE_LABELS[mode]}
          </option>
        ))}
      </SelectField>
      {showFlags ? (
        <fieldset>
          <legend>Who may book (for “Mixed”)</legend>
          {hydrated ? null : <span className="hint">These apply only when “Who books” is “Mixed: choose below”.</span>}
          <CheckboxField field={fields.selfBookingEnabled} label="Clients book online themselves" />
          <CheckboxField field={fields.instructorBookingEnabled} label="Instructors book their clients in" />
          <CheckboxField field={fields.adminBookingEnabled} label="The front desk books people in" />
        </fieldset>
      ) : null}
      <TextField
        field={fields.cancellationWindowHours}
        label="Cancellation window"
        type="number"
        suffix="hours"
        hint="Clients may cancel online up to this many hours before the start."
      />
      <ChoiceGroup
        field={fields.waitlistMode}
        legend="Classes: when a place frees"
        type="radio"
        options={WAITLIST_MODES.map((mode) => ({ value: mode, label: WAITLIST_MODE_LABELS[mode] }))}
        hint="Without a credit, the next in line is offered the place instead."
      />
      <CheckboxField
        field={fields.requiresCredit}
        label="Needs a credit or payment"
        hint="Untick for free tasters: booking spends nothing."
      />
      <button type="submit" name="intent" value="save" disabled={navigation.state === "submitting"}>
        {navigation.state === "submitting" ? "Saving…" : submitLabel}
      </button>
    </Form>
  );
}
