import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BookingRow, RefusalAlert } from "~/components/booking-bits";
import { CLIENT_PAGE } from "~/components/page-scripts";
import { ParqReminder } from "~/components/parq-reminder";
import { clientHome } from "~/services/booking/client-home.server";
import { findSignedInUser } from "~/services/identity/auth.server";
import { introTeaser } from "~/services/intro/offer.server";
import { ownParqReminder } from "~/services/people/parq.server";
import { listPublicLocations } from "~/services/studio/location.server";
import { resolveRequestTarget } from "~/services/tenancy/tenant.server";
import { clientWaitlist } from "~/services/waitlist/pages.server";

export const handle = CLIENT_PAGE;

export async function loader({ request }: LoaderFunctionArgs) {
  const target = await resolveRequestTarget(request);
  if (target.kind === "unknown") throw new Response("Studio not found", { status: 404 });
  if (target.kind === "apex") return { kind: "apex" as const };
  const { tenant } = target;
  const [user, locations] = await Promise.all([findSignedInUser(request, tenant), listPublicLocations(tenant)]);
  return {
    kind: "studio" as const,
    studioName: tenant.studio.name,
    firstName: user?.fullName.split(" ")[0] ?? null,
    welcome: new URL(request.url).searchParams.has("welcome"),
    passwordChanged: new URL(request.url).searchParams.has("password-changed"),
    locations,
    parqReminder: user ? ((await ownParqReminder(tenant, user))?.reminder ?? false) : false,
    intro: user ? null : await introTeaser(tenant),
    // A client's own page: what is coming up, what they have to book with, and the way to book.
    client: user?.role === "client" ? await clientHome(tenant, user) : null,
    waitlist: user?.role === "client" ? await clientWaitlist(tenant, user) : [],
  };
}

type ClientHome = NonNullable<Extract<ReturnType<typeof useLoaderData<typeof loader>>, { kind: "studio" }>["client"]>;

export default function Home() {
  const data = useLoaderData<typeof loader>();
  if (data.kind === "apex") return <Landing />;
  return (
    <>
      {data.welcome ? (
        <p className="alert alert-ok" role="status">
          Your studio is ready. Welcome to Wondrous!
        </p>
      ) : null}
      {data.passwordChanged ? (
        <p className="alert alert-ok" role="status">
          Your password has been changed and you are signed in.
        </p>
      ) : null}
      {data.parqReminder ? <ParqReminder /> : null}
      <section className="panel" aria-labelledby="home-title">
        <h1 id="home-title">{data.firstName ? `Hello, ${data.firstName}` : `Welcome to ${data.studioName}`}</h1>
        {data.client ? (
          <BookActions home={data.client} />
        ) : data.firstName ? (
          <p className="lead">You are signed in to {data.studioName}.</p>
        ) : (
          <>
            <p className="lead">
              <Link to="/login">Sign in</Link> to see your account.
            </p>
            <p>
              New to {data.studioName}? <Link to="/signup">Create an account</Link> to book classes and sessions.
            </p>
            {data.intro ? (
              <p>
                First time?{" "}
                <Link to="/intro">
                  Try our {data.intro.name} for {data.intro.price}
                </Link>
                .
              </p>
            ) : null}
          </>
        )}
      </section>
      {data.client ? <ClientSummary home={data.client} /> : null}
      <section aria-labelledby="locations-title">
        <h2 id="locations-title">Our locations</h2>
        <ul className="cards">
          {data.locations.map((location) => (
            <li key={location.id} className="card">
              <h3>{location.name}</h3>
              <p className="muted">{location.address}</p>
            </li>
          ))}
        </ul>
        <p>
          <Link className="action-link" to="/locations">
            Opening hours and addresses
          </Link>
        </p>
      </section>
    </>
  );
}

/** The two things a client comes to do, as the studio offers them; or why they cannot. */
function BookActions({ home }: { home: ClientHome }) {
  // The PAR-Q reminder above already asks for the questionnaire; any other "no" replaces the buttons.
  if (home.refusal && home.refusal.code !== "PARQ_REQUIRED") return <RefusalAlert refusal={home.refusal} />;
  return (
    <p className="home-actions">
      {home.offers.classes ? (
        <Link className="button" to="/schedule">
          Book a class
        </Link>
      ) : null}
      {home.offers.sessions ? (
        <Link className="button" to="/book">
          Book a session
        </Link>
      ) : null}
    </p>
  );
}

/** The client's places in line, with any offer waiting for their answer. */
function WaitlistPlaces() {
  const data = useLoaderData<typeof loader>();
  if (data.kind !== "studio" || data.waitlist.length === 0) return null;
  return (
    <section aria-labelledby="waitlist-title">
      <h2 id="waitlist-title">Your waitlists</h2>
      <ul className="booking-list">
        {data.waitlist.map((w) => (
          <li key={w.occurrenceId}>
            <Link to={`/schedule/${w.occurrenceId}`}>
              {w.name}, {w.when} at {w.location}
            </Link>
            <br />
            {w.offerUntil ? (
              <strong>A place is yours until {w.offerUntil}</strong>
            ) : (
              <span className="muted">You're number {w.position} in line</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ClientSummary({ home }: { home: ClientHome }) {
  const { balance, expiring } = home.credits;
  return (
    <>
      <section aria-labelledby="next-title">
        <h2 id="next-title">Your next bookings</h2>
        {home.nextBookings.length > 0 ? (
          <ol className="booking-list">
            {home.nextBookings.map((b) => (
              <BookingRow key={b.id} booking={b} show="instructor" />
            ))}
          </ol>
        ) : (
          <p className="panel">Nothing booked yet.</p>
        )}
        <p>
          <Link className="action-link" to="/bookings">
            {home.moreBookings ? "All my bookings" : "My bookings"}
          </Link>
        </p>
      </section>
      <WaitlistPlaces />
      <section aria-labelledby="credits-title">
        <h2 id="credits-title">Your credits</h2>
        <div className="panel">
          <p className="credit-count">
            <strong>{balance}</strong> {balance === 1 ? "credit" : "credits"} left
          </p>
          {expiring ? (
            <p>
              {expiring.all
                ? `${expiring.credits === 1 ? "It expires" : "They expire"} on ${expiring.on}.`
                : `${expiring.credits} of them ${expiring.credits === 1 ? "expires" : "expire"} on ${expiring.on}.`}
            </p>
          ) : null}
          <p>
            <Link className="action-link" to="/account/credits">
              See my credits
            </Link>
          </p>
        </div>
      </section>
    </>
  );
}

function Landing() {
  return (
    <section className="panel narrow" aria-labelledby="landing-title">
      <h1 id="landing-title">Run your studio from one place</h1>
      <p className="lead">
        Bookings, classes, credits, payments and check-in for personal-training, yoga and group-fitness studios — quick
        on any phone, even on a weak signal.
      </p>
      <p>
        <Link className="button" to="/start">
          Create your studio
        </Link>
      </p>
    </section>
  );
}
