import { type FieldMetadata, getInputProps } from "@conform-to/react";
import type { z } from "zod";
import type { OperatingHoursSchema } from "~/services/studio/location.schema";

type Hours = z.input<typeof OperatingHoursSchema>;
type Day = keyof Hours;

const DAYS: { key: Day; label: string }[] = [
  { key: "mon", label: "Monday" },
  { key: "tue", label: "Tuesday" },
  { key: "wed", label: "Wednesday" },
  { key: "thu", label: "Thursday" },
  { key: "fri", label: "Friday" },
  { key: "sat", label: "Saturday" },
  { key: "sun", label: "Sunday" },
];

/** A week of opening hours: per day a "Closed" tick box or an opening and a closing time. */
export function OpeningHoursFields({ field }: { field: FieldMetadata<Hours | undefined> }) {
  const days = field.getFieldset();
  return (
    <fieldset className="hours-fields">
      <legend>Opening hours</legend>
      <span className="hint">Local time at this location. Tick Closed on days it does not open.</span>
      {DAYS.map((day) => (
        <DayRow key={day.key} label={day.label} field={days[day.key]} />
      ))}
    </fieldset>
  );
}

function DayRow({ label, field }: { label: string; field: FieldMetadata<Hours[Day]> }) {
  const { closed, open, close } = field.getFieldset();
  // Each message carries the id its input's aria-describedby points to.
  const errors = [field, open, close].filter((f) => f.errors?.length);
  const { key: closedKey, ...closedProps } = getInputProps(closed, { type: "checkbox" });
  const { key: openKey, ...openProps } = getInputProps(open, { type: "time" });
  const { key: closeKey, ...closeProps } = getInputProps(close, { type: "time" });
  return (
    <fieldset className="day">
      <legend className="visually-hidden">{label}</legend>
      <div className="day-row">
        <span className="day-name" aria-hidden="true">
          {label}
        </span>
        <label className="checkbox day-closed">
          <input {...closedProps} key={closedKey ?? closed.key} /> Closed
        </label>
        <label className="day-time day-open">
          <span>Opens</span>
          <input {...openProps} key={openKey ?? open.key} />
        </label>
        <label className="day-time day-close">
          <span>Closes</span>
          <input {...closeProps} key={closeKey ?? close.key} />
        </label>
        {errors.map((f) => (
          <p className="field-error day-error" id={f.errorId} key={f.errorId}>
            {f.errors?.[0]}
          </p>
        ))}
      </div>
    </fieldset>
  );
}
