import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { z } from "zod";
import { CheckboxField } from "~/components/checkbox-field";
import { FormErrors, SelectField, TextField } from "~/components/field";
import { WhenField } from "~/components/time-fields";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import {
  type ClassSeriesInput,
  ClassSeriesSchema,
  repeatLabel,
  WEEKDAYS,
} from "~/services/schedule/class-series.schema";
import { classFormOptions, type ScheduleRefusal, scheduleClass } from "~/services/schedule/class-series-admin.server";
import { clashText } from "~/services/schedule/class-text";
import { ALL_LOCATIONS, locationContext } from "~/services/studio/location-context.server";

export const meta: MetaFunction = () => [{ title: "Schedule a class" }];

const REFUSALS: Record<ScheduleRefusal, Record<string, string[]>> = {
  "service-not-here": { serviceId: ["This class is not offered at that location"] },
  "instructor-not-here": { instructorId: ["This instructor does not teach at that location"] },
  "past-midnight": { startTime: ["With its length, the class would end after midnight"] },
};
const CLASHES_SHOWN = 6;

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const options = await classFormOptions(tenant, actor);
    const { selected } = await locationContext(request, tenant, actor);
    const locationId = selected === ALL_LOCATIONS ? options.locations[0]?.id : selected;
    const teaches = options.instructors.some((i) => i.id === actor.id);
    return { ...options, defaults: { locationId, instructorId: teaches ? actor.id : undefined } };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const submission = parseWithZod(await readForm(request), { schema: ClassSeriesSchema });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    const outcome = await scheduleClass(tenant, actor, submission.value);
    if (outcome.ok) return redirect("/classes?scheduled=1");
    if (outcome.reason === "outside-opening-hours") {
      const message = `This is outside ${outcome.opening}.${outcome.mayOverride ? " Tick “Schedule it anyway” below to go ahead." : ""}`;
      return data(
        { result: submission.reply({ fieldErrors: { startTime: [message] } }), outsideHours: outcome.mayOverride },
        { status: 409 },
      );
    }
    if (outcome.reason !== "conflict") {
      return data({ result: submission.reply({ fieldErrors: REFUSALS[outcome.reason] }) }, { status: 409 });
    }
    const shown = outcome.conflicts.slice(0, CLASHES_SHOWN).map((c) => clashText(c, outcome.timezone));
    const more = outcome.conflicts.length - shown.length;
    const formErrors = [
      "The instructor is busy at some of these times, so nothing was scheduled:",
      ...shown,
      ...(more > 0 ? [`…and ${more} more.`] : []),
    ];
    return data({ result: submission.reply({ formErrors }) }, { status: 409 });
  });
}

/** The form's values as the browser holds them: the day and the repeat are chosen as text. */
type ClassFormValues = Omit<z.input<typeof ClassSeriesSchema>, "weekday" | "intervalWeeks"> & {
  weekday?: string;
  intervalWeeks?: string;
};

export default function NewClass() {
  const { locations, services, instructors, today, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<ClassFormValues, ClassSeriesInput>({
    lastResult: actionData?.result,
    constraint: getZodConstraint(ClassSeriesSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ClassSeriesSchema }),
    defaultValue: { ...defaults, intervalWeeks: "1", validFrom: today },
  });
  return (
    <section className="panel narrow" aria-labelledby="new-class-title">
      <p>
        <Link to="/classes">← Class timetable</Link>
      </p>
      <h1 id="new-class-title">Schedule a class</h1>
      {services.length === 0 ? (
        <p className="alert alert-warn">
          There are no classes on offer at your locations yet. <Link to="/services/new">Add a class service</Link>{" "}
          first.
        </p>
      ) : null}
      <Form method="post" className="stack class-form" {...getFormProps(form)}>
        <FormErrors errors={form.errors} id={form.errorId} />
        <SelectField field={fields.serviceId} label="Class">
          <option value="">Choose…</option>
          {services.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({s.durationMinutes} min)
            </option>
          ))}
        </SelectField>
        <SelectField field={fields.locationId} label="Location">
          {locations.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </SelectField>
        <SelectField field={fields.instructorId} label="Instructor">
          <option value="">Choose…</option>
          {instructors.map((i) => (
            <option key={i.id} value={i.id}>
              {i.fullName} ({i.locations.join(", ")})
            </option>
          ))}
        </SelectField>
        <SelectField field={fields.weekday} label="Day">
          <option value="">Choose…</option>
          {WEEKDAYS.map((d) => (
            <option key={d.value} value={d.value}>
              {d.label}
            </option>
          ))}
        </SelectField>
        <div className="pair">
          <WhenField field={fields.startTime} label="Starts" type="time" />
          <WhenField
            field={fields.endTime}
            label="Ends (optional)"
            type="time"
            hint="Empty: the start plus the class's length."
          />
        </div>
        <div className="pair">
          <TextField
            field={fields.capacity}
            label="Places (optional)"
            type="number"
            hint="Empty: the class's usual number."
          />
          <SelectField field={fields.intervalWeeks} label="Repeats">
            {[1, 2, 3, 4].map((n) => (
              <option key={n} value={n}>
                {repeatLabel(n)}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="pair">
          <WhenField field={fields.validFrom} label="From" type="date" />
          <WhenField field={fields.validUntil} label="Until (optional)" type="date" hint="Empty: until you end it." />
        </div>
        {actionData && "outsideHours" in actionData && actionData.outsideHours ? (
          <CheckboxField
            field={fields.overrideOpeningHours}
            label="Schedule it anyway, outside the location's opening hours"
          />
        ) : null}
        <button type="submit" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Scheduling…" : "Schedule class"}
        </button>
      </Form>
    </section>
  );
}
