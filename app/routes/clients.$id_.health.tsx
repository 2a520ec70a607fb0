import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ParqAnswers, ParqHistory } from "~/components/parq-answers";
import { withPageErrors } from "~/http.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { requireId } from "~/services/identity/api.server";
import { readParqRecord } from "~/services/people/parq.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Health check — ${data.client.fullName}` : "Health check" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    return readParqRecord(tenant, actor, requireId(params.id));
  });
}

export default function ClientHealth() {
  const { client, latest, history } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="crumbs">
        <Link to="/clients">Clients</Link> › <Link to={`/clients/${client.id}`}>{client.fullName}</Link>
      </p>
      <h1>Health check</h1>
      {latest ? (
        <section className="panel" aria-labelledby="latest-title">
          <h2 id="latest-title">Latest answers</h2>
          <p>
            {latest.anyYes ? (
              <strong className="badge badge-warn">Needs review</strong>
            ) : (
              <span className="badge">All no</span>
            )}{" "}
            Declared by {latest.declarationName} on <time dateTime={latest.declaredOn}>{latest.declaredOn}</time>.
          </p>
          {latest.anyYes ? (
            <p>At least one answer is yes: talk with the client before they train, and ask for a doctor’s advice.</p>
          ) : null}
          <ParqAnswers answers={latest.answers} />
        </section>
      ) : (
        <p className="panel">{client.fullName} has not filled in a health check yet.</p>
      )}
      <section className="panel" aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        <ParqHistory history={history} />
      </section>
    </>
  );
}
