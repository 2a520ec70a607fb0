import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { Refusal } from "~/components/booking-bits";
import { ChoiceGroup } from "~/components/choice-group";
import { FormErrors } from "~/components/field";
import { TextareaField } from "~/components/textarea-field";
import { SessionAttendanceForm } from "~/services/desk/attendance.schema";
import type { SessionAttendancePanel } from "~/services/desk/session-attendance.server";

const MARKS = [
  { value: "attended", label: "Attended" },
  { value: "no_show", label: "No-show" },
];

function MarkLine({ panel }: { panel: SessionAttendancePanel }) {
  const { mark } = panel;
  if (!mark) return <p>Not marked yet.</p>;
  const by = mark.by ? `, marked by ${mark.by} at ${mark.at}` : `, marked at ${mark.at}`;
  return (
    <p>
      <strong>{mark.attended ? "Attended" : "No-show"}</strong>
      {by}.{panel.cost ? ` ${panel.cost}` : null}
    </p>
  );
}

/**
 * A session's attendance on its booking page, for staff who may mark it: the current mark, and
 * a plain form to set or correct it (a no-show follows the studio's rule, said once marked).
 */
export function SessionAttendanceSection({
  panel,
  saved,
  refusal,
  result,
}: {
  panel: SessionAttendancePanel;
  /** Just marked: the page came back from the form. */
  saved: boolean;
  refusal: Refusal | null;
  result: SubmissionResult | undefined;
}) {
  const [form, fields] = useForm({
    id: "session-attendance",
    lastResult: result,
    constraint: getZodConstraint(SessionAttendanceForm),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SessionAttendanceForm }),
    defaultValue: {
      mark: panel.mark ? (panel.mark.attended ? "attended" : "no_show") : undefined,
      attendanceNote: panel.note ?? "",
    },
  });
  return (
    <section className="panel stack" aria-labelledby="attendance-title">
      <h2 id="attendance-title">Attendance</h2>
      {saved && panel.mark ? (
        <div className="alert alert-ok" role="status">
          <MarkLine panel={panel} />
        </div>
      ) : (
        <MarkLine panel={panel} />
      )}
      {refusal ? (
        <p className="alert alert-error" role="alert">
          {refusal.message}
        </p>
      ) : null}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="attendance" />
        <FormErrors errors={form.errors} id={form.errorId} />
        <ChoiceGroup field={fields.mark} legend="Mark as" type="radio" options={MARKS} inline />
        <TextareaField field={fields.attendanceNote} label="Note (optional)" rows={2} />
        <div className="actions">
          <button type="submit">{panel.mark ? "Save attendance" : "Mark attendance"}</button>
        </div>
      </Form>
    </section>
  );
}
