import { getFormProps, type useForm } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import type { z } from "zod";
import type { LocationSchema } from "~/services/studio/location.schema";
import { CheckboxField } from "./checkbox-field";
import { FormErrors, SelectField, TextField } from "./field";
import { OpeningHoursFields } from "./opening-hours-fields";

type Metadata = ReturnType<typeof useForm<z.input<typeof LocationSchema>>>;

/** The fields of a location, shared by the new and edit pages. */
export function LocationForm({
  form,
  fields,
  submitLabel,
  timezones,
  showActive,
}: {
  form: Metadata[0];
  fields: Metadata[1];
  submitLabel: string;
  /** The offered zones, plus the location's own if it is not a common one. */
  timezones: readonly string[];
  showActive: boolean;
}) {
  const navigation = useNavigation();
  const address = fields.address.getFieldset();
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <FormErrors errors={form.errors} id={form.errorId} />
      <TextField field={fields.name} label="Name" hint="For example: Camden. Each location needs its own name." />
      <fieldset>
        <legend>Address</legend>
        <TextField field={address.line1} label="Street address" autoComplete="address-line1" />
        <TextField field={address.line2} label="Address line 2 (optional)" autoComplete="address-line2" />
        <TextField field={address.city} label="Town or city" autoComplete="address-level2" />
        <TextField field={address.postcode} label="Postcode" autoComplete="postal-code" />
        <TextField field={address.country} label="Country code" hint="Two letters, like GB." autoComplete="country" />
      </fieldset>
      <SelectField field={fields.timezone} label="Time zone">
        {timezones.map((zone) => (
          <option key={zone} value={zone}>
            {zone.replaceAll("_", " ")}
          </option>
        ))}
      </SelectField>
      <OpeningHoursFields field={fields.operatingHours} />
      <fieldset>
        <legend>Map position (optional)</legend>
        <span className="hint">Used later for checking in on arrival. Decimal degrees, like 51.5407 and -0.1466.</span>
        <div className="pair">
          <TextField field={fields.latitude} label="Latitude" />
          <TextField field={fields.longitude} label="Longitude" />
        </div>
      </fieldset>
      {showActive ? (
        <CheckboxField
          field={fields.isActive}
          label="Open: clients see it and staff work there"
          hint="Untick to close this location. Its history is kept, and you can open it again."
        />
      ) : null}
      <button type="submit" disabled={navigation.state === "submitting"}>
        {navigation.state === "submitting" ? "Saving…" : submitLabel}
      </button>
    </Form>
  );
}
