import { parseWithZod } from "@conform-to/zod";
import {
  type ActionFunctionArgs,
  data,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { RefusalAlert } from "~/components/booking-bits";
import { CLIENT_PAGE } from "~/components/page-scripts";
import { readForm } from "~/route-handlers/read-form.server";
import { NotFound, Refused } from "~/services/shared/errors";
import { requireTenant } from "~/services/tenancy/tenant.server";
import { OfferAnswerSchema } from "~/services/waitlist/forms.schema";
import { acceptOffer, declineOffer, findOfferByToken } from "~/services/waitlist/offer.server";
import { offerPage } from "~/services/waitlist/pages.server";

/**
 * The one-tap page a waitlist offer's email and text link to: no sign-in, the token is the key.
 * Taking the place books it (or goes on to pay); letting it go hands it to the next in line.
 */
export const handle = CLIENT_PAGE;

export const meta: MetaFunction = () => [{ title: "A place for you" }];

// The token is in the address: never send it on to another site as a referrer.
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "same-origin" });

const NOT_VALID = "This link is not valid. It may have been used already.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const tenant = await requireTenant(request);
  try {
    return { offer: await offerPage(tenant, params.token ?? ""), idempotencyKey: crypto.randomUUID() };
  } catch (error) {
    if (!(error instanceof NotFound)) throw error;
    return data({ offer: null, idempotencyKey: "" }, { status: 404 });
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const tenant = await requireTenant(request);
  const submission = parseWithZod(await readForm(request), { schema: OfferAnswerSchema });
  if (submission.status !== "success")
    return data(
      { refusal: { code: "INVALID_FORM", message: "This form is out of date. Please reload the page." } },
      { status: 400 },
    );
  try {
    // The page as it stood (the class, when, where) before the token is spent by the answer.
    const [entry, shown] = await Promise.all([
      findOfferByToken(tenant, params.token ?? ""),
      offerPage(tenant, params.token ?? ""),
    ]);
    if (submission.value.intent === "decline") {
      await declineOffer(tenant, entry);
      return { declined: true as const };
    }
    const outcome = await acceptOffer(tenant, entry, { idempotencyKey: submission.value.idempotencyKey });
    if (outcome.kind === "pay") return redirect(outcome.redirectTo, 303);
    const { refusal: _, ...facts } = shown;
    return { booked: { ...facts, bookingId: outcome.booking.id } };
  } catch (error) {
    if (error instanceof NotFound) return data({ refusal: { code: "NOT_FOUND", message: NOT_VALID } }, { status: 404 });
    if (!(error instanceof Refused)) throw error;
    return data({ refusal: { code: error.code, message: error.message } }, { status: error.status });
  }
}

export default function Offer() {
  const { offer, idempotencyKey } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  if (answer && "booked" in answer && answer.booked) {
    const b = answer.booked;
    return (
      <section className="panel narrow stack" aria-labelledby="offer-title">
        <h1 id="offer-title">You're booked</h1>
        <p>
          <strong>{b.name}</strong>
          <br />
          {b.date}, {b.time}
          <br />
          {b.location}, {b.address}
        </p>
        <p>
          <Link to={`/login?redirectTo=${encodeURIComponent(`/bookings/${b.bookingId}`)}`}>
            Sign in to see your bookings
          </Link>
        </p>
      </section>
    );
  }
  if (answer && "declined" in answer)
    return (
      <section className="panel narrow stack" aria-labelledby="offer-title">
        <h1 id="offer-title">You let the place go</h1>
        <p>It is offered to the next person in line. You can still book other classes.</p>
        <p>
          <Link to="/schedule">See the timetable</Link>
        </p>
      </section>
    );
  const refusal = answer && "refusal" in answer ? answer.refusal : (offer?.refusal ?? null);
  if (!offer)
    return (
      <section className="panel narrow stack" aria-labelledby="offer-title">
        <h1 id="offer-title">Link not valid</h1>
        <p>{refusal?.message ?? NOT_VALID}</p>
        <p>
          <Link to="/schedule">See the timetable</Link>
        </p>
      </section>
    );
  return (
    <section className="panel narrow stack" aria-labelledby="offer-title">
      <h1 id="offer-title">{refusal ? "This offer can't be taken" : "A place is yours"}</h1>
      <dl className="facts">
        <dt>Class</dt>
        <dd>{offer.name}</dd>
        <dt>When</dt>
        <dd>
          {offer.date}, {offer.time}
        </dd>
        <dt>Where</dt>
        <dd>
          {offer.location}
          <br />
          <span className="muted">{offer.address}</span>
        </dd>
      </dl>
      <RefusalAlert refusal={refusal} />
      {refusal ? null : (
        <>
          {offer.until ? (
            <p>
              <strong>It is held for you until {offer.until}.</strong>
            </p>
          ) : null}
          <form method="post">
            <input type="hidden" name="intent" value="take" />
            <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
            <button type="submit" className="wide">
              Take the place
            </button>
          </form>
          <form method="post">
            <input type="hidden" name="intent" value="decline" />
            <button type="submit" className="link-button">
              Let it go
            </button>
          </form>
        </>
      )}
    </section>
  );
}
