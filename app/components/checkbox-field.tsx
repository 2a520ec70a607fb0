import { type FieldMetadata, getCollectionProps, getInputProps } from "@conform-to/react";
import type { ReactNode } from "react";
import { FieldError } from "./field";

/** One tick box with its label beside it, and its error tied to it. */
export function CheckboxField({
  field,
  label,
  hint,
}: {
  field: FieldMetadata<boolean | undefined>;
  label: string;
  hint?: ReactNode;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const { key, ...props } = getInputProps(field, { type: "checkbox", ariaDescribedBy: hintId });
  return (
    <div className="field">
      <label className="checkbox">
        <input {...props} key={key ?? field.key} /> {label}
      </label>
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
