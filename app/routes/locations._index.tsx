import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CLIENT_PAGE } from "~/components/page-scripts";
import { findSignedInUser } from "~/services/identity/auth.server";
import { listLocationsFor } from "~/services/studio/location.server";
import { requireTenant } from "~/services/tenancy/tenant.server";

export const handle = CLIENT_PAGE;

export const meta: MetaFunction = () => [{ title: "Locations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const tenant = await requireTenant(request);
  return listLocationsFor(tenant, await findSignedInUser(request, tenant));
}

export default function Locations() {
  const { open, closed, canCreate } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <h1>Locations</h1>
        {canCreate ? (
          <p className="actions">
            <Link to="/locations/travel">Travel times</Link>
            <Link className="button" to="/locations/new">
              Add a location
            </Link>
          </p>
        ) : null}
      </div>
      <ul className="cards grid grid-2">
        {open.map((location) => (
          <li key={location.id} className="card">
            <h2>{location.name}</h2>
            <p>{location.address}</p>
            <table className="hours">
              <caption className="visually-hidden">Opening hours at {location.name}</caption>
              <tbody>
                {location.hours.map((row) => (
                  <tr key={row.day}>
                    <th scope="row">{row.day}</th>
                    <td>{row.text}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted">Times are local ({location.timezone.replaceAll("_", " ")}).</p>
            {location.canEdit ? (
              <p>
                <Link to={`/locations/${location.id}/edit`} aria-label={`Edit ${location.name}`}>
                  Edit
                </Link>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      {closed.length > 0 ? (
        <section aria-labelledby="closed-title" className="closed-locations">
          <h2 id="closed-title">Closed locations</h2>
          <p className="muted">Hidden from clients. Their history is kept; open one again from its edit page.</p>
          <ul className="cards">
            {closed.map((location) => (
              <li key={location.id} className="card row-card">
                <span>{location.name}</span>
                <Link to={`/locations/${location.id}/edit`} aria-label={`Edit ${location.name}`}>
                  Edit
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
