import { type FieldMetadata, getFormProps, getInputProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link, useNavigation } from "@remix-run/react";
import { BlockSchema, ExtraHoursSchema, TimeOffSchema, WEEKDAY_NAMES } from "~/services/schedule/availability.schema";
import type { availabilityEditor, StrandedSession } from "~/services/schedule/availability-editor.server";
import { CheckboxField } from "./checkbox-field";
import { FieldError, FormErrors, SelectField, TextField } from "./field";

/**
 * The weekly hours and date exceptions editor: small forms, one per action, so a phone without
 * JavaScript can do each one. Used for one's own hours and for a team member's.
 */

type Editor = Awaited<ReturnType<typeof availabilityEditor>>;
type Block = Editor["days"][number]["blocks"][number];
export type EditorActionData =
  | { intent: string; result: SubmissionResult<string[]>; confirm?: undefined }
  | { intent: string; confirm: { sessions: StrandedSession[]; fields: Record<string, string> }; result?: undefined };

type Props = {
  page: Editor;
  actionData?: EditorActionData;
  basePath: string;
  editId: string | null;
  notice: string | null;
};

export function AvailabilityEditor({ page, actionData, basePath, editId, notice }: Props) {
  if (actionData?.confirm) return <ConfirmStranded confirm={actionData.confirm} basePath={basePath} />;
  const editing = page.days.flatMap((d) => d.blocks).find((b) => b.id === editId && b.editable);
  const whose = page.self ? "Your" : `${page.instructor.fullName}’s`;
  return (
    <div className="availability">
      <h1 id="availability-title">{whose} availability</h1>
      <p className="muted">Times are local at each location. Clients can book 1:1 sessions inside these hours.</p>
      {notice ? (
        <p className="alert alert-ok" role="status">
          {notice}
        </p>
      ) : null}
      <section className="panel" aria-labelledby="week-title">
        <h2 id="week-title">Every week</h2>
        <ul className="week">
          {page.days.map((day) => (
            <li key={day.weekday} className="week-day">
              <h3>{day.name}</h3>
              {day.blocks.length === 0 ? <p className="muted">Not available</p> : null}
              <ul className="blocks">
                {day.blocks.map((block) => (
                  <BlockRow key={block.id} block={block} day={day.name} basePath={basePath} />
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </section>
      {page.locations.length > 0 ? (
        <BlockForm page={page} actionData={actionData} editing={editing} basePath={basePath} />
      ) : null}
      <section className="panel" aria-labelledby="dates-title">
        <h2 id="dates-title">Dates</h2>
        {page.exceptions.length === 0 ? <p className="muted">No time off or extra hours coming up.</p> : null}
        <ul className="blocks">
          {page.exceptions.map((e) => (
            <li key={e.id} className="block-row">
              <span>
                <strong>{e.kind === "time_off" ? "Time off" : "Extra hours"}</strong> {e.date}, {e.time}
                {e.locationName ? ` at ${e.locationName}` : ""}
                {e.kind === "extra_hours" && e.allowsSelfBooking ? " · clients can book themselves" : ""}
                {e.note ? <span className="muted"> · {e.note}</span> : null}
              </span>
              {e.removable ? (
                <RemoveButton
                  intent="remove-exception"
                  id={e.id}
                  label={`Remove ${e.kind === "time_off" ? "time off" : "extra hours"} on ${e.date}`}
                />
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <TimeOffForm actionData={actionData} today={page.today} clock={page.timeOffClock} />
      {page.locations.length > 0 ? <ExtraHoursForm page={page} actionData={actionData} /> : null}
    </div>
  );
}

function BlockRow({ block, day, basePath }: { block: Block; day: string; basePath: string }) {
  const what = `${day} ${block.start}–${block.end} at ${block.locationName}`;
  return (
    <li className="block-row">
      <span>
        <strong>
          {block.start}–{block.end}
        </strong>{" "}
        {block.locationName}
        <span className="muted"> · {block.allowsSelfBooking ? "clients can book themselves" : "booked by staff"}</span>
      </span>
      {block.editable ? (
        <span className="row-actions">
          <Link to={`${basePath}?edit=${block.id}#block-form`} aria-label={`Edit ${what}`}>
            Edit
          </Link>
          <RemoveButton intent="remove-block" id={block.id} label={`Remove ${what}`} />
        </span>
      ) : null}
    </li>
  );
}

function RemoveButton({ intent, id, label }: { intent: string; id: string; label: string }) {
  return (
    <Form method="post" className="remove-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="link-button" aria-label={label}>
        Remove
      </button>
    </Form>
  );
}

/** A time or date input with its label and error, on the 15-minute grid for times. */
function WhenField({
  field,
  label,
  type,
}: {
  field: FieldMetadata<string | undefined>;
  label: string;
  type: "time" | "date";
}) {
  const { key, ...props } = getInputProps(field, { type });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <input {...props} key={key ?? field.key} step={type === "time" ? 900 : undefined} />
      <FieldError field={field} />
    </div>
  );
}

function lastResultFor(actionData: EditorActionData | undefined, intent: string) {
  return actionData?.intent === intent ? actionData.result : undefined;
}

function BlockForm({
  page,
  actionData,
  editing,
  basePath,
}: {
  page: Editor;
  actionData?: EditorActionData;
  editing?: Block;
  basePath: string;
}) {
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: editing ? `block-${editing.id}` : "block",
    lastResult: lastResultFor(actionData, "block"),
    constraint: getZodConstraint(BlockSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: BlockSchema }),
    defaultValue: editing
      ? {
          weekday: String(editing.weekday),
          locationId: editing.locationId,
          start: editing.start,
          end: editing.end,
          allowsSelfBooking: editing.allowsSelfBooking ? "on" : undefined,
        }
      : { weekday: "1", locationId: page.locations[0]?.id, start: "09:00", end: "12:00", allowsSelfBooking: "on" },
  });
  return (
    <section className="panel" aria-labelledby="block-title" id="block-form">
      <h2 id="block-title">{editing ? "Change hours" : "Add weekly hours"}</h2>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} id={form.errorId} />
        <input type="hidden" name="intent" value="block" />
        {editing ? <input type="hidden" name="blockId" value={editing.id} /> : null}
        <div className="pair">
          <SelectField field={fields.weekday} label="Day">
            {WEEKDAY_NAMES.map((name, index) => (
              <option key={name} value={index + 1}>
                {name}
              </option>
            ))}
          </SelectField>
          <SelectField field={fields.locationId} label="Location">
            {page.locations.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="pair">
          <WhenField field={fields.start} label="From" type="time" />
          <WhenField field={fields.end} label="Until" type="time" />
        </div>
        <CheckboxField field={fields.allowsSelfBooking} label="Clients can book themselves" />
        <div className="actions">
          <button type="submit" disabled={navigation.state === "submitting"}>
            {editing ? "Save hours" : "Add hours"}
          </button>
          {editing ? <Link to={basePath}>Cancel</Link> : null}
        </div>
      </Form>
    </section>
  );
}

function TimeOffForm({
  actionData,
  today,
  clock,
}: {
  actionData?: EditorActionData;
  today: string;
  /** Whose clock the times are on, when the instructor's locations keep different ones. */
  clock: string | null;
}) {
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "time-off",
    lastResult: lastResultFor(actionData, "time-off"),
    constraint: getZodConstraint(TimeOffSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TimeOffSchema }),
    defaultValue: { date: today },
  });
  return (
    <section className="panel" aria-labelledby="time-off-title">
      <h2 id="time-off-title">Add time off</h2>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} id={form.errorId} />
        <input type="hidden" name="intent" value="time-off" />
        <WhenField field={fields.date} label="Date" type="date" />
        <p className="hint">
          Leave the times empty for the whole day.
          {clock ? ` Times are ${clock}: the time off covers the same hours at every location.` : null}
        </p>
        <div className="pair">
          <WhenField field={fields.start} label="From (optional)" type="time" />
          <WhenField field={fields.end} label="Until (optional)" type="time" />
        </div>
        <TextField field={fields.note} label="Note (optional)" hint="Only the team sees it." />
        <button type="submit" disabled={navigation.state === "submitting"}>
          Add time off
        </button>
      </Form>
    </section>
  );
}

function ExtraHoursForm({ page, actionData }: { page: Editor; actionData?: EditorActionData }) {
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "extra-hours",
    lastResult: lastResultFor(actionData, "extra-hours"),
    constraint: getZodConstraint(ExtraHoursSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ExtraHoursSchema }),
    defaultValue: { date: page.today, locationId: page.locations[0]?.id, allowsSelfBooking: "on" },
  });
  return (
    <section className="panel" aria-labelledby="extra-title">
      <h2 id="extra-title">Add extra hours</h2>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} id={form.errorId} />
        <input type="hidden" name="intent" value="extra-hours" />
        <div className="pair">
          <WhenField field={fields.date} label="Date" type="date" />
          <SelectField field={fields.locationId} label="Location">
            {page.locations.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="pair">
          <WhenField field={fields.start} label="From" type="time" />
          <WhenField field={fields.end} label="Until" type="time" />
        </div>
        <CheckboxField field={fields.allowsSelfBooking} label="Clients can book themselves" />
        <button type="submit" disabled={navigation.state === "submitting"}>
          Add extra hours
        </button>
      </Form>
    </section>
  );
}

/** The change would leave booked sessions outside the hours: say which, and let them choose. */
function ConfirmStranded({
  confirm,
  basePath,
}: {
  confirm: { sessions: StrandedSession[]; fields: Record<string, string> };
  basePath: string;
}) {
  const count = confirm.sessions.length;
  return (
    <section className="panel narrow" aria-labelledby="confirm-title">
      <h1 id="confirm-title">Booked sessions outside the new hours</h1>
      <p>
        {count === 1 ? "This session is" : `These ${count} sessions are`} already booked and would fall outside the
        hours after this change:
      </p>
      <ul className="stranded">
        {confirm.sessions.map((s) => (
          <li key={`${s.date} ${s.time} ${s.locationName}`}>
            <strong>{s.date}</strong>, {s.time} at {s.locationName}
          </li>
        ))}
      </ul>
      <p>
        Saving anyway keeps {count === 1 ? "it" : "them"}: the clients are still expected. No new bookings can be made
        outside the hours.
      </p>
      <Form method="post" className="actions">
        {Object.entries(confirm.fields)
          .filter(([name]) => name !== "confirmed")
          .map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
        <input type="hidden" name="confirmed" value="on" />
        <button type="submit">Save anyway</button>
        <Link to={basePath}>Cancel</Link>
      </Form>
    </section>
  );
}
