import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FieldError, FormErrors } from "~/components/field";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { TravelSchema } from "~/services/schedule/availability.schema";
import { saveTravelTimes, travelTable } from "~/services/schedule/availability-travel.server";

export const meta: MetaFunction = () => [{ title: "Travel times" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    return { pairs: await travelTable(tenant, actor), saved: new URL(request.url).searchParams.has("saved") };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const submission = parseWithZod(await readForm(request), { schema: TravelSchema });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    await saveTravelTimes(tenant, actor, submission.value);
    return redirect("/locations/travel?saved=1");
  });
}

export default function TravelTimes() {
  const { pairs, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(TravelSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TravelSchema }),
    defaultValue: { pairs: pairs.map((p) => ({ from: p.from.id, to: p.to.id, minutes: String(p.minutes) })) },
  });
  const rows = fields.pairs.getFieldList();
  return (
    <section className="panel narrow" aria-labelledby="travel-title">
      <p>
        <Link to="/locations">← Locations</Link>
      </p>
      <h1 id="travel-title">Travel times</h1>
      <p className="muted">
        Minutes an instructor needs to get from one location to the other. No 1:1 session is offered that close to a
        class or session elsewhere.
      </p>
      {saved ? (
        <p className="alert alert-ok" role="status">
          Travel times saved.
        </p>
      ) : null}
      {pairs.length === 0 ? (
        <p>Travel times matter once the studio has two open locations.</p>
      ) : (
        <Form method="post" className="stack" {...getFormProps(form)}>
          <FormErrors errors={form.errors} id={form.errorId} />
          <table className="travel">
            <thead>
              <tr>
                <th scope="col">From → to</th>
                <th scope="col">Minutes</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => {
                const pair = pairs[index];
                const { from, to, minutes } = row.getFieldset();
                const { key, ...minuteProps } = getInputProps(minutes, { type: "number" });
                return (
                  <tr key={row.key}>
                    <th scope="row">
                      <label htmlFor={minutes.id}>
                        {pair?.from.name} → {pair?.to.name}
                      </label>
                      <input {...getInputProps(from, { type: "hidden" })} key={from.key} />
                      <input {...getInputProps(to, { type: "hidden" })} key={to.key} />
                    </th>
                    <td>
                      <input {...minuteProps} key={key ?? minutes.key} inputMode="numeric" />
                      <FieldError field={minutes} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <button type="submit" disabled={navigation.state === "submitting"}>
            Save travel times
          </button>
        </Form>
      )}
    </section>
  );
}
