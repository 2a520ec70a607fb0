import { and, eq, gt, or, sql } from "drizzle-orm";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { Executor } from "~db/client";

export async function insertSignInFailure(
  x: Executor,
  { t }: Tenant,
  values: { email: string; ip: string; createdAt: Date },
) {
  await x.insert(t.signInFailures).values(values);
}

export type SignInFailureCounts = { byPair: number; byEmail: number; byIp: number };

/** Failures after `since` for this email from this address, for the email, and from the address: one round trip. */
export async function countRecentSignInFailures(
  x: Executor,
  { t }: Tenant,
  { email, ip }: { email: string; ip: string },
  since: Date,
): Promise<SignInFailureCounts> {
  const f = t.signInFailures;
  const [row] = await x
    .select({
      byPair: sql<number>`count(*) filter (where ${f.email} = ${email} and ${f.ip} = ${ip})`.mapWith(Number),
      byEmail: sql<number>`count(*) filter (where ${f.email} = ${email})`.mapWith(Number),
      byIp: sql<number>`count(*) filter (where ${f.ip} = ${ip})`.mapWith(Number),
    })
    .from(f)
    .where(and(gt(f.createdAt, since), or(eq(f.email, email), eq(f.ip, ip))));
  return row ?? { byPair: 0, byEmail: 0, byIp: 0 };
}

/** Forgets every failure recorded for this email (the address keeps its count). */
export async function deleteSignInFailures(x: Executor, { t }: Tenant, email: string) {
  await x.delete(t.signInFailures).where(eq(t.signInFailures.email, email));
}
