import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { withPageErrors } from "~/http.server";
import { requireStaffActor } from "~/services/identity/actor.server";
import { studioExportContents } from "~/services/reports/studio-export.server";

export const meta: MetaFunction = () => [{ title: "Download all your data" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return withPageErrors(async () => {
    const { tenant, actor } = await requireStaffActor(request);
    return studioExportContents(tenant, actor);
  });
}

export default function StudioExport() {
  const { studioName, files } = useLoaderData<typeof loader>();
  return (
    <section className="panel narrow-wide" aria-labelledby="export-title">
      <p className="crumbs">
        <Link to="/settings">Studio settings</Link>
      </p>
      <h1 id="export-title">Download all your data</h1>
      <p className="lead">
        Everything {studioName} holds, in one file you keep: your clients, bookings, packages, credits, payments,
        messages, classes, locations and team. Free, as often as you like.
      </p>
      <p>
        {/* A plain link, not a client-side navigation: the browser saves the archive as it streams. */}
        <a className="button" href="/export.zip" download>
          Download all your data
        </a>
      </p>
      <p className="hint">
        A ZIP file of CSV files (each opens in any spreadsheet, UTF-8) and a README.txt that explains every column. It
        is put together as it downloads, so a large studio may take a minute.
      </p>
      <h2>What is in it</h2>
      <dl className="details">
        <dt>README.txt</dt>
        <dd>When and from which studio the export was made, and what every column of every file means.</dd>
        {files.map((file) => (
          <Fragment key={file.name}>
            <dt>{file.name}</dt>
            <dd>
              {file.about} <span className="muted">({file.columns} columns)</span>
            </dd>
          </Fragment>
        ))}
      </dl>
      <h2>What is left out</h2>
      <p>
        Secrets that would let someone act as you or your clients: passwords (only ever kept scrambled), sign-in and
        invitation links, sessions, API tokens, calendar-feed links and saved-card references. Messages that carried a
        one-time link are listed without their text.
      </p>
    </section>
  );
}
