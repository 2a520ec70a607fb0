import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { KeepCardBox } from "~/components/keep-card-box";
import { CLIENT_PAGE } from "~/components/page-scripts";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { packagesPage } from "~/services/credits/packages.server";
import { requireStudioActor } from "~/services/identity/actor.server";
import { findSignedInUser } from "~/services/identity/auth.server";
import { BuyPackageSchema } from "~/services/payments/forms.schema";
import { buyPackage, packageBuying } from "~/services/payments/purchase.server";
import { Refused } from "~/services/shared/errors";
import { requireTenant } from "~/services/tenancy/tenant.server";

export const handle = CLIENT_PAGE;

export const meta: MetaFunction = () => [{ title: "Packages" }];

// Public, like the services: anyone may see what the studio sells. A signed-in client also
// sees their balance (this is where "you have no credits" sends them).
export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const tenant = await requireTenant(request);
    const user = await findSignedInUser(request, tenant);
    const [page, buying] = await Promise.all([packagesPage(tenant, user), packageBuying(tenant, user)]);
    const url = new URL(request.url);
    return {
      ...page,
      // One key per package: a form sent twice buys once, and another package is another purchase.
      onSale: page.onSale.map((pack) => ({ ...pack, idempotencyKey: crypto.randomUUID() })),
      buying,
      saved: url.searchParams.get("saved"),
    };
  });
}

/** "Buy": a client pays for a package on Stripe's Checkout page (a plain 303 there, no JavaScript needed). */
export async function action({ request }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const submission = parseWithZod(await readForm(request), { schema: BuyPackageSchema });
    if (submission.status !== "success")
      return data({ refusal: { code: "INVALID", message: "This form is out of date. Please reload the page." } }, 400);
    const { packageId, idempotencyKey, keepCard } = submission.value;
    try {
      const { redirectTo } = await buyPackage(tenant, actor, packageId, { idempotencyKey, keepCard });
      return redirect(redirectTo, 303);
    } catch (error) {
      if (error instanceof Refused)
        return data({ refusal: { code: error.code, message: error.message }, packageId }, { status: error.status });
      throw error;
    }
  });
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>;
type PackageView = Page["onSale"][number];

const NOTICES: Record<string, string> = {
  created: "Package added. It is on sale now.",
  updated: "Changes saved. Credits already given keep what they were given with.",
  archived: "Package archived: it is off sale. Credits clients already hold stay valid.",
  restored: "Package restored: it is on sale again.",
};

function PackageCard({
  pack,
  archived = false,
  buy = false,
  keepCard = null,
}: {
  pack: PackageView | Page["archived"][number];
  archived?: boolean;
  buy?: boolean;
  keepCard?: { fee: string } | null;
}) {
  const plural = pack.credits === 1 ? "credit" : "credits";
  return (
    <li className="card package-card">
      <div className="service-head">
        <h3>{pack.name}</h3>
        <span className="service-price">{pack.price}</span>
      </div>
      <dl className="facts">
        <dt>Credits</dt>
        <dd>
          {pack.credits} {plural}
          {pack.credits > 1 ? <span className="muted"> · {pack.perCredit} each</span> : null}
        </dd>
        <dt>Valid for</dt>
        <dd>{pack.validDays} days from purchase</dd>
        <dt>Where</dt>
        <dd>{pack.where}</dd>
        <dt>For</dt>
        <dd>{pack.what}</dd>
      </dl>
      {buy && pack.forSale && "idempotencyKey" in pack ? (
        // reloadDocument: Checkout is another site, so the browser itself follows the redirect.
        <Form method="post" reloadDocument>
          <input type="hidden" name="intent" value="buy" />
          <input type="hidden" name="packageId" value={pack.id} />
          <input type="hidden" name="idempotencyKey" value={pack.idempotencyKey} />
          <KeepCardBox offer={keepCard} id={`keep-card-${pack.id}`} />
          <button type="submit" className="wide">
            Buy for {pack.price} <span className="visually-hidden">: {pack.name}</span>
          </button>
        </Form>
      ) : null}
      {pack.canEdit ? (
        <div className="actions">
          <Link to={`/packages/${pack.id}/edit`} aria-label={`Edit ${pack.name}`}>
            Edit
          </Link>
          <Form method="post" action={`/packages/${pack.id}/edit`}>
            <button type="submit" name="intent" value={archived ? "restore" : "archive"} className="secondary">
              {archived ? "Restore" : "Archive"} <span className="visually-hidden">{pack.name}</span>
            </button>
          </Form>
        </div>
      ) : null}
    </li>
  );
}

function Balance({ balance }: { balance: number }) {
  return (
    <section className="panel balance" aria-labelledby="balance-title">
      <h2 id="balance-title" className="visually-hidden">
        Your credits
      </h2>
      <p className="balance-line">
        <span className="balance-number">{balance}</span> {balance === 1 ? "credit" : "credits"} to book with
      </p>
      <p>
        {balance === 0
          ? "You have no credits right now. Buy a package below to book classes and sessions."
          : "Each place you book takes one credit. Credits that expire soonest are used first."}{" "}
        <Link to="/account/credits">See your credits and when they expire</Link>
      </p>
    </section>
  );
}

export default function Packages() {
  const { onSale, archived, canAdd, balance, viewer, saved, buying } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const notice = saved ? NOTICES[saved] : undefined;
  return (
    <>
      <div className="page-head">
        <h1>Packages</h1>
        {canAdd ? (
          <Link className="button" to="/packages/new">
            New package
          </Link>
        ) : null}
      </div>
      {notice ? (
        <p className="alert alert-ok" role="status">
          {notice}
        </p>
      ) : null}
      {actionData?.refusal ? (
        <div className="alert alert-error" role="alert">
          <p>{actionData.refusal.message}</p>
        </div>
      ) : null}
      {balance !== null ? <Balance balance={balance} /> : null}
      {viewer === "staff" ? (
        <section className="alert alert-warn how-to-buy" aria-labelledby="buy-title">
          <h2 id="buy-title">Selling at the desk</h2>
          <p>
            Clients buy packages here themselves when the studio takes cards online. When someone buys one at the desk,
            open their page under <Link to="/clients">Clients</Link> and choose “Take a payment”.
          </p>
        </section>
      ) : buying?.ready ? (
        <p className="how-to-buy">
          Pay by card on Stripe's secure page. The credits are yours as soon as the payment goes through.
        </p>
      ) : (
        <section className="alert alert-warn how-to-buy" aria-labelledby="buy-title">
          <h2 id="buy-title">How to buy</h2>
          {buying ? <p>{buying.reason}</p> : null}
          <p>
            Buy a package at the front desk of any of <Link to="/locations">our locations</Link>: the team adds the
            credits to your account there and then, and you can book straight away.
          </p>
          {viewer === "visitor" ? (
            <p>
              Already a member? <Link to="/login?redirectTo=/packages">Sign in</Link> to see your credits.
            </p>
          ) : null}
        </section>
      )}
      <section aria-labelledby="on-sale-title" className="service-group">
        <h2 id="on-sale-title">On sale</h2>
        {onSale.length ? (
          <ul className="cards grid grid-2">
            {onSale.map((pack) => (
              <PackageCard
                key={pack.id}
                pack={pack}
                buy={buying?.ready === true}
                keepCard={buying?.ready ? buying.keepCard : null}
              />
            ))}
          </ul>
        ) : (
          <p className="muted">No packages on sale yet. Ask at the front desk how to book.</p>
        )}
      </section>
      {archived.length ? (
        <section aria-labelledby="archived-title" className="service-group">
          <h2 id="archived-title">Archived</h2>
          <p className="muted">Off sale. Credits clients already hold from them stay valid.</p>
          <ul className="cards grid grid-2">
            {archived.map((pack) => (
              <PackageCard key={pack.id} pack={pack} archived />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
