import { getFormProps, type useForm } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import type { z } from "zod";
import type { PackageSchema } from "~/services/credits/package.schema";
import { CheckboxField, CheckboxGroup } from "./checkbox-field";
import { FormErrors, TextField } from "./field";

export type PackageFormValues = z.input<typeof PackageSchema>;
type Metadata = ReturnType<typeof useForm<PackageFormValues>>;

type Options = {
  locations: { id: string; name: string }[];
  services: { id: string; name: string; type: string }[];
  mayCoverAll: boolean;
  mayPublishIntro: boolean;
};

/** The fields of a package, shared by the new and edit pages. */
export function PackageForm({
  form,
  fields,
  options,
  submitLabel,
}: {
  form: Metadata[0];
  fields: Metadata[1];
  options: Options;
  submitLabel: string;
}) {
  const navigation = useNavigation();
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <FormErrors errors={form.errors} id={form.errorId} />
      <TextField field={fields.name} label="Name" hint="For example: 10-class pack, or PT 5 sessions." />
      <div className="pair">
        <TextField field={fields.credits} label="Credits" type="number" hint="One per place booked; 1 to 500." />
        <TextField
          field={fields.validDays}
          label="Valid for"
          type="number"
          suffix="days"
          hint="From purchase; up to 730."
        />
      </div>
      <TextField field={fields.price} label="Price in £" hint="For example 120 or 120.00. Enter 0 if it is free." />
      <CheckboxGroup
        field={fields.locationIds}
        legend="Valid at"
        hint={
          options.mayCoverAll
            ? "Tick none for every location, including ones you open later."
            : "Tick the locations you manage. Only the owner can sell a package for every location."
        }
        options={options.locations.map((l) => ({ value: l.id, label: l.name }))}
      />
      <CheckboxGroup
        field={fields.serviceIds}
        legend="Pays for"
        hint="Tick none for any class or session that needs a credit."
        options={options.services.map((s) => ({
          value: s.id,
          label: `${s.name} (${s.type === "class" ? "class" : "1:1 session"})`,
        }))}
      />
      {options.mayPublishIntro ? (
        <CheckboxField
          field={fields.introOffer}
          label="Intro offer: shown on the public intro page, for new clients only"
          hint="For one 1:1 session: tick just that session under “Pays for”. New clients pay, say when they can come, and you match them with an instructor."
        />
      ) : null}
      <button type="submit" name="intent" value="save" disabled={navigation.state === "submitting"}>
        {navigation.state === "submitting" ? "Saving…" : submitLabel}
      </button>
    </Form>
  );
}
