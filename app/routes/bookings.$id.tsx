import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import {
  type ActionFunctionArgs,
  data,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DateTime } from "luxon";
import { RefusalAlert, StatusBadge } from "~/components/booking-bits";
import { CheckInSection } from "~/components/check-in-panel";
import { FormErrors } from "~/components/field";
import { OfflineNote } from "~/components/offline-note";
import { CLIENT_PAGE } from "~/components/page-scripts";
import { SessionAttendanceSection } from "~/components/session-attendance";
import { TextareaField } from "~/components/textarea-field";
import { withPageErrors } from "~/http.server";
import { submitBooking } from "~/route-handlers/booking-submit.server";
import { readForm } from "~/route-handlers/read-form.server";
import { cancelBooking, changeBooking } from "~/services/booking/engine.server";
import { BookingPageSchema, ConfirmBookingSchema } from "~/services/booking/forms.schema";
import { bookingDetail } from "~/services/booking/views.server";
import { SessionAttendanceForm } from "~/services/desk/attendance.schema";
import { completeSession } from "~/services/desk/attendance.server";
import { checkInBooking, checkInPanel } from "~/services/desk/booking-check-in.server";
import { CheckInFormSchema } from "~/services/desk/check-in.schema";
import { sessionAttendancePanel } from "~/services/desk/session-attendance.server";
import { requireStudioActor } from "~/services/identity/actor.server";
import { requireId } from "~/services/identity/api.server";
import { offlineCopy } from "~/services/identity/offline-copy.server";
import { bookingPaymentNote } from "~/services/payments/refunds.server";
import { Refused } from "~/services/shared/errors";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { User } from "~db/schema/tenant";

export const handle = CLIENT_PAGE;

// A client's own booking carries the offline worker's header; nothing else does.
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.booking.serviceName}, ${data.booking.dateLabel}` : "Booking" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const detail = await bookingDetail(tenant, actor, requireId(params.id));
    // Staff see what was paid for it and, if theirs to refund, a way to.
    const payment = await bookingPaymentNote(tenant, actor, detail.booking.id);
    const notice = new URL(request.url).searchParams;
    const { booking } = detail;
    const own = booking.client.id === actor.id;
    const shown =
      (["booked", "cancelled", "moved", "confirmed", "undone", "checkedin"] as const).find((n) => notice.has(n)) ??
      null;
    // The plain page is the copy kept offline: a one-off notice ("Booking made", Undo) is not.
    const copy = own && !shown ? offlineCopy(tenant, actor, booking.timezone) : { headers: undefined, asOf: null };
    return data(
      {
        ...detail,
        payment,
        checkIn: await checkInPanel(tenant, actor, booking.id),
        attendance: await sessionAttendancePanel(tenant, actor, booking.id),
        marked: notice.has("marked"),
        // A client sees their own; staff see whose it is.
        own,
        notice: shown,
        asOf: copy.asOf,
        idempotencyKey: crypto.randomUUID(),
        // When it was confirmed, on the location's clock ("Monday 3 March, 09:12").
        confirmedOn: booking.confirmedAt
          ? DateTime.fromISO(booking.confirmedAt, { zone: booking.timezone })
              .setLocale("en-GB")
              .toFormat("cccc d LLLL, HH:mm")
          : null,
      },
      { headers: copy.headers },
    );
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const id = requireId(params.id);
    const form = await readForm(request);
    if (form.get("intent") === "check-in") return checkInAction(tenant, actor, id, form);
    if (form.get("intent") === "attendance") return attendanceAction(tenant, actor, id, form);
    const submission = parseWithZod(form, { schema: BookingPageSchema });
    if (submission.status !== "success") return data({ refusal: null, result: submission.reply() }, { status: 400 });
    if (submission.value.intent === "undo") {
      const { idempotencyKey } = submission.value;
      return submitBooking(() => cancelBooking(tenant, actor, id, { undo: true }, { idempotencyKey }), "undone");
    }
    try {
      await changeBooking(tenant, actor, id, { status: "confirmed", reason: submission.value.reason });
    } catch (error) {
      if (error instanceof Refused && error.code === "REASON_REQUIRED")
        return data(
          { refusal: null, result: submission.reply({ fieldErrors: { reason: [error.message] } }) },
          { status: error.status },
        );
      if (error instanceof Refused)
        return data(
          { refusal: { code: error.code, message: error.message }, result: undefined },
          { status: error.status },
        );
      throw error;
    }
    return redirect(`/bookings/${id}?confirmed=1`);
  });
}

/** The check-in button: checked in, back to the page saying so; refused, the reason beside the button. */
async function checkInAction(tenant: Tenant, actor: User, id: string, form: FormData) {
  const submission = parseWithZod(form, { schema: CheckInFormSchema });
  if (submission.status !== "success") return data({ refusal: null, result: submission.reply() }, { status: 400 });
  try {
    await checkInBooking(tenant, actor, id, submission.value);
  } catch (error) {
    if (error instanceof Refused)
      return data({ checkInRefusal: { code: error.code, message: error.message } }, { status: error.status });
    throw error;
  }
  return redirect(`/bookings/${id}?checkedin=1`);
}

/** Attended or no-show: marked, back to the page saying so (and what the no-show rule did); refused, the reason above the form. */
async function attendanceAction(tenant: Tenant, actor: User, id: string, form: FormData) {
  const submission = parseWithZod(form, { schema: SessionAttendanceForm });
  if (submission.status !== "success")
    return data({ attendanceResult: submission.reply(), attendanceRefusal: null }, { status: 400 });
  const { mark, attendanceNote } = submission.value;
  try {
    // The form shows the current note, so an emptied box clears it.
    await completeSession(tenant, actor, id, { attended: mark === "attended", note: attendanceNote ?? "" });
  } catch (error) {
    if (error instanceof Refused)
      return data(
        { attendanceResult: undefined, attendanceRefusal: { code: error.code, message: error.message } },
        { status: error.status },
      );
    throw error;
  }
  return redirect(`/bookings/${id}?marked=1`);
}

const METHOD_LABELS = {
  self_booked: "Online, by the client",
  instructor_created: "By the instructor",
  admin_created: "By the studio",
} as const;

type Page = ReturnType<typeof useLoaderData<typeof loader>>;

function Notice({ page }: { page: Page }) {
  const { booking } = page;
  const who = page.own ? "You're" : `${booking.client.name} is`;
  if (page.notice === "booked")
    return (
      <div className="alert alert-ok" role="status">
        <p>
          <strong>{booking.status === "pending" ? "Booking made." : `${who} booked in.`}</strong>{" "}
          {booking.status === "pending" ? "It waits for confirmation; we'll let you know." : null}
        </p>
        {page.undo ? <UndoForm page={page} /> : null}
      </div>
    );
  if (page.notice === "undone" && booking.status === "cancelled")
    return (
      <p className="alert alert-ok" role="status">
        <strong>Booking undone.</strong> Nothing was charged, and the{" "}
        {booking.kind === "class" ? "place in the class" : "time"} is free again.
      </p>
    );
  if (page.notice === "moved")
    return (
      <p className="alert alert-ok" role="status">
        <strong>Booking moved</strong> to {booking.dateLabel}, {booking.time}.
      </p>
    );
  if (page.notice === "checkedin" && booking.status === "checked_in")
    return (
      <p className="alert alert-ok" role="status">
        <strong>{who} checked in.</strong> Enjoy your {booking.kind === "class" ? "class" : "session"}.
      </p>
    );
  if (page.notice === "confirmed")
    return (
      <p className="alert alert-ok" role="status">
        <strong>Booking confirmed.</strong>
      </p>
    );
  if (page.notice === "cancelled" && booking.status === "cancelled")
    return (
      <p className="alert alert-ok" role="status">
        <strong>Booking cancelled.</strong> {creditText(page)}.
      </p>
    );
  return null;
}

/** One tap takes back a booking made in error, while the studio's undo minutes last. */
function UndoForm({ page }: { page: Page }) {
  const navigation = useNavigation();
  const undoing = navigation.state === "submitting" && navigation.formData?.get("intent") === "undo";
  if (!page.undo) return null;
  return (
    <Form method="post" className="undo-form">
      <input type="hidden" name="idempotencyKey" value={page.idempotencyKey} />
      <button type="submit" name="intent" value="undo" className="secondary" disabled={undoing}>
        {undoing ? "Undoing…" : "Undo booking"}
      </button>
      <span className="hint">Booked in error? You can undo it until {page.undo.until}.</span>
    </Form>
  );
}

function creditText(page: Page) {
  const { booking } = page;
  // After a cancel the booking holds only what was kept: none if returned or never charged.
  const credits = page.creditsSpent === 1 ? "1 credit" : `${page.creditsSpent} credits`;
  if (booking.status === "cancelled")
    return page.creditsSpent > 0 ? `${credits} kept as a late-cancel fee` : "Nothing charged";
  return page.creditsSpent === 0 ? "None" : credits;
}

/**
 * An owner or manager confirming an instructor-led booking in the instructor's place: the
 * reason is required and kept with the booking.
 */
function OverrideForm({ instructor, result }: { instructor: string; result: SubmissionResult | undefined }) {
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: result,
    constraint: getZodConstraint(ConfirmBookingSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ConfirmBookingSchema }),
  });
  return (
    <Form method="post" className="panel stack" aria-labelledby="override-title" {...getFormProps(form)}>
      <h2 id="override-title">Confirm in {instructor}'s place</h2>
      <p className="muted">
        {instructor} confirms bookings of this instructor-led service. You may confirm it for them; say why, and it is
        kept with the booking.
      </p>
      <FormErrors errors={form.errors} id={form.errorId} />
      <TextareaField field={fields.reason} label="Reason" rows={2} />
      <div className="actions">
        <button type="submit" name="intent" value="confirm" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Confirming…" : "Confirm booking"}
        </button>
      </div>
    </Form>
  );
}

export default function BookingPage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { booking } = page;
  const live = booking.status !== "cancelled";
  const confirming = navigation.state === "submitting" && navigation.formData?.get("intent") === "confirm";
  return (
    <div className="narrow-wide booking-detail">
      <p className="crumbs">
        <Link to="/bookings">{page.isStaff ? "Bookings" : "My bookings"}</Link>
      </p>
      <OfflineNote asOf={page.asOf} />
      <Notice page={page} />
      <div className="page-head">
        <h1>{booking.serviceName}</h1>
        <StatusBadge status={booking.status} />
      </div>
      <div className="panel">
        <dl className="facts">
          <dt>When</dt>
          <dd>
            {booking.dateLabel}, {booking.time}–{booking.endTime}
          </dd>
          <dt>Where</dt>
          <dd>{booking.location.name}</dd>
          <dt>{booking.kind === "class" ? "Teacher" : "Instructor"}</dt>
          <dd>{booking.instructor.name}</dd>
          {page.own ? null : (
            <>
              <dt>Client</dt>
              <dd>
                {page.isStaff ? (
                  <Link to={`/clients/${booking.client.id}`}>{booking.client.name}</Link>
                ) : (
                  booking.client.name
                )}
              </dd>
            </>
          )}
          {booking.kind === "class" ? (
            <>
              <dt>Places</dt>
              <dd>{booking.spots}</dd>
            </>
          ) : null}
          <dt>Credit</dt>
          <dd>{creditText(page)}</dd>
          {page.payment ? (
            <>
              <dt>Payment</dt>
              <dd>
                {page.payment.text}
                {page.payment.refundHref ? (
                  <>
                    {" · "}
                    <Link to={page.payment.refundHref}>Refund</Link>
                  </>
                ) : null}
              </dd>
            </>
          ) : null}
          <dt>Booked</dt>
          <dd>{page.own && booking.method === "self_booked" ? "Online, by you" : METHOD_LABELS[booking.method]}</dd>
          {booking.notes ? (
            <>
              <dt>Notes</dt>
              <dd className="notes">{booking.notes}</dd>
            </>
          ) : null}
          {booking.confirmedBy ? (
            <>
              <dt>Confirmed by</dt>
              <dd>
                {booking.confirmedBy.name}
                {page.confirmedOn ? `, ${page.confirmedOn}` : null}
              </dd>
            </>
          ) : null}
          {booking.confirmationOverrideReason ? (
            <>
              <dt>In the instructor's place</dt>
              <dd>{booking.confirmationOverrideReason}</dd>
            </>
          ) : null}
          {booking.status === "cancelled" && booking.cancelReason ? (
            <>
              <dt>Reason</dt>
              <dd>{booking.cancelReason}</dd>
            </>
          ) : null}
        </dl>
        {booking.occurrenceId ? (
          <p>
            <Link className="action-link" to={`/schedule/${booking.occurrenceId}`}>
              About this class
            </Link>
          </p>
        ) : null}
      </div>
      {page.checkIn ? (
        <CheckInSection
          panel={page.checkIn}
          who={page.own ? "You're" : `${booking.client.name} is`}
          location={booking.location.name}
          refusal={actionData && "checkInRefusal" in actionData ? actionData.checkInRefusal : null}
        />
      ) : null}
      {page.attendance ? (
        <SessionAttendanceSection
          panel={page.attendance}
          saved={page.marked}
          refusal={actionData && "attendanceRefusal" in actionData ? actionData.attendanceRefusal : null}
          result={actionData && "attendanceResult" in actionData ? actionData.attendanceResult : undefined}
        />
      ) : null}
      <RefusalAlert refusal={actionData && "refusal" in actionData ? actionData.refusal : null} />
      {live && page.undo && page.notice !== "booked" ? <UndoForm page={page} /> : null}
      {live && page.confirmWaiting ? <p className="alert alert-info">{page.confirmWaiting}</p> : null}
      {live && page.canConfirm && page.confirmNeedsReason ? (
        <OverrideForm
          instructor={booking.instructor.name}
          result={actionData && "result" in actionData ? actionData.result : undefined}
        />
      ) : null}
      {live ? (
        <div className="booking-actions">
          {page.canConfirm && !page.confirmNeedsReason ? (
            <Form method="post">
              <button type="submit" name="intent" value="confirm" disabled={navigation.state === "submitting"}>
                {confirming ? "Confirming…" : "Confirm booking"}
              </button>
            </Form>
          ) : null}
          {page.reschedule.allowed ? (
            <Link className="button secondary" to={`/bookings/${booking.id}/reschedule`}>
              Move to another time
            </Link>
          ) : null}
          {page.cancel.allowed && !page.undo ? (
            <Link className="button secondary danger-outline" to={`/bookings/${booking.id}/cancel`}>
              Cancel booking
            </Link>
          ) : null}
        </div>
      ) : null}
      {live && !page.reschedule.allowed && page.cancel.allowed && !page.undo ? (
        <p className="muted">{page.reschedule.message}</p>
      ) : null}
      {live && !page.cancel.allowed ? <p className="muted">{page.cancel.message}</p> : null}
      {!live && page.own ? (
        <p className="actions">
          <Link to="/book">Book a session</Link>
          <Link to="/schedule">Find a class</Link>
        </p>
      ) : null}
    </div>
  );
}
