import { randomUUID } from "node:crypto";
import { provisionStudio } from "~/services/studio/provisioning.server";
import { database } from "~db/client";

// A precomputed hash: scrypt is deliberately slow, and most tests never sign in.
export const TEST_PASSWORD = "correct horse battery";
let hash: Promise<string> | undefined;
export async function testPasswordHash() {
  const { hashPassword } = await import("~/services/identity/password.server");
  hash ??= hashPassword(TEST_PASSWORD);
  return hash;
}

export function uniqueSlug(prefix = "t") {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export async function createTestStudio(overrides: { slug?: string; name?: string; ownerEmail?: string } = {}) {
  const slug = overrides.slug ?? uniqueSlug();
  const outcome = await provisionStudio(database(), {
    name: overrides.name ?? `Studio ${slug}`,
    slug,
    owner: {
      fullName: "Owner Person",
      email: overrides.ownerEmail ?? "owner@example.com",
      passwordHash: await testPasswordHash(),
    },
    location: {
      name: "Main",
      timezone: "Europe/London",
      address: { line1: "1 High Street", city: "London", postcode: "N1 1AA", country: "GB" },
    },
  });
  if (!outcome.ok) throw new Error(`could not provision ${slug}: ${outcome.reason}`);
  return outcome;
}
