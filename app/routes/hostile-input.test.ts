import type { ActionFunctionArgs } from "@remix-run/node";
import { describe, expect, test } from "vitest";
import { findUserByEmail } from "~/models/user.server";
import { database } from "~db/client";
import { createTestStudio } from "../../test/factories";
import { action as signUpAction } from "./signup";
import { action as createStudioAction } from "./start";

/** Form posts as a hostile visitor would send them, straight to the actions. */
function post(host: string, path: string, fields: Record<string, string>) {
  return new Request(`http://${host}${path}`, {
    method: "POST",
    headers: { host, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
}

const args = (request: Request) =>
  ({ request, params: {}, context: { requestId: "t", clientIp: "127.0.0.1" } }) as ActionFunctionArgs;

async function status(result: unknown) {
  return result instanceof Response ? result.status : (result as { init?: { status?: number } }).init?.status;
}

describe("hostile form posts", () => {
  test("sign-up ignores forged role, permission and studio fields and keeps markup as text", async () => {
    const s = await createTestStudio();
    const host = `${s.tenant.studio.slug}.localhost`;
    const email = `forger-${Math.random()}@example.com`;
    const result = await signUpAction(
      args(
        post(host, "/signup", {
          fullName: "<script>alert(1)</script>",
          email,
          password: "a-long-password",
          role: "org_owner",
          bookingPermissions: "vip",
          organizationId: "00000000-0000-4000-8000-000000000000",
          accessibleLocations: s.location.id,
        }),
      ),
    );
    expect(await status(result)).toBe(302);
    const user = await findUserByEmail(database(), s.tenant, email);
    expect(user).toMatchObject({
      role: "client",
      bookingPermissions: "standard",
      fullName: "<script>alert(1)</script>",
    });
  });

  test("over-long fields get a 400 with messages and nothing is written", async () => {
    const s = await createTestStudio();
    const host = `${s.tenant.studio.slug}.localhost`;
    const email = `long-${Math.random()}@example.com`;
    const result = await signUpAction(
      args(post(host, "/signup", { fullName: "x".repeat(5000), email, password: "p".repeat(5000) })),
    );
    expect(await status(result)).toBe(400);
    const errors = (result as { data: { result: { error: Record<string, string[]> } } }).data.result.error;
    expect(Object.keys(errors).sort()).toEqual(["fullName", "password"]);
    expect(await findUserByEmail(database(), s.tenant, email)).toBeUndefined();
  });

  test("creating a studio with a reserved or malformed address is refused, not crashed", async () => {
    const fields = {
      studioName: "Hostile",
      ownerName: "H",
      email: "h@example.com",
      password: "a-long-password",
      locationName: "Main",
      addressLine1: "1 Road",
      city: "Leeds",
      postcode: "LS1",
      timezone: "Mars/Olympus_Mons",
    };
    for (const slug of ["admin", "../etc", "a".repeat(300), "x'; DROP SCHEMA public;--"]) {
      const result = await createStudioAction(args(post("localhost", "/start", { ...fields, slug })));
      expect(await status(result)).toBe(400);
    }
  });
});
