import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { withPageErrors } from "~/http.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { mayEver } from "~/services/identity/permissions";
import { BOOKING_PERMISSION_LABELS, ClientSearchSchema } from "~/services/people/client.schema";
import { listClients } from "~/services/people/client.server";
import { PARQ_STATUS_LABELS } from "~/services/people/parq-status";
import { locationContext } from "~/services/studio/location-context.server";

export const meta: MetaFunction = () => [{ title: "Clients" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    const params = new URL(request.url).searchParams;
    const parsed = ClientSearchSchema.safeParse({
      q: params.get("q") || undefined,
      page: params.get("page") || undefined,
    });
    // A bad page number shows the first page; a search that is too long is explained, not run.
    const q = parsed.success ? parsed.data.q : "";
    const searchError = parsed.success ? null : (parsed.error.flatten().fieldErrors.q?.[0] ?? null);
    const page = parsed.success ? parsed.data.page : 1;
    const context = await locationContext(request, tenant, actor);
    const list = await listClients(tenant, actor, { q, page, selectedLocation: context.selected });
    return {
      ...list,
      // Says whose clients these are when the header switcher narrows the list.
      locationName: context.options.find((o) => o.id === context.selected)?.name ?? null,
      q: searchError ? (params.get("q") ?? "") : q,
      searchError,
      canAdd: mayEver(actor.role, "client.edit"),
    };
  });
}

function pageLink(q: string, page: number) {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/clients?${query}` : "/clients";
}

export default function Clients() {
  const { clients, total, page, pageCount, q, searchError, canAdd, locationName } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <h1>Clients</h1>
        {canAdd ? (
          <Link className="button" to="/clients/new">
            Add a client
          </Link>
        ) : null}
      </div>
      <Form method="get" className="search" role="search">
        <label htmlFor="client-search">Search by name, email or phone</label>
        <div className="search-row">
          <input
            id="client-search"
            type="search"
            name="q"
            defaultValue={q}
            maxLength={100}
            aria-invalid={searchError ? true : undefined}
            aria-describedby={searchError ? "client-search-error" : undefined}
          />
          <button type="submit">Search</button>
        </div>
        {searchError ? (
          <p className="field-error" id="client-search-error">
            {searchError}
          </p>
        ) : null}
      </Form>
      <p className="muted" aria-live="polite">
        {total === 1 ? "1 client" : `${total} clients`}
        {locationName ? ` at ${locationName}` : ""}
        {q && !searchError ? ` matching “${q}”` : ""}
      </p>
      {clients.length > 0 ? (
        <ul className="cards client-list">
          {clients.map((client) => (
            <li key={client.id} className="card client-row">
              <div className="client-name">
                <Link to={`/clients/${client.id}`}>{client.fullName}</Link>
                {client.bookingPermissions !== "standard" ? (
                  <span className={`badge badge-${client.bookingPermissions}`}>
                    {BOOKING_PERMISSION_LABELS[client.bookingPermissions]}
                  </span>
                ) : null}
                {client.parqNeedsReview ? (
                  <span className="badge badge-warn">{PARQ_STATUS_LABELS.needs_review}</span>
                ) : null}
                {client.parqMissing ? <span className="badge">{PARQ_STATUS_LABELS.missing}</span> : null}
              </div>
              <div className="client-contact muted">
                <span>{client.email}</span>
                {client.phone ? <span>{client.phone}</span> : null}
                {client.emailOnly ? <span>{client.emailOnly}</span> : null}
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p>{q ? "No clients match that search." : "No clients here yet."}</p>
      )}
      {pageCount > 1 ? (
        <nav className="pager" aria-label="Pages">
          {page > 1 ? (
            <Link to={pageLink(q, page - 1)} rel="prev">
              Previous
            </Link>
          ) : (
            <span />
          )}
          <span className="muted">
            Page {Math.min(page, pageCount)} of {pageCount}
          </span>
          {page < pageCount ? (
            <Link to={pageLink(q, page + 1)} rel="next">
              Next
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </>
  );
}
