import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendarFeed } from "~/services/schedule/calendar-feed.server";
import { requireTenant } from "~/services/tenancy/tenant.server";

// A private iCalendar subscription: calendar apps fetch it with the secret in the path.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const tenant = await requireTenant(request);
  const token = (params.feed ?? "").replace(/\.ics$/, "");
  const body = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await calendarFeed(tenant, token) : null;
  if (!body) return new Response("This calendar link has been turned off or never existed.", { status: 404 });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Cache-Control": "private, max-age=300",
      "Content-Disposition": 'inline; filename="wondrous.ics"',
    },
  });
}
