import { type FieldMetadata, getInputProps } from "@conform-to/react";
import type { ReactNode } from "react";
import { FieldError } from "./field";

/** A checkbox with its label beside it (the whole label is the click target). */
export function CheckboxField({ field, label }: { field: FieldMetadata<boolean | undefined>; label: ReactNode }) {
  return (
    <div className="field field-checkbox">
      <label htmlFor={field.id}>
        <input {...getInputProps(field, { type: "checkbox" })} key={field.key} />
        <span>{label}</span>
      </label>
      <FieldError field={field} />
    </div>
  );
}
