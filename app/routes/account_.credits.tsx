import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BalanceLine, GrantList, LedgerList } from "~/components/credit-lists";
import { CLIENT_PAGE } from "~/components/page-scripts";
import { withPageErrors } from "~/http.server";
import { ownCreditsPage } from "~/services/credits/pages.server";
import { requireStudioActor } from "~/services/identity/actor.server";

export const handle = CLIENT_PAGE;

export const meta: MetaFunction = () => [{ title: "My credits" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    return ownCreditsPage(tenant, actor);
  });
}

export default function MyCredits() {
  const { balance, grants, ledger } = useLoaderData<typeof loader>();
  const usable = grants.filter((g) => !g.expired);
  const expired = grants.filter((g) => g.expired);
  return (
    <div className="narrow">
      <p className="crumbs">
        <Link to="/account">My account</Link>
      </p>
      <section className="panel" aria-labelledby="credits-title">
        <h1 id="credits-title">My credits</h1>
        <BalanceLine balance={balance} />
        <p>
          Each place you book takes one credit; the credits that expire soonest go first. A cancellation in good time
          gives the credit back.
        </p>
        <p>
          <Link className="action-link" to="/packages">
            {balance === 0 ? "Get credits: see the packages" : "See the packages"}
          </Link>
        </p>
      </section>
      <section className="panel" aria-labelledby="grants-title">
        <h2 id="grants-title">Your credits</h2>
        <GrantList grants={usable} empty="None to use right now." />
        {expired.length ? (
          <details className="expired-grants">
            <summary>Expired ({expired.length})</summary>
            <GrantList grants={expired} empty="" />
          </details>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="ledger-title">
        <h2 id="ledger-title">Recent changes</h2>
        <LedgerList ledger={ledger} empty="Nothing yet." />
      </section>
    </div>
  );
}
