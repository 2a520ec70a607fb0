import { type FieldMetadata, getInputProps } from "@conform-to/react";
import type { ReactNode } from "react";
import { FieldError } from "./field";

/** A labelled native time or date picker: typed text still works where the browser has none. */
export function WhenField({
  field,
  label,
  type,
  hint,
}: {
  field: FieldMetadata<string | undefined>;
  label: string;
  type: "time" | "date";
  hint?: ReactNode;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      ) : null}
      <input {...getInputProps(field, { type, ariaDescribedBy: hintId })} key={field.key} />
      <FieldError field={field} />
    </div>
  );
}
