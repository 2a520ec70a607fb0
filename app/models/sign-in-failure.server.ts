import { and, desc, eq, gt, or, type SQL, sql } from "drizzle-orm";
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

export type SignInFailureLimits = { perPair: number; perEmail: number; perIp: number };
export type NthNewestFailures = { byPair: Date | null; byEmail: Date | null; byIp: Date | null };

/**
 * When the limit-th newest failure after `since` happened, for the pair, the email and the
 * address (null where there are fewer): once it leaves the window, fewer than the limit remain.
 */
export async function nthNewestSignInFailures(
  x: Executor,
  { t }: Tenant,
  { email, ip }: { email: string; ip: string },
  since: Date,
  limits: SignInFailureLimits,
): Promise<NthNewestFailures> {
  const f = t.signInFailures;
  const nth = async (where: SQL | undefined, n: number) => {
    const [row] = await x
      .select({ at: f.createdAt })
      .from(f)
      .where(and(gt(f.createdAt, since), where))
      .orderBy(desc(f.createdAt))
      .offset(n - 1)
      .limit(1);
    return row?.at ?? null;
  };
  const [byPair, byEmail, byIp] = await Promise.all([
    nth(and(eq(f.email, email), eq(f.ip, ip)), limits.perPair),
    nth(eq(f.email, email), limits.perEmail),
    nth(eq(f.ip, ip), limits.perIp),
  ]);
  return { byPair, byEmail, byIp };
}

/** Forgets every failure recorded for this email (the address keeps its count). */
export async function deleteSignInFailures(x: Executor, { t }: Tenant, email: string) {
  await x.delete(t.signInFailures).where(eq(t.signInFailures.email, email));
}
