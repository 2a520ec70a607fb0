import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CLIENT_PAGE } from "~/components/page-scripts";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { requireStudioActor } from "~/services/identity/actor.server";
import { createBookingRequest, localTimeToInstant } from "~/services/requests/create.server";
import { MAX_PREFERRED_TIMES } from "~/services/requests/rules";
import { RequestFormSchema } from "~/services/requests/schema";
import { requestFormChoices } from "~/services/requests/views.server";
import { Forbidden, Refused } from "~/services/shared/errors";

export const handle = CLIENT_PAGE;

export const meta: MetaFunction = () => [{ title: "Ask for a session" }];

/** A client asks an instructor (or anyone) for a session the instructor books: up to three times. */
export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    if (actor.role !== "client") throw new Forbidden("Clients ask for sessions; staff book them.");
    const serviceId = new URL(request.url).searchParams.get("serviceId");
    return { ...(await requestFormChoices(tenant)), serviceId };
  });
}

/** One box per preferred time the studio takes. */
const CHOICES = Array.from({ length: MAX_PREFERRED_TIMES }, (_, i) => `preferredTime-${i}`);

type Errors = Partial<Record<"serviceId" | "locationId" | "instructorId" | "preferredTimes" | "notes", string>>;

export async function action({ request }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const form = await readForm(request);
    const parsed = RequestFormSchema.safeParse({
      serviceId: form.get("serviceId"),
      locationId: form.get("locationId"),
      instructorId: form.get("instructorId") || undefined,
      // Empty boxes are times not given.
      preferredTimes: form.getAll("preferredTime").filter((v) => v !== ""),
      notes: form.get("notes") ?? "",
    });
    if (!parsed.success) {
      const errors: Errors = {};
      for (const issue of parsed.error.issues) errors[issue.path[0] as keyof Errors] ??= issue.message;
      return data({ errors }, { status: 400 });
    }
    const { locations } = await requestFormChoices(tenant);
    const zone = locations.find((l) => l.id === parsed.data.locationId)?.zone;
    if (!zone) return data({ errors: { locationId: "Choose a location" } as Errors }, { status: 400 });
    const times = parsed.data.preferredTimes.map((t) => localTimeToInstant(t, zone));
    if (times.some((t) => t === null))
      return data(
        { errors: { preferredTimes: "One of the times does not exist on the clock there" } as Errors },
        { status: 400 },
      );
    try {
      await createBookingRequest(tenant, actor, {
        ...parsed.data,
        instructorId: parsed.data.instructorId === "any" ? null : parsed.data.instructorId,
        preferredTimes: times as Date[],
      });
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      const field: keyof Errors =
        error.code === "INVALID_PREFERRED_TIMES"
          ? "preferredTimes"
          : error.code === "INSTRUCTOR_NOT_HERE"
            ? "instructorId"
            : error.code === "LOCATION_NOT_OFFERED"
              ? "locationId"
              : "serviceId";
      return data({ errors: { [field]: error.message } as Errors }, { status: error.status });
    }
    return redirect("/requests?asked=1");
  });
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p className="field-error" id={id}>
      {message}
    </p>
  ) : null;
}

export default function AskForSession() {
  const page = useLoaderData<typeof loader>();
  const errors: Errors = useActionData<typeof action>()?.errors ?? {};
  const described = (name: keyof Errors) => (errors[name] ? `${name}-error` : undefined);
  return (
    <section className="narrow" aria-labelledby="ask-title">
      <h1 id="ask-title">Ask for a session</h1>
      <p className="lead">
        Your instructor books these sessions with you. Give up to {MAX_PREFERRED_TIMES} times that suit you: they accept
        one, propose another or let you know.
      </p>
      {page.services.length === 0 ? (
        <p className="panel">There are no sessions to ask for right now.</p>
      ) : (
        <Form method="post" className="stack panel">
          <div className="field">
            <label htmlFor="serviceId">Session</label>
            <select
              id="serviceId"
              name="serviceId"
              defaultValue={page.serviceId ?? undefined}
              aria-describedby={described("serviceId")}
            >
              {page.services.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.minutes} min)
                </option>
              ))}
            </select>
            <FieldError id="serviceId-error" message={errors.serviceId} />
          </div>
          <div className="field">
            <label htmlFor="locationId">Location</label>
            <select id="locationId" name="locationId" aria-describedby={described("locationId")}>
              {page.locations.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
            <FieldError id="locationId-error" message={errors.locationId} />
          </div>
          <div className="field">
            <label htmlFor="instructorId">Instructor</label>
            <select
              id="instructorId"
              name="instructorId"
              defaultValue="any"
              aria-describedby={described("instructorId")}
            >
              <option value="any">Anyone who teaches it there</option>
              {page.instructors.map((i) => (
                <option key={`${i.locationId}:${i.id}`} value={i.id}>
                  {i.name}
                  {page.locations.length > 1
                    ? ` (${page.locations.find((l) => l.id === i.locationId)?.name ?? ""})`
                    : ""}
                </option>
              ))}
            </select>
            <FieldError id="instructorId-error" message={errors.instructorId} />
          </div>
          <fieldset className="field" aria-describedby={described("preferredTimes")}>
            <legend>Times that suit you (the location's local time)</legend>
            {CHOICES.map((id, i) => (
              <div key={id}>
                <label htmlFor={id}>{i === 0 ? "First choice" : `Choice ${i + 1} (optional)`}</label>
                <input id={id} type="datetime-local" name="preferredTime" required={i === 0} />
              </div>
            ))}
            <FieldError id="preferredTimes-error" message={errors.preferredTimes} />
          </fieldset>
          <div className="field">
            <label htmlFor="notes">Anything your instructor should know? (optional)</label>
            <textarea id="notes" name="notes" rows={3} maxLength={1000} aria-describedby={described("notes")} />
            <FieldError id="notes-error" message={errors.notes} />
          </div>
          <button type="submit" className="wide">
            Send request
          </button>
          <p className="form-links">
            <Link to="/requests">My requests</Link>
          </p>
        </Form>
      )}
    </section>
  );
}
