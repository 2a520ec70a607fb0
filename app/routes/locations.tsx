import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { listPublicLocations } from "~/services/location.server";
import { requireTenant } from "~/services/tenant.server";

export const meta: MetaFunction = () => [{ title: "Locations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const tenant = await requireTenant(request);
  return { locations: await listPublicLocations(tenant) };
}

export default function Locations() {
  const { locations } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Locations</h1>
      <ul className="cards grid grid-2">
        {locations.map((location) => (
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
          </li>
        ))}
      </ul>
    </>
  );
}
