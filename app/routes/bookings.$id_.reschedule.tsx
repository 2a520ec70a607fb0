import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { RefusalAlert, SlotGroups } from "~/components/booking-bits";
import { FormErrors } from "~/components/field";
import { CLIENT_PAGE } from "~/components/page-scripts";
import { withPageErrors } from "~/http.server";
import { submitBooking } from "~/route-handlers/booking-submit.server";
import { readForm } from "~/route-handlers/read-form.server";
import { rescheduleBooking } from "~/services/booking/engine.server";
import { RescheduleClassSchema, RescheduleQuerySchema, RescheduleSessionSchema } from "~/services/booking/forms.schema";
import { bookingClient, otherClassDates, sessionTimes } from "~/services/booking/pages.server";
import { bookingDetail } from "~/services/booking/views.server";
import { requireStudioActor } from "~/services/identity/actor.server";
import { requireId } from "~/services/identity/api.server";
import { dayLabel } from "~/services/schedule/dates";
import { readQuery } from "~/services/schedule/queries.schema";
import { NotFound } from "~/services/shared/errors";

export const handle = CLIENT_PAGE;

export const meta: MetaFunction = () => [{ title: "Move a booking" }];

/**
 * Moving a booking: a session to another free time with the same service (and the same or
 * another instructor), a class to another date of the same class. One POST moves it, atomically.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const detail = await bookingDetail(tenant, actor, requireId(params.id));
    const { booking } = detail;
    const base = {
      booking: {
        id: booking.id,
        serviceName: booking.serviceName,
        when: `${booking.dateLabel}, ${booking.time}–${booking.endTime}`,
        location: booking.location.name,
        instructor: booking.instructor.name,
      },
      refused: detail.reschedule.allowed ? null : detail.reschedule.message,
      idempotencyKey: crypto.randomUUID(),
    };
    if (!detail.reschedule.allowed) return { kind: "none" as const, ...base };
    if (booking.kind === "class")
      return { kind: "class" as const, ...base, dates: await otherClassDates(tenant, booking) };

    const query = readQuery(RescheduleQuerySchema, new URL(request.url).searchParams);
    const client = await bookingClient(tenant, actor, booking.client.id);
    if (!client) throw new NotFound("There is no such booking.");
    const times = await sessionTimes(tenant, actor, client, {
      serviceId: booking.serviceId,
      locationId: booking.location.id,
      instructorId: query.instructorId ?? booking.instructor.id,
      date: query.date ?? booking.date,
    });
    // "Anyone" is no choice here: a moved session names its instructor.
    const instructorId = times.instructorId || booking.instructor.id;
    const chosen = query.startsAt
      ? times.slots.find((s) => new Date(s.startsAt).getTime() === new Date(query.startsAt as string).getTime())
      : undefined;
    return {
      kind: "session" as const,
      ...base,
      date: times.date,
      heading: times.heading,
      previous: times.previous,
      next: times.next,
      today: times.today,
      instructors: times.instructors,
      instructorId,
      slots: times.slots,
      nextFree: times.nextFree,
      chosen: chosen
        ? {
            startsAt: chosen.startsAt,
            label: `${dayLabel(times.date)}, ${chosen.time}`,
            instructor: times.instructors.find((i) => i.id === instructorId)?.name ?? "",
          }
        : null,
      chosenGone: Boolean(query.startsAt && !chosen),
    };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const id = requireId(params.id);
    const form = await readForm(request);
    if (form.get("kind") === "class") {
      const submission = parseWithZod(form, { schema: RescheduleClassSchema });
      if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
      const { occurrenceId, idempotencyKey } = submission.value;
      return submitBooking(
        () => rescheduleBooking(tenant, actor, id, { kind: "class", occurrenceId }, { idempotencyKey }),
        "moved",
      );
    }
    const submission = parseWithZod(form, { schema: RescheduleSessionSchema });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    const { startsAt, instructorId, idempotencyKey } = submission.value;
    return submitBooking(
      () =>
        rescheduleBooking(
          tenant,
          actor,
          id,
          { kind: "session", startsAt: new Date(startsAt), instructorId },
          { idempotencyKey },
        ),
      "moved",
    );
  });
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>;

export default function ReschedulePage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const back = `/bookings/${page.booking.id}`;
  const errors = actionData && "result" in actionData ? actionData.result.error?.[""] : undefined;
  const fieldErrors = actionData && "result" in actionData ? actionData.result.error : undefined;
  return (
    <section className="narrow-wide" aria-labelledby="move-title">
      <p className="crumbs">
        <Link to={back}>← Back to the booking</Link>
      </p>
      <h1 id="move-title">Move this booking</h1>
      <p className="muted">
        Now: {page.booking.serviceName}, {page.booking.when} at {page.booking.location} with {page.booking.instructor}
      </p>
      <RefusalAlert refusal={actionData && "refusal" in actionData ? actionData.refusal : null} />
      <FormErrors
        errors={[
          ...(errors ?? []),
          ...(fieldErrors?.idempotencyKey ?? []),
          ...(fieldErrors?.startsAt ?? []),
          ...(fieldErrors?.occurrenceId ?? []),
        ]}
      />
      {page.kind === "none" ? (
        <div className="alert alert-warn" role="status">
          <p>{page.refused}</p>
          <p>
            <Link className="action-link" to={back}>
              Back to the booking
            </Link>
          </p>
        </div>
      ) : page.kind === "class" ? (
        <MoveClass page={page} />
      ) : (
        <MoveSession page={page} />
      )}
    </section>
  );
}

function Submit({ label }: { label: string }) {
  const navigation = useNavigation();
  return (
    <button type="submit" disabled={navigation.state === "submitting"}>
      {navigation.state === "submitting" ? "Moving…" : label}
    </button>
  );
}

function MoveClass({ page }: { page: Extract<Page, { kind: "class" }> }) {
  if (page.dates.length === 0)
    return <p className="panel">This class has no other dates here in the next five weeks.</p>;
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="kind" value="class" />
      <input type="hidden" name="idempotencyKey" value={page.idempotencyKey} />
      <fieldset className="choice-group">
        <legend>Choose another date</legend>
        <div className="choices">
          {page.dates.map((d) => (
            <label key={d.id} className={`choice${d.spotsLeft <= 0 ? " is-full" : ""}`}>
              <input type="radio" name="occurrenceId" value={d.id} disabled={d.spotsLeft <= 0} />
              <span>
                <strong>{d.label}</strong>{" "}
                <span className="muted">
                  · {d.instructor} · {d.spotsLeft <= 0 ? "Full" : `${d.spotsLeft} left`}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <Submit label="Move booking" />
    </Form>
  );
}

function MoveSession({ page }: { page: Extract<Page, { kind: "session" }> }) {
  const link = (changes: { date?: string; startsAt?: string }) => {
    const params = new URLSearchParams({ date: changes.date ?? page.date, instructorId: page.instructorId });
    if (changes.startsAt) params.set("startsAt", changes.startsAt);
    return `?${params}`;
  };
  if (page.chosen)
    return (
      <div className="panel">
        <h2>Move to {page.chosen.label}?</h2>
        <p>With {page.chosen.instructor}. Any credit used moves with the booking.</p>
        <Form method="post" className="actions">
          <input type="hidden" name="kind" value="session" />
          <input type="hidden" name="startsAt" value={page.chosen.startsAt} />
          <input type="hidden" name="instructorId" value={page.instructorId} />
          <input type="hidden" name="idempotencyKey" value={page.idempotencyKey} />
          <Submit label="Move booking" />
          <Link to={link({})}>Choose another time</Link>
        </Form>
      </div>
    );
  return (
    <>
      {page.chosenGone ? (
        <p className="alert alert-warn" role="status">
          Sorry, that time is no longer free. Please choose another.
        </p>
      ) : null}
      <Form method="get" className="slot-controls" aria-label="Choose a day">
        <div className="field">
          <label htmlFor="move-instructor">Instructor</label>
          <select id="move-instructor" name="instructorId" defaultValue={page.instructorId} key={page.instructorId}>
            {page.instructors.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="move-date">Date</label>
          <input id="move-date" type="date" name="date" min={page.today} defaultValue={page.date} key={page.date} />
        </div>
        <button type="submit">Show times</button>
      </Form>
      <nav className="day-nav" aria-label="Days">
        {page.previous ? (
          <Link to={link({ date: page.previous })} rel="prev">
            ← Previous day
          </Link>
        ) : (
          <span className="muted">Today</span>
        )}
        <Link to={link({ date: page.next })} rel="next">
          Next day →
        </Link>
      </nav>
      <h2 className="slot-day">{page.heading}</h2>
      {page.slots.length > 0 ? (
        <SlotGroups slots={page.slots} link={(startsAt) => link({ startsAt })} day={page.heading} />
      ) : (
        <p className="panel empty">
          No free times on this day
          {page.nextFree ? (
            <>
              {" "}
              — <Link to={link({ date: page.nextFree.date })}>try {page.nextFree.name}</Link>
            </>
          ) : (
            "."
          )}
        </p>
      )}
    </>
  );
}
