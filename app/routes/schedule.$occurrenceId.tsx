import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { RefusalAlert, StatusBadge } from "~/components/booking-bits";
import { AttendanceRoster, type RosterReply } from "~/components/class-attendance";
import { spotsText } from "~/components/class-row";
import { FormErrors } from "~/components/field";
import { KeepCardBox } from "~/components/keep-card-box";
import { CLIENT_PAGE } from "~/components/page-scripts";
import { ClientWaitlist, StaffWaitlist, type WaitlistReply } from "~/components/waitlist-panels";
import { withPageErrors } from "~/http.server";
import { submitBooking } from "~/route-handlers/booking-submit.server";
import { readForm } from "~/route-handlers/read-form.server";
import { rosterAction } from "~/route-handlers/roster-actions.server";
import { waitlistAction } from "~/route-handlers/waitlist-actions.server";
import { bookClass } from "~/services/booking/engine.server";
import { BookClassSchema, ClassPanelQuerySchema } from "~/services/booking/forms.schema";
import { classBookingPanel } from "~/services/booking/pages.server";
import { classAttendanceRoster } from "~/services/desk/roster.server";
import { requireStudioActor } from "~/services/identity/actor.server";
import { requireId } from "~/services/identity/api.server";
import { findSignedInUser } from "~/services/identity/auth.server";
import { openPaymentOfBooking, payForClass, payOffer } from "~/services/payments/purchase.server";
import { readQuery } from "~/services/schedule/queries.schema";
import { classDetail } from "~/services/schedule/timetable.server";
import { Refused } from "~/services/shared/errors";
import { requireTenant } from "~/services/tenancy/tenant.server";
import { clientWaitlistPanel, staffWaitlist } from "~/services/waitlist/pages.server";

export const handle = CLIENT_PAGE;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? data.name : "Class" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const tenant = await requireTenant(request);
    const id = requireId(params.occurrenceId);
    const [detail, user] = await Promise.all([classDetail(tenant, id), findSignedInUser(request, tenant)]);
    const search = new URL(request.url).searchParams;
    const query = readQuery(ClassPanelQuerySchema, search);
    const panel = await classBookingPanel(tenant, user ?? null, id, { zone: detail.location.timezone, ...query });
    const { startsAt, endsAt, ...shown } = detail;
    const pay = panel?.kind === "client" ? await payOffer(tenant, user ?? null, panel.pricePerPlaceMinor) : null;
    const heldPaymentId =
      user && panel?.kind === "client" && panel.bookingId && panel.awaitingPayment
        ? await openPaymentOfBooking(tenant, user, panel.bookingId)
        : null;
    const zone = detail.location.timezone;
    const waitlist = user && panel?.kind === "client" ? await clientWaitlistPanel(tenant, user, id, zone) : null;
    const line = user && panel?.kind === "staff" ? await staffWaitlist(tenant, user, id, zone) : null;
    const attendance =
      user && panel?.kind === "staff" && panel.roster ? await classAttendanceRoster(tenant, user, id) : null;
    return {
      ...shown,
      waitlist,
      staffLine:
        line && panel?.kind === "staff"
          ? {
              ...line,
              capacity: detail.capacity,
              booked: panel.roster?.booked ?? 0,
              mayAdd: panel.mayBook && !detail.cancelled && !detail.started,
              clients: panel.clients,
            }
          : null,
      waitlistNotice: WAITLIST_NOTICES[search.get("waitlist") ?? ""] ?? null,
      attendance: attendance && {
        occurrenceId: id,
        booked: panel?.kind === "staff" ? (panel.roster?.booked ?? 0) : 0,
        capacity: detail.capacity,
        people: attendance.people,
        note: attendance.note,
        checkInOpen: attendance.checkInOpen,
        mayMark: attendance.mayMark,
        mayWriteNote: attendance.mayWriteNote,
      },
      noteSaved: search.has("note-saved"),
      signedIn: Boolean(user),
      panel,
      pay,
      heldPaymentId,
      chosenClientId: search.get("clientId") ?? "",
      q: search.get("q") ?? "",
      idempotencyKey: crypto.randomUUID(),
    };
  });
}

/** What the page says after a waitlist form went through (POST-redirect-GET). */
const WAITLIST_NOTICES: Record<string, string> = {
  joined: "You're on the waitlist.",
  left: "You've left the waitlist.",
  declined: "You let the place go: it is offered to the next person in line.",
  added: "Added to the waitlist.",
  moved: "Moved in the waitlist.",
  removed: "Removed from the waitlist.",
  capacity: "The class's places are changed.",
};

/**
 * "Book" (a client's own places) and "Book a client in" (staff): one class booking each; and
 * the waitlist's forms (components/waitlist-panels.tsx).
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const occurrenceId = requireId(params.occurrenceId);
    const form = await readForm(request);
    const rostered = await rosterAction(tenant, actor, occurrenceId, form);
    if (rostered) return rostered;
    const waitlisted = await waitlistAction(tenant, actor, occurrenceId, form);
    if (waitlisted) return waitlisted;
    const submission = parseWithZod(form, { schema: BookClassSchema });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    const { intent, spots, clientId, idempotencyKey, keepCard } = submission.value;
    if (intent === "pay") {
      // Paying instead of with a credit: the place is held and the browser sent to Stripe's Checkout (303).
      try {
        const { redirectTo } = await payForClass(tenant, actor, { occurrenceId, spots }, { idempotencyKey, keepCard });
        return redirect(redirectTo, 303);
      } catch (error) {
        if (!(error instanceof Refused)) throw error;
        return data(
          { intent: "book", refusal: { code: error.code, message: error.message } },
          { status: error.status },
        );
      }
    }
    if (intent === "book-client" && !clientId)
      return data(
        { result: submission.reply({ fieldErrors: { clientId: ["Choose the client to book in"] } }) },
        { status: 400 },
      );
    return submitBooking(
      () =>
        bookClass(
          tenant,
          actor,
          { occurrenceId, spots, clientId: intent === "book-client" ? clientId : undefined },
          { idempotencyKey },
        ),
      "booked",
      { intent },
    );
  });
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>;

const WAITLIST_INTENTS = new Set([
  "join-waitlist",
  "leave-waitlist",
  "take-offer",
  "decline-offer",
  "waitlist-add",
  "waitlist-move",
  "waitlist-remove",
  "capacity",
]);

/** The action's answer to a waitlist form, if that is what it answered. */
function waitlistReply(actionData: ReturnType<typeof useActionData<typeof action>>): WaitlistReply {
  if (!actionData || !("intent" in actionData) || !WAITLIST_INTENTS.has(actionData.intent)) return null;
  return actionData as WaitlistReply;
}

export default function ClassDetail() {
  const c = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const scheduleLink = `/schedule?locationId=${c.location.id}&date=${c.date}`;
  const open = !c.cancelled && !c.started;
  return (
    <article className="class-detail">
      <p className="crumbs">
        <Link to={scheduleLink}>All classes that day</Link>
      </p>
      <h1>{c.name}</h1>
      {c.waitlistNotice ? (
        <div className="alert alert-ok" role="status">
          <p>{c.waitlistNotice}</p>
        </div>
      ) : null}
      {c.cancelled ? (
        <div className="alert alert-warn" role="status">
          <p>
            <strong>This class is cancelled.</strong>
            {c.cancelReason ? ` ${c.cancelReason}` : null}
          </p>
        </div>
      ) : null}
      <div className="class-layout">
        <div>
          {c.description ? <p className="lead">{c.description}</p> : null}
          <dl className="facts">
            <dt>When</dt>
            <dd>
              {c.dateLabel}, {c.time}–{c.endTime}
            </dd>
            <dt>Length</dt>
            <dd>{c.minutes} minutes</dd>
            <dt>Where</dt>
            <dd>
              {c.location.name}
              <br />
              <span className="muted">{c.location.address}</span>
            </dd>
            <dt>Instructor</dt>
            <dd>
              {c.instructor.name}
              {c.coveringFor ? <span className="muted"> (covering for {c.coveringFor})</span> : null}
            </dd>
            <dt>Places</dt>
            <dd>
              {spotsText(c.spotsLeft, c.cancelled)}
              {c.cancelled ? null : <span className="muted"> of {c.capacity}</span>}
            </dd>
          </dl>
          {c.started && !c.cancelled ? <p className="muted">This class has already started.</p> : null}
          {open && !c.signedIn ? (
            <>
              <p>
                <Link className="button" to={`/login?redirectTo=/schedule/${c.id}`}>
                  Sign in to book
                </Link>
              </p>
              <p>
                New here? <Link to={`/signup?locationId=${c.location.id}`}>Create an account</Link> at {c.location.name}
                .
              </p>
            </>
          ) : null}
          {c.panel?.kind === "client" ? <ClientPanel c={c} open={open} /> : null}
          {c.panel?.kind === "staff" && c.panel.mayBookSelf ? <BookMyself c={c} open={open} /> : null}
          {c.panel?.kind === "staff" && open && c.panel.mayBook ? <BookClientIn c={c} /> : null}
        </div>
        {c.panel?.kind === "staff" && (c.panel.roster || c.staffLine) ? (
          <div>
            {c.attendance ? (
              <AttendanceRoster
                r={c.attendance}
                reply={rosterReply(actionData) ?? (c.noteSaved ? { ok: true, messages: ["Class note saved."] } : null)}
              />
            ) : c.panel.roster ? (
              <Roster roster={c.panel.roster} />
            ) : null}
            {c.staffLine ? <StaffWaitlist w={c.staffLine} reply={waitlistReply(actionData)} /> : null}
          </div>
        ) : null}
      </div>
    </article>
  );
}

/** The action's answer to a roster form (check in, attendance), if that is what it answered. */
function rosterReply(actionData: ReturnType<typeof useActionData<typeof action>>): RosterReply {
  if (!actionData || !("roster" in actionData)) return null;
  return actionData.roster as RosterReply;
}

function useBookingResult(intent: "book" | "book-client") {
  const actionData = useActionData<typeof action>();
  if (!actionData || waitlistReply(actionData) || "roster" in actionData) return { refusal: null, errors: undefined };
  if ("refusal" in actionData)
    return { refusal: actionData.intent === intent ? actionData.refusal : null, errors: undefined };
  return { refusal: null, errors: actionData.result.error };
}

function SubmitButton({ label, busy }: { label: string; busy: string }) {
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting";
  return (
    <button type="submit" className="wide" disabled={submitting}>
      {submitting ? busy : label}
    </button>
  );
}

function ClientPanel({ c, open }: { c: Page; open: boolean }) {
  const panel = c.panel as Extract<NonNullable<Page["panel"]>, { kind: "client" }>;
  const { refusal, errors } = useBookingResult("book");
  const actionData = useActionData<typeof action>();
  if (panel.bookingId && panel.awaitingPayment)
    return (
      <div className="alert alert-warn booked-panel" role="status">
        <p>
          <strong>Your place is held while you pay.</strong>{" "}
          {c.heldPaymentId ? <Link to={`/payments/${c.heldPaymentId}`}>See the payment</Link> : null}
        </p>
      </div>
    );
  if (panel.bookingId)
    return (
      <div className="alert alert-ok booked-panel" role="status">
        <p>
          <strong>You're booked.</strong> <Link to={`/bookings/${panel.bookingId}`}>See your booking</Link>
        </p>
      </div>
    );
  if (!open) return null;
  // A client who cannot book online (restricted, or the PAR-Q first) gets the reason, not a Book button that fails.
  if (panel.refusal) return <RefusalAlert refusal={panel.refusal} />;
  if (c.waitlist || c.spotsLeft <= 0)
    return (
      <ClientWaitlist
        place={c.waitlist}
        full={c.spotsLeft <= 0}
        idempotencyKey={c.idempotencyKey}
        reply={waitlistReply(actionData)}
      />
    );
  if (!panel.selfBookable)
    return <p className="panel">Your instructor or the studio books this class. Please ask them.</p>;
  const maxSpots = Math.min(panel.maxSpots, c.spotsLeft);
  const paying = panel.credits === 0 && c.pay?.ready === true;
  return (
    // Paying goes to Stripe's Checkout, another site: the browser follows that redirect itself.
    <Form method="post" className="panel stack book-class" reloadDocument={paying}>
      <RefusalAlert refusal={refusal} />
      {panel.credits === 0 && !refusal && !paying ? (
        <div className="alert alert-warn">
          <p>
            You have no credits for this class. <Link to="/packages">Buy a package</Link>
          </p>
          {c.pay && !c.pay.ready ? <p>{c.pay.reason}</p> : null}
        </div>
      ) : null}
      {paying ? <p>You have no credits for this class: pay for your place by card instead.</p> : null}
      <FormErrors errors={[...(errors?.idempotencyKey ?? []), ...(errors?.spots ?? [])]} />
      <input type="hidden" name="intent" value={paying ? "pay" : "book"} />
      <input type="hidden" name="idempotencyKey" value={c.idempotencyKey} />
      {maxSpots > 1 ? (
        <div className="field">
          <label htmlFor="spots">Places</label>
          <select id="spots" name="spots" defaultValue="1">
            {Array.from({ length: maxSpots }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                {n === 1 ? "1 place" : `${n} places`}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <p className="policy">
        {paying
          ? "Your place is held while you pay on Stripe's secure page, for up to 30 minutes."
          : `${panel.requiresCredit ? (maxSpots > 1 ? "One credit per place. " : "Uses 1 credit. ") : ""}${panel.policy}`}
      </p>
      {paying && c.pay?.ready ? <KeepCardBox offer={c.pay.keepCard} /> : null}
      {paying && c.pay?.ready ? (
        <SubmitButton
          label={`Pay ${c.pay.price}${maxSpots > 1 ? " a place" : ""} and book`}
          busy="Opening the payment page…"
        />
      ) : (
        <SubmitButton label="Book" busy="Booking…" />
      )}
    </Form>
  );
}

/** The owner taking a place themselves ("create own booking"): no credit, one tap. */
function BookMyself({ c, open }: { c: Page; open: boolean }) {
  const panel = c.panel as Extract<NonNullable<Page["panel"]>, { kind: "staff" }>;
  const { refusal } = useBookingResult("book");
  if (panel.ownBookingId)
    return (
      <div className="alert alert-ok booked-panel" role="status">
        <p>
          <strong>You're booked.</strong> <Link to={`/bookings/${panel.ownBookingId}`}>See your booking</Link>
        </p>
      </div>
    );
  if (!open || c.spotsLeft <= 0) return null;
  return (
    <Form method="post" className="panel stack book-class" aria-label="Book for myself">
      <RefusalAlert refusal={refusal} />
      <input type="hidden" name="intent" value="book" />
      <input type="hidden" name="idempotencyKey" value={c.idempotencyKey} />
      <p className="policy">Take a place yourself. No credit is used.</p>
      <SubmitButton label="Book for myself" busy="Booking…" />
    </Form>
  );
}

function BookClientIn({ c }: { c: Page }) {
  const panel = c.panel as Extract<NonNullable<Page["panel"]>, { kind: "staff" }>;
  const { refusal, errors } = useBookingResult("book-client");
  const maxSpots = Math.min(panel.maxSpots, c.spotsLeft);
  return (
    <section className="panel" aria-labelledby="book-in-title">
      <h2 id="book-in-title">Book a client in</h2>
      {c.spotsLeft <= 0 ? (
        <p>This class is full.</p>
      ) : (
        <>
          <Form method="get" className="search" role="search">
            <label htmlFor="class-client-search">Find a client</label>
            <div className="search-row">
              <input id="class-client-search" type="search" name="q" defaultValue={c.q} />
              <button type="submit" className="secondary">
                Search
              </button>
            </div>
          </Form>
          {panel.clients.length === 0 ? (
            <p className="muted">{c.q ? `No clients match “${c.q}”.` : "No clients to book in."}</p>
          ) : (
            <Form method="post" className="stack">
              <RefusalAlert refusal={refusal} />
              <FormErrors errors={errors?.idempotencyKey ?? undefined} />
              <input type="hidden" name="intent" value="book-client" />
              <input type="hidden" name="idempotencyKey" value={c.idempotencyKey} />
              <div className="field">
                <label htmlFor="book-client">Client</label>
                <select id="book-client" name="clientId" defaultValue={c.chosenClientId} key={c.chosenClientId}>
                  <option value="">Choose a client</option>
                  {panel.clients.map((client) => (
                    <option key={client.id} value={client.id}>
                      {client.fullName} ({client.email})
                    </option>
                  ))}
                </select>
                {errors?.clientId ? <p className="field-error">{errors.clientId[0]}</p> : null}
                {panel.moreClients ? <span className="hint">Not listed? Search by name above.</span> : null}
              </div>
              {maxSpots > 1 ? (
                <div className="field">
                  <label htmlFor="client-spots">Places</label>
                  <select id="client-spots" name="spots" defaultValue="1">
                    {Array.from({ length: maxSpots }, (_, i) => i + 1).map((n) => (
                      <option key={n} value={n}>
                        {n}
                      </option>
                    ))}
                  </select>
                </div>
              ) : null}
              <SubmitButton label="Book client in" busy="Booking…" />
            </Form>
          )}
        </>
      )}
    </section>
  );
}

function Roster({ roster }: { roster: NonNullable<Extract<NonNullable<Page["panel"]>, { kind: "staff" }>["roster"]> }) {
  return (
    <section className="panel roster" id="roster" aria-labelledby="roster-title">
      <h2 id="roster-title">
        Booked in{" "}
        <span className="muted">
          · {roster.booked} of {roster.capacity}
        </span>
      </h2>
      {roster.bookings.length === 0 ? (
        <p className="muted">Nobody has booked yet.</p>
      ) : (
        <ol className="roster-list">
          {roster.bookings.map((b) => (
            <li key={b.id}>
              <Link to={`/bookings/${b.id}`}>{b.client}</Link>
              {b.spots > 1 ? <span className="muted"> · {b.spots} places</span> : null}
              {b.status === "confirmed" ? null : (
                <>
                  {" "}
                  <StatusBadge status={b.status} />
                </>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
