import { eq, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { database } from "~db/client";
import { organizations } from "~db/schema/control";
import { createTestStudio, testPasswordHash, uniqueSlug } from "../../../test/factories";
import { provisionStudio } from "./provisioning.server";

const location = {
  name: "Main",
  timezone: "Europe/London",
  address: { line1: "1 High Street", city: "London", postcode: "N1 1AA", country: "GB" },
};

async function schemaExists(name: string) {
  const rows = await database().execute(sql`SELECT 1 FROM information_schema.schemata WHERE schema_name = ${name}`);
  return rows.length > 0;
}

describe("provisionStudio", () => {
  test("creates the organization, its schema, the first location and the owner together", async () => {
    const { tenant, owner, location: first } = await createTestStudio({ name: "Lotus Yoga" });
    expect(tenant.studio.schemaName).toMatch(/^studio_[0-9a-f]{32}$/);
    expect(await schemaExists(tenant.studio.schemaName)).toBe(true);
    expect(owner).toMatchObject({ role: "org_owner", primaryLocationId: first.id, accessibleLocations: [first.id] });
    expect(first.operatingHours.mon).toEqual({ open: "06:00", close: "21:00" });
  });

  test("a failure part-way leaves nothing behind: no organization, no schema", async () => {
    const slug = uniqueSlug("atomic");
    await expect(
      provisionStudio(database(), {
        name: "Half Made",
        slug,
        // The owner insert fails after the schema and location exist (email is NOT NULL).
        owner: { fullName: "Owner", email: null as unknown as string, passwordHash: await testPasswordHash() },
        location,
      }),
    ).rejects.toThrow();
    expect(await database().select().from(organizations).where(eq(organizations.slug, slug))).toEqual([]);
    // Schemas are named from the organization id; one without its organization row is a leftover.
    const orphans = await database().execute(sql`
      SELECT nspname FROM pg_namespace
      WHERE nspname LIKE 'studio\_%' AND nspname NOT IN (SELECT schema_name FROM public.organizations)`);
    expect(orphans).toEqual([]);
  });

  test("a taken subdomain is refused, including when two owners race for it", async () => {
    const slug = uniqueSlug("race");
    const passwordHash = await testPasswordHash();
    const attempt = (email: string) =>
      provisionStudio(database(), { name: "Race", slug, owner: { fullName: "O", email, passwordHash }, location });
    const outcomes = await Promise.all([attempt("a@example.com"), attempt("b@example.com")]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok)).toEqual([{ ok: false, reason: "slug-taken" }]);
    expect(await attempt("c@example.com")).toEqual({ ok: false, reason: "slug-taken" });
    const rows = await database().select().from(organizations).where(eq(organizations.slug, slug));
    expect(rows).toHaveLength(1);
  });
});
