import { type FieldMetadata, getInputProps } from "@conform-to/react";
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
