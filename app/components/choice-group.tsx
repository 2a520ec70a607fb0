import { type FieldMetadata, getCollectionProps } from "@conform-to/react";
import type { ReactNode } from "react";
import { FieldError } from "./field";

/**
 * A fieldset of radios (pick one) or checkboxes (pick any), its legend naming the question.
 * `inline` puts short choices such as Yes / No side by side, each a large target on a phone.
 */
export function ChoiceGroup({
  field,
  legend,
  type,
  options,
  inline = false,
  hint,
}: {
  field: FieldMetadata<string | string[] | undefined>;
  legend: ReactNode;
  type: "radio" | "checkbox";
  /** A `hint` explains a choice in one line under its label; a `disabled` one is shown but cannot be chosen. */
  options: { value: string; label: string; hint?: string; disabled?: boolean }[];
  inline?: boolean;
  hint?: ReactNode;
}) {
  const byValue = new Map(options.map((o) => [o.value, o]));
  const hintId = hint ? `${field.id}-hint` : undefined;
  return (
    <fieldset
      className={inline ? "choice-group choice-inline" : "choice-group"}
      aria-invalid={field.errors?.length ? true : undefined}
      aria-describedby={
        [hintId, field.errors?.length ? field.errorId : undefined].filter(Boolean).join(" ") || undefined
      }
    >
      <legend>{legend}</legend>
      {hint ? (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      ) : null}
      <div className="choices">
        {getCollectionProps(field, { type, options: options.map((o) => o.value) }).map(({ key, ...props }) => (
          <label key={key} className="choice" htmlFor={props.id}>
            <input {...props} disabled={byValue.get(props.value)?.disabled} />
            <span>
              {byValue.get(props.value)?.label}
              {byValue.get(props.value)?.hint ? (
                <span className="hint choice-hint">{byValue.get(props.value)?.hint}</span>
              ) : null}
            </span>
          </label>
        ))}
      </div>
      <FieldError field={field} />
    </fieldset>
  );
}
