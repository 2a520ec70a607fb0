import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { withPageErrors } from "~/http.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { mayEver } from "~/services/identity/permissions";
import { reportSections } from "~/services/reports/links";
import { Forbidden } from "~/services/shared/errors";

export const meta: MetaFunction = () => [{ title: "Reports" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { actor } = await requireStaffActor(request);
    if (!mayEver(actor.role, "report.view") && !mayEver(actor.role, "report.view_operations")) {
      throw new Forbidden("Your role has no reports.");
    }
    return { sections: reportSections(actor.role) };
  });
}

export default function ReportsIndex() {
  const { sections } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Reports</h1>
      {sections.map((section) => (
        <section key={section.id} className="panel" aria-labelledby={`reports-${section.id}`}>
          <h2 id={`reports-${section.id}`}>{section.title}</h2>
          <ul>
            {section.links.map((link) => (
              <li key={link.href}>
                <Link to={link.href}>{link.title}</Link> <span className="muted">{link.about}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
