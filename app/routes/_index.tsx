import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CLIENT_PAGE } from "~/components/page-scripts";
import { ParqReminder } from "~/components/parq-reminder";
import { findSignedInUser } from "~/services/identity/auth.server";
import { ownParqReminder } from "~/services/people/parq.server";
import { listPublicLocations } from "~/services/studio/location.server";
import { resolveRequestTarget } from "~/services/tenancy/tenant.server";

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
  };
}

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
        {data.firstName ? (
          <p className="lead">You are signed in to {data.studioName}.</p>
        ) : (
          <>
            <p className="lead">
              <Link to="/login">Sign in</Link> to see your account.
            </p>
            <p>
              New to {data.studioName}? <Link to="/signup">Create an account</Link> to book classes and sessions.
            </p>
          </>
        )}
      </section>
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
          <Link to="/locations">Opening hours and addresses</Link>
        </p>
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
