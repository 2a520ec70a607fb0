import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { BookingSteps, RefusalAlert } from "~/components/booking-bits";
import { FormErrors } from "~/components/field";
import { KeepCardBox } from "~/components/keep-card-box";
import { CLIENT_PAGE } from "~/components/page-scripts";
import { TextareaField } from "~/components/textarea-field";
import { withPageErrors } from "~/http.server";
import { submitBooking } from "~/route-handlers/booking-submit.server";
import { readForm } from "~/route-handlers/read-form.server";
import { bookSession } from "~/services/booking/engine.server";
import { BookSessionSchema, SessionSlotSchema } from "~/services/booking/forms.schema";
import { bookingClient, sessionConfirmation } from "~/services/booking/pages.server";
import { requireStudioActor } from "~/services/identity/actor.server";
import { payForSession, payOffer } from "~/services/payments/purchase.server";
import { Refused } from "~/services/shared/errors";

export const handle = CLIENT_PAGE;

export const meta: MetaFunction = () => [{ title: "Confirm your booking" }];

function query(params: Record<string, string | undefined>) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  return search.toString();
}

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const params = new URL(request.url).searchParams;
    const parsed = SessionSlotSchema.safeParse(Object.fromEntries([...params].filter(([, value]) => value !== "")));
    // An edited or cut-off link: say so, and start again, rather than guess.
    if (!parsed.success) return { invalid: true as const };
    const slot = parsed.data;
    const client = await bookingClient(tenant, actor, slot.clientId);
    if (!client) return { invalid: true as const };
    const startsAt = new Date(slot.startsAt);
    const details = await sessionConfirmation(tenant, actor, client, { ...slot, startsAt });
    return {
      invalid: false as const,
      slot: { ...slot, startsAt: startsAt.toISOString() },
      forClient: client.id === actor.id ? null : { id: client.id, name: client.fullName },
      // Staff's form carries whom the booking is for, the owner's own id when booking themselves.
      clientId: actor.role === "client" ? null : client.id,
      ...details,
      pay: await payOffer(tenant, actor, details.pricePerPlaceMinor),
      idempotencyKey: crypto.randomUUID(),
    };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const submission = parseWithZod(await readForm(request), { schema: BookSessionSchema });
    if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
    const { idempotencyKey, startsAt, intent, keepCard, ...request_ } = submission.value;
    if (intent === "pay") {
      // Paying instead of with a credit: the time is held and the browser sent to Stripe's Checkout (303).
      const { serviceId, locationId, instructorId, notes } = request_;
      try {
        const { redirectTo } = await payForSession(
          tenant,
          actor,
          { serviceId, locationId, instructorId, notes, startsAt: new Date(startsAt) },
          { idempotencyKey, keepCard },
        );
        return redirect(redirectTo, 303);
      } catch (error) {
        if (!(error instanceof Refused)) throw error;
        return data({ refusal: { code: error.code, message: error.message } }, { status: error.status });
      }
    }
    return submitBooking(
      () => bookSession(tenant, actor, { ...request_, startsAt: new Date(startsAt) }, { idempotencyKey }),
      "booked",
    );
  });
}

export default function ConfirmBooking() {
  const page = useLoaderData<typeof loader>();
  if (page.invalid)
    return (
      <section className="panel narrow" aria-labelledby="confirm-title">
        <h1 id="confirm-title">This booking link is not complete</h1>
        <p>Part of the link is missing or was changed. Please choose the session and time again.</p>
        <p>
          <Link className="button" to="/book">
            Choose a session
          </Link>
        </p>
      </section>
    );
  return <Confirm page={page} />;
}

function Confirm({ page }: { page: Extract<ReturnType<typeof useLoaderData<typeof loader>>, { invalid: false }> }) {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    constraint: getZodConstraint(BookSessionSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: BookSessionSchema }),
  });
  const refusal = actionData && "refusal" in actionData ? actionData.refusal : page.refusal;
  const clientId = page.clientId ?? undefined;
  const times = `/book?${query({
    clientId,
    serviceId: page.service.id,
    locationId: page.location.id,
    instructorId: page.slot.instructorId,
    date: page.date,
  })}`;
  const submitting = navigation.state === "submitting";
  const paying = page.credits === 0 && page.pay?.ready === true;
  return (
    <section className="book narrow" aria-labelledby="confirm-title">
      <BookingSteps current={2} back={{ 0: `/book?${query({ clientId })}`, 1: times }} />
      <h1 id="confirm-title">{page.forClient ? `Book ${page.forClient.name} in` : "Confirm your booking"}</h1>
      {page.available ? null : (
        <div className="alert alert-warn" role="status">
          <p>Sorry, that time has just been taken or is no longer free.</p>
          <p>
            <Link to={times}>Choose another time</Link>
          </p>
        </div>
      )}
      <div className="panel">
        <dl className="facts">
          <dt>Session</dt>
          <dd>
            {page.service.name} <span className="muted">({page.service.minutes} min)</span>
          </dd>
          <dt>When</dt>
          <dd>{page.when}</dd>
          <dt>Where</dt>
          <dd>
            {page.location.name}
            <br />
            <span className="muted">{page.location.address}</span>
          </dd>
          <dt>Instructor</dt>
          <dd>{page.instructor?.name ?? "Any available instructor"}</dd>
          {page.forClient ? (
            <>
              <dt>Client</dt>
              <dd>{page.forClient.name}</dd>
            </>
          ) : null}
          <dt>Cost</dt>
          <dd>
            {page.price}
            {page.credits !== null ? (
              <span className="muted">
                {" "}
                · {page.forClient ? `${page.forClient.name} has` : "you have"} {page.credits}{" "}
                {page.credits === 1 ? "credit" : "credits"} for this
              </span>
            ) : null}
          </dd>
        </dl>
        <p className="policy">
          {paying ? "The time is held while you pay on Stripe's secure page, for up to 30 minutes." : page.policy}
        </p>
        {page.pending ? (
          <p className="muted">The booking waits for the instructor (or the studio) to confirm it.</p>
        ) : null}
        {page.credits === 0 && page.available && !actionData ? (
          <div className="alert alert-warn">
            <p>
              {page.forClient ? `${page.forClient.name} has` : "You have"} no credits that cover this session.{" "}
              {paying ? (
                "You can pay for it by card instead."
              ) : (
                <Link to={page.forClient ? `/clients/${page.forClient.id}/credits` : "/packages"}>
                  {page.forClient ? "Add credits" : "Buy a package"}
                </Link>
              )}
            </p>
            {page.pay && !page.pay.ready ? <p>{page.pay.reason}</p> : null}
          </div>
        ) : null}
      </div>
      {page.refusal ? (
        // A client who cannot book online sees why, not a Confirm button that would be refused.
        <RefusalAlert refusal={page.refusal} />
      ) : page.available ? (
        // Paying goes to Stripe's Checkout, another site: the browser follows that redirect itself.
        <Form method="post" className="stack" reloadDocument={paying} {...getFormProps(form)}>
          {paying ? <input type="hidden" name="intent" value="pay" /> : null}
          <RefusalAlert refusal={refusal} retry={<Link to={times}>Choose another time</Link>} />
          <FormErrors errors={form.errors} id={form.errorId} />
          <input type="hidden" name="serviceId" value={page.slot.serviceId} />
          <input type="hidden" name="locationId" value={page.slot.locationId} />
          <input type="hidden" name="startsAt" value={page.slot.startsAt} />
          {page.slot.instructorId ? <input type="hidden" name="instructorId" value={page.slot.instructorId} /> : null}
          {clientId ? <input type="hidden" name="clientId" value={clientId} /> : null}
          <input type="hidden" name="idempotencyKey" value={page.idempotencyKey} />
          {page.overrides.length > 0 ? (
            <div className="alert alert-warn" role="status" id="override-notice">
              <p>
                This time is {page.overrides.map((o) => o.text).join(" and ")}. Book anyway only if the instructor has
                agreed.
              </p>
              {page.overrides.map((o) => (
                <input key={o.kind} type="hidden" name="override" value={o.kind} />
              ))}
            </div>
          ) : null}
          <TextareaField
            field={fields.notes}
            label={
              page.forClient ? "Note for the instructor (optional)" : "Anything your instructor should know? (optional)"
            }
            rows={2}
          />
          {paying && page.pay?.ready ? <KeepCardBox offer={page.pay.keepCard} /> : null}
          <button type="submit" className="wide" disabled={submitting}>
            {submitting
              ? "Booking…"
              : paying && page.pay?.ready
                ? `Pay ${page.pay.price} and book`
                : page.overrides.length > 0
                  ? "Book anyway"
                  : "Confirm booking"}
          </button>
          <p className="form-links">
            <Link to={times}>← Choose another time</Link>
          </p>
        </Form>
      ) : null}
    </section>
  );
}
