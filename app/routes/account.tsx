import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CLIENT_PAGE } from "~/components/page-scripts";
import { ParqReminder } from "~/components/parq-reminder";
import { creditBalance } from "~/services/credits/pages.server";
import { requireUser } from "~/services/identity/auth.server";
import { ownParqReminder } from "~/services/people/parq.server";
import type { ParqStatus } from "~/services/people/parq-status";
import { fullDateAt } from "~/services/shared/date-words";
import { roleLabel } from "~/services/studio/navigation";
import { studioTimezone } from "~/services/studio/time.server";
import { requireTenant } from "~/services/tenancy/tenant.server";

export const handle = CLIENT_PAGE;

export const meta: MetaFunction = () => [{ title: "My account" }];

const OWN_PARQ_STATUS: Record<ParqStatus, string> = {
  missing: "Not filled in yet",
  on_file: "On file",
  needs_review: "On file; the studio will check in with you",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const tenant = await requireTenant(request);
  const user = await requireUser(request, tenant);
  return {
    fullName: user.fullName,
    email: user.email,
    phone: user.phone,
    role: roleLabel(user.role),
    memberSince: fullDateAt(user.createdAt, await studioTimezone(tenant)),
    // Clients only: their health check and whether the studio is waiting for one.
    parq: await ownParqReminder(tenant, user),
    // Clients only: what they have to book with.
    credits: user.role === "client" ? await creditBalance(tenant, user, user.id) : null,
    saved: new URL(request.url).searchParams.has("saved"),
  };
}

export default function Account() {
  const account = useLoaderData<typeof loader>();
  return (
    <>
      {account.saved ? (
        <p className="alert alert-ok narrow" role="status">
          Your details are saved.
        </p>
      ) : null}
      {account.parq?.reminder ? (
        <div className="narrow">
          <ParqReminder />
        </div>
      ) : null}
      <section className="panel narrow" aria-labelledby="account-title">
        <h1 id="account-title">My account</h1>
        <dl>
          <dt>Name</dt>
          <dd>{account.fullName}</dd>
          <dt>Email</dt>
          <dd>{account.email}</dd>
          {account.phone ? (
            <>
              <dt>Phone</dt>
              <dd>{account.phone}</dd>
            </>
          ) : null}
          <dt>Role</dt>
          <dd>{account.role}</dd>
          <dt>Member since</dt>
          <dd>{account.memberSince}</dd>
          {account.credits !== null ? (
            <>
              <dt>Credits</dt>
              <dd>
                {account.credits} · <Link to="/account/credits">See my credits</Link>
              </dd>
            </>
          ) : null}
          {account.parq ? (
            <>
              <dt>Health check (PAR-Q)</dt>
              <dd>
                {OWN_PARQ_STATUS[account.parq.status]} ·{" "}
                <Link to="/account/health">
                  {account.parq.status === "missing" ? "Fill it in" : "See or update your answers"}
                </Link>
              </dd>
            </>
          ) : null}
        </dl>
        <p className="form-links">
          {account.parq ? <Link to="/account/edit">Edit my details</Link> : null}
          <Link to="/account/calendar">Add my schedule to my calendar</Link>
        </p>
      </section>
      <section className="panel narrow" aria-labelledby="sessions-title">
        <h2 id="sessions-title">Signed in somewhere else?</h2>
        <p>Lost a phone, or used a shared computer? Sign out of every browser and app at once.</p>
        <Form method="post" action="/logout">
          <input type="hidden" name="scope" value="everywhere" />
          <button type="submit" className="button secondary">
            Sign out everywhere
          </button>
        </Form>
      </section>
    </>
  );
}
