import { env } from "~/env.server";
import { findStudioById, findStudioBySlug, type Studio } from "~/models/organization.server";
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

/**
 * Active studios seen in the last few seconds, by slug. A page request resolves its studio in
 * the root loader and again in its own loader and action, and an API call once more: this keeps
 * that to one query per studio every few seconds. Only hits are kept, so a studio created a
 * moment after a 404 for its address is found at once.
 */
const STUDIO_TTL_MS = 5_000;
const STUDIO_CACHE_LIMIT = 10_000;
const activeStudios = new Map<string, { studio: Studio; until: number }>();

/** Keyed "slug:<slug>" for requests and "id:<id>" for jobs, which carry the studio's id. */
async function findActiveStudio(key: string, find: () => Promise<Studio | undefined>): Promise<Studio | undefined> {
  const now = Date.now();
  const cached = activeStudios.get(key);
  if (cached && cached.until > now) return cached.studio;
  const studio = await find();
  if (studio?.status !== "active") {
    activeStudios.delete(key);
    return undefined;
  }
  if (activeStudios.size >= STUDIO_CACHE_LIMIT) activeStudios.clear();
  activeStudios.set(key, { studio, until: now + STUDIO_TTL_MS });
  return studio;
}

/**
 * The studio a job works for, resolved as a request resolves its Host: an active studio or
 * nothing (a suspended studio's jobs do nothing).
 */
export async function tenantById(id: string): Promise<Tenant | undefined> {
  const studio = await findActiveStudio(`id:${id}`, () => findStudioById(database(), id));
  return studio ? tenantFor(studio) : undefined;
}

export async function resolveRequestTarget(request: Request): Promise<RequestTarget> {
  const target = parseHost(request.headers.get("host"), env().APP_DOMAIN);
  if (target.kind === "apex") return target;
  if (target.kind === "foreign") return { kind: "unknown" };
  const studio = await findActiveStudio(`slug:${target.slug}`, () => findStudioBySlug(database(), target.slug));
  return studio ? { kind: "studio", tenant: tenantFor(studio) } : { kind: "unknown" };
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
