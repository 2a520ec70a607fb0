import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CLIENT_PAGE } from "~/components/page-scripts";
import { withPageErrors } from "~/http.server";
import { readForm } from "~/route-handlers/read-form.server";
import { findSignedInUser } from "~/services/identity/auth.server";
import { acceptProposal, declineProposal, viewProposal } from "~/services/requests/proposal.server";
import { Refused } from "~/services/shared/errors";
import { requireTenant } from "~/services/tenancy/tenant.server";

export const handle = CLIENT_PAGE;

export const meta: MetaFunction = () => [{ title: "A proposed time" }];

/**
 * The link in the client's message: one form accepts the proposed time (or declines it), with
 * no sign-in; the token in the address is the authority, for this request only.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const tenant = await requireTenant(request);
    const viewer = await findSignedInUser(request, tenant);
    const view = await viewProposal(tenant, params.id ?? "", params.token ?? "", viewer);
    const { context } = view;
    const done = new URL(request.url).searchParams.get("done");
    return {
      serviceName: context.service.name,
      locationName: context.location.name,
      when: view.startsAt
        ? new Intl.DateTimeFormat("en-GB", {
            dateStyle: "full",
            timeStyle: "short",
            timeZone: context.location.timezone,
          }).format(view.startsAt)
        : null,
      instructorName: view.instructorName,
      note: view.note,
      closed: done ? null : view.closed,
      done,
    };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withPageErrors(async () => {
    const tenant = await requireTenant(request);
    const viewer = await findSignedInUser(request, tenant);
    const form = await readForm(request);
    const [id, token] = [params.id ?? "", params.token ?? ""];
    try {
      if (form.get("intent") === "decline") await declineProposal(tenant, id, token, viewer);
      else await acceptProposal(tenant, id, token, viewer);
    } catch (error) {
      if (error instanceof Refused) return data({ refusal: error.message }, { status: error.status });
      throw error;
    }
    const done = form.get("intent") === "decline" ? "declined" : "booked";
    return redirect(`/requests/${encodeURIComponent(id)}/proposal/${encodeURIComponent(token)}?done=${done}`);
  });
}

export default function Proposal() {
  const page = useLoaderData<typeof loader>();
  const refusal = useActionData<typeof action>()?.refusal;
  return (
    <section className="narrow" aria-labelledby="proposal-title">
      <h1 id="proposal-title">{page.serviceName}</h1>
      {page.done === "booked" ? (
        <p className="alert alert-ok" role="status">
          Booked: {page.serviceName} with {page.instructorName}, {page.when}, at {page.locationName}. We have sent you
          the details.
        </p>
      ) : page.done === "declined" ? (
        <p className="alert alert-ok" role="status">
          You declined that time. Your instructor will get back to you.
        </p>
      ) : page.closed ? (
        <p className="alert alert-warn" role="status">
          {page.closed}
        </p>
      ) : (
        <div className="panel stack">
          <p>
            {page.instructorName} proposes <strong>{page.when}</strong> at {page.locationName}.
          </p>
          {page.note ? <p>Their note: {page.note}</p> : null}
          {refusal ? (
            <p className="alert alert-error" role="alert">
              {refusal}
            </p>
          ) : null}
          <Form method="post">
            <input type="hidden" name="intent" value="accept" />
            <button type="submit" className="wide">
              Accept and book this time
            </button>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="decline" />
            <button type="submit" className="secondary wide">
              Decline this time
            </button>
          </Form>
        </div>
      )}
    </section>
  );
}
