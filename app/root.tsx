import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, Links, Meta, Outlet, useRouteError, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { Chrome } from "~/components/chrome";
import { PageScripts } from "~/components/page-scripts";
import { isStaff } from "~/services/identity/actor.server";
import { findSignedInUser } from "~/services/identity/auth.server";
import { offlineCopyKey } from "~/services/identity/offline-copy.server";
import { locationContext } from "~/services/studio/location-context.server";
import { type NavItem, navigationFor, roleLabel } from "~/services/studio/navigation";
import { studioTypeOf } from "~/services/studio/settings.server";
import { apexUrl, resolveRequestTarget } from "~/services/tenancy/tenant.server";
import stylesheet from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.kind === "studio" ? data.studio.name : "Wondrous — studio management" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const target = await resolveRequestTarget(request);
  if (target.kind === "unknown") {
    throw data({ reason: "unknown-studio" as const, apexUrl: apexUrl() }, { status: 404, statusText: "Not Found" });
  }
  if (target.kind === "apex") {
    return {
      kind: "apex" as const,
      studio: null,
      user: null,
      staff: false,
      copyKey: null,
      nav: [] as NavItem[],
      switcher: null,
    };
  }
  const { tenant } = target;
  const [user, studioType] = await Promise.all([findSignedInUser(request, tenant), studioTypeOf(tenant)]);
  return {
    kind: "studio" as const,
    studio: { name: tenant.studio.name, slug: tenant.studio.slug },
    user: user && { fullName: user.fullName, roleLabel: roleLabel(user.role) },
    staff: user ? isStaff(user) : false,
    copyKey: user ? offlineCopyKey(tenant, user) : null,
    nav: navigationFor(user?.role ?? null, studioType),
    switcher: user && isStaff(user) ? await locationContext(request, tenant, user) : null,
  };
}

export function Layout({ children }: { children: ReactNode }) {
  const root = useRouteLoaderData<typeof loader>("root");
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <PageScripts staff={root?.staff ?? false} copyKey={root?.copyKey ?? null} />
      </body>
    </html>
  );
}

export default function App() {
  return (
    <RootChrome>
      <Outlet />
    </RootChrome>
  );
}

function RootChrome({ children }: { children: ReactNode }) {
  const root = useRouteLoaderData<typeof loader>("root");
  return (
    <Chrome
      studio={root?.studio ?? null}
      user={root?.user ?? null}
      nav={root?.nav ?? []}
      switcher={root?.switcher ?? null}
    >
      {children}
    </Chrome>
  );
}

/** Errors keep the studio's chrome whenever the studio itself was resolved. */
export function ErrorBoundary() {
  const error = useRouteError();
  let title = "Something went wrong";
  let message = "Sorry, we could not show this page. Please try again in a moment.";
  let home = { href: "/", label: "Go to the home page" };
  if (isRouteErrorResponse(error)) {
    if (error.status === 404 && error.data?.reason === "unknown-studio") {
      title = "Studio not found";
      message = "There is no studio at this address. Check the link you were given, or create your own studio.";
      home = { href: error.data.apexUrl, label: "Go to Wondrous" };
    } else if (error.status === 404) {
      title = "Page not found";
      message = "We could not find that page. It may have moved, or the link may be mistyped.";
    } else if (error.status === 400) {
      // readForm's refusals (an unreadable form, an invisible character) say what to do.
      title = "That could not be sent";
      message = typeof error.data === "string" && error.data ? error.data : "Check what you entered and try again.";
    } else if (error.status === 403) {
      title = "Not allowed";
      message = typeof error.data === "string" && error.data ? error.data : "Your account cannot open this page.";
    }
  }
  return (
    <RootChrome>
      <section className="panel" aria-labelledby="error-title">
        <h1 id="error-title">{title}</h1>
        <p>{message}</p>
        <p>
          <a href={home.href}>{home.label}</a>
        </p>
      </section>
    </RootChrome>
  );
}
