import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CLIENT_PAGE } from "~/components/page-scripts";
import { withPageErrors } from "~/http.server";
import { cataloguePage } from "~/services/catalogue/pages.server";
import { findSignedInUser } from "~/services/identity/auth.server";
import { requireTenant } from "~/services/tenancy/tenant.server";

export const handle = CLIENT_PAGE;

export const meta: MetaFunction = () => [{ title: "Services" }];

// Public: anyone may browse what the studio offers; staff who manage services see more.
export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const tenant = await requireTenant(request);
    const url = new URL(request.url);
    const page = await cataloguePage(tenant, await findSignedInUser(request, tenant), url.searchParams.get("location"));
    return page;
  });
}

type Catalogue = ReturnType<typeof useLoaderData<typeof loader>>;
type ServiceView = Catalogue["classes"][number];

function ServiceCard({ service, archived = false }: { service: ServiceView; archived?: boolean }) {
  return (
    <li className="card service-card">
      <div className="service-head">
        <h3>{service.name}</h3>
        <span className="service-price">{service.price}</span>
      </div>
      {service.description ? <p>{service.description}</p> : null}
      <dl className="facts">
        <dt>Length</dt>
        <dd>{service.durationMinutes} min</dd>
        {service.capacity ? (
          <>
            <dt>Places</dt>
            <dd>{service.capacity}</dd>
          </>
        ) : null}
        <dt>Where</dt>
        <dd>{service.locations.join(", ") || "No location yet"}</dd>
        <dt>Booking</dt>
        <dd>{service.whoBooks}</dd>
      </dl>
      {archived ? null : (
        <p className="book-link">
          <Link
            to={service.type === "session" ? `/book?serviceId=${service.id}` : `/schedule?serviceId=${service.id}`}
            aria-label={`${service.type === "session" ? "Book" : "See dates for"} ${service.name}`}
          >
            {service.type === "session" ? "Book a time" : "See class times"}
          </Link>
        </p>
      )}
      {service.canEdit ? (
        <div className="actions">
          <Link to={`/services/${service.id}/edit`} aria-label={`Edit ${service.name}`}>
            Edit
          </Link>
          {archived ? (
            <Form method="post" action={`/services/${service.id}/edit`}>
              <button type="submit" name="intent" value="restore" className="secondary">
                Restore <span className="visually-hidden">{service.name}</span>
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

function Group({ title, services, empty }: { title: string; services: ServiceView[]; empty: string }) {
  const id = `${title.toLowerCase()}-title`;
  return (
    <section aria-labelledby={id} className="service-group">
      <h2 id={id}>{title}</h2>
      {services.length ? (
        <ul className="cards grid grid-2">
          {services.map((service) => (
            <ServiceCard key={service.id} service={service} />
          ))}
        </ul>
      ) : (
        <p className="muted">{empty}</p>
      )}
    </section>
  );
}

export default function Services() {
  const { locations, chosenLocationId, sessions, classes, archived, canAdd } = useLoaderData<typeof loader>();
  const where = locations.find((l) => l.id === chosenLocationId)?.name;
  return (
    <>
      <div className="page-head">
        <h1>Services</h1>
        {canAdd ? (
          <div className="actions">
            <Link className="button" to="/services/new">
              Add a service
            </Link>
            <Link to="/classes">Class timetable</Link>
          </div>
        ) : null}
      </div>
      {locations.length > 1 ? (
        <Form method="get" className="search service-filter">
          <label htmlFor="location-filter">Location</label>
          <div className="search-row">
            <select id="location-filter" name="location" defaultValue={chosenLocationId ?? ""}>
              <option value="">All locations</option>
              {locations.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
            <button type="submit">Show</button>
          </div>
        </Form>
      ) : null}
      <Group
        title="Sessions"
        services={sessions}
        empty={where ? `No 1:1 sessions at ${where}.` : "No 1:1 sessions yet."}
      />
      <Group title="Classes" services={classes} empty={where ? `No classes at ${where}.` : "No classes yet."} />
      {archived.length ? (
        <section aria-labelledby="archived-title" className="service-group">
          <h2 id="archived-title">Archived</h2>
          <p className="muted">Not offered or bookable. Restore one to offer it again.</p>
          <ul className="cards grid grid-2">
            {archived.map((service) => (
              <ServiceCard key={service.id} service={service} archived />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
