import { type FieldMetadata, getCollectionProps, getInputProps } from "@conform-to/react";
import type { ReactNode } from "react";
import { FieldError } from "./field";

/** One labelled checkbox; unticked, the browser sends nothing, which the schema reads as false. */
export function CheckboxField({
  field,
  label,
  hint,
}: {
  field: FieldMetadata<boolean | undefined>;
  label: ReactNode;
  hint?: ReactNode;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  return (
    <div className="field checkbox-field">
      <div className="checkbox-row">
        <input {...getInputProps(field, { type: "checkbox", ariaDescribedBy: hintId })} key={field.key} />
        <label htmlFor={field.id}>{label}</label>
      </div>
      {hint ? (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      ) : null}
      <FieldError field={field} />
    </div>
  );
}

/** Several tick boxes for one list field (any number may be ticked), under one legend. */
export function CheckboxGroup({
  field,
  legend,
  options,
  hint,
}: {
  field: FieldMetadata<string[] | undefined>;
  legend: string;
  options: { value: string; label: string }[];
  hint?: ReactNode;
}) {
  const boxes = getCollectionProps(field, { type: "checkbox", options: options.map((o) => o.value) });
  return (
    <fieldset className="checkbox-group" aria-describedby={field.errors?.length ? field.errorId : undefined}>
      <legend>{legend}</legend>
      {hint ? <span className="hint">{hint}</span> : null}
      {boxes.map(({ key, ...props }, index) => (
        <label className="checkbox" key={key}>
          <input {...props} /> {options[index]?.label}
        </label>
      ))}
      <FieldError field={field} />
    </fieldset>
  );
}
