import { issueHandoffToken } from "~/services/identity/auth.server";
import { hashPassword } from "~/services/identity/password.server";
import { studioUrl } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import type { Address, StudioType } from "~db/schema/tenant";
import { provisionStudio } from "./provisioning.server";

export type CreateStudioInput = {
  name: string;
  slug: string;
  studioType?: StudioType;
  owner: { fullName: string; email: string; password: string };
  location: { name: string; timezone: string; address: Address };
};

/**
 * A new owner's sign-up on the apex domain: provision the studio, then hand them a single-use
 * link that signs them in on their own subdomain.
 */
export async function createStudio(input: CreateStudioInput) {
  const passwordHash = await hashPassword(input.owner.password);
  const outcome = await provisionStudio(database(), {
    ...input,
    owner: { fullName: input.owner.fullName, email: input.owner.email, passwordHash },
  });
  if (!outcome.ok) return outcome;
  const token = await issueHandoffToken(outcome.tenant, outcome.owner.id);
  return {
    ok: true as const,
    welcomeUrl: studioUrl(outcome.tenant.studio.slug, `/auth/handoff?${new URLSearchParams({ token })}`),
  };
}
