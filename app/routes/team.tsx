import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { withPageErrors } from "~/http.server";
import { requireStudioActor } from "~/services/actor.server";
import { listTeam } from "~/services/team.server";

export const meta: MetaFunction = () => [{ title: "Team" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    return { team: await listTeam(tenant, actor) };
  });
}

export default function Team() {
  const { team } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Team</h1>
      <ul className="cards">
        {team.map((member) => (
          <li key={member.id} className="card">
            <h2>{member.fullName}</h2>
            <p>
              {member.role}
              {member.status !== "active" ? <span className="muted"> · {member.status}</span> : null}
            </p>
            <p className="muted">
              <a href={`mailto:${member.email}`}>{member.email}</a> · {member.locations.join(", ") || "No locations"}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
