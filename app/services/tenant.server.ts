import { env } from "~/env.server";
import { findStudioBySlug, type Studio } from "~/models/organization.server";
import { database } from "~db/client";
import { type TenantTables, tenantTablesFor } from "~db/schema/tenant";
import { parseHost } from "./host";

/**
 * A studio together with the tables of its own schema. Minted only here, from a resolved Host
 * or a freshly provisioned studio, so a model taking a Tenant can only ever reach that
 * studio's rows.
 */
export type Tenant = { readonly studio: Studio; readonly t: TenantTables; readonly __brand: "Tenant" };

export function tenantFor(studio: Studio): Tenant {
  return { studio, t: tenantTablesFor(studio.schemaName) } as Tenant;
}

export type RequestTarget = { kind: "apex" } | { kind: "studio"; tenant: Tenant } | { kind: "unknown" };

export async function resolveRequestTarget(request: Request): Promise<RequestTarget> {
  const target = parseHost(request.headers.get("host"), env().APP_DOMAIN);
  if (target.kind === "apex") return target;
  if (target.kind === "foreign") return { kind: "unknown" };
  const studio = await findStudioBySlug(database(), target.slug);
  if (studio?.status !== "active") return { kind: "unknown" };
  return { kind: "studio", tenant: tenantFor(studio) };
}

/** The studio this request is for; anything else is a 404 (the root boundary explains it). */
export async function requireTenant(request: Request): Promise<Tenant> {
  const target = await resolveRequestTarget(request);
  if (target.kind !== "studio") throw new Response("Studio not found", { status: 404, statusText: "Not Found" });
  return target.tenant;
}

/** Absolute URL of a path on a studio's own subdomain. */
export function studioUrl(slug: string, path = "/") {
  return publicUrl(`${slug}.${env().APP_DOMAIN}`, path);
}

/** Absolute URL on the apex domain, where new studios are created. */
export function apexUrl(path = "/") {
  return publicUrl(env().APP_DOMAIN, path);
}

function publicUrl(host: string, path: string) {
  const { APP_PROTOCOL, APP_PUBLIC_PORT, NODE_ENV, PORT } = env();
  const protocol = APP_PROTOCOL ?? (NODE_ENV === "production" ? "https" : "http");
  const port = APP_PUBLIC_PORT ?? (NODE_ENV === "production" ? undefined : PORT);
  const defaultPort = protocol === "https" ? 443 : 80;
  return `${protocol}://${host}${port && port !== defaultPort ? `:${port}` : ""}${path}`;
}
