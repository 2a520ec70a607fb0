import { type FieldMetadata, getInputProps, getSelectProps } from "@conform-to/react";
import type { ReactNode } from "react";

type InputType = "text" | "email" | "password" | "tel" | "url" | "number" | "time";

/** A labelled input with its hint and error tied to it for screen readers. */
export function TextField({
  field,
  label,
  type = "text",
  hint,
  autoComplete,
  suffix,
}: {
  field: FieldMetadata<string | number | undefined>;
  label: string;
  type?: InputType;
  hint?: ReactNode;
  autoComplete?: string;
  suffix?: string;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const input = (
    <input {...getInputProps(field, { type, ariaDescribedBy: hintId })} autoComplete={autoComplete} key={field.key} />
  );
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      ) : null}
      {suffix ? (
        <div className="input-affix">
          {input}
          <span aria-hidden="true">{suffix}</span>
        </div>
      ) : (
        input
      )}
      <FieldError field={field} />
    </div>
  );
}

export function SelectField({
  field,
  label,
  children,
}: {
  field: FieldMetadata<string | undefined>;
  label: string;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <select {...getSelectProps(field)} key={field.key}>
        {children}
      </select>
      <FieldError field={field} />
    </div>
  );
}

export function FieldError({ field }: { field: FieldMetadata<unknown> }) {
  if (!field.errors?.length) return null;
  return (
    <p className="field-error" id={field.errorId}>
      {field.errors[0]}
    </p>
  );
}

export function FormErrors({ errors, id }: { errors?: string[]; id?: string }) {
  if (!errors?.length) return null;
  return (
    <div className="alert alert-error" role="alert" id={id}>
      {errors.map((error) => (
        <p key={error}>{error}</p>
      ))}
    </div>
  );
}
