import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { withPageErrors } from "~/http.server";
import { requireStudioActor } from "~/services/identity/actor.server";
import { listTeam } from "~/services/people/team.server";
import { ALL_LOCATIONS, locationContext, locationScope } from "~/services/studio/location-context.server";

export const meta: MetaFunction = () => [{ title: "Team" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStudioActor(request);
    const context = await locationContext(request, tenant, actor);
    const everywhere = context.selected === ALL_LOCATIONS && context.allowAll;
    const team = await listTeam(tenant, actor, everywhere ? null : locationScope(context));
    const place = everywhere ? "all locations" : context.options.find((o) => o.id === context.selected)?.name;
    return { ...team, place: place ?? null };
  });
}

const STATUS_LABELS = { active: "Active", invited: "Invited", deactivated: "Deactivated" } as const;

export default function Team() {
  const { members, canInvite, place } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Team</h1>
          {place ? <p className="muted">At {place}</p> : null}
        </div>
        {canInvite ? (
          <Link className="button" to="/team/invite">
            Invite someone
          </Link>
        ) : null}
      </div>
      <ul className="cards">
        {members.map((member) => (
          <li key={member.id} className="card">
            <h2>{member.canManage ? <Link to={`/team/${member.id}`}>{member.fullName}</Link> : member.fullName}</h2>
            <p>
              {member.role} <span className={`status status-${member.status}`}>{STATUS_LABELS[member.status]}</span>
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
