import type { ActionFunctionArgs } from "@remix-run/node";
import { describe, expect, test } from "vitest";
import { requireApiActor, withApiErrors } from "~/services/identity/api.server";
import { createTestStudio, TEST_PASSWORD } from "../../test/factories";
import { action as login } from "./api.auth.login";
import { action as logout } from "./api.auth.logout";
import { action as signup } from "./api.auth.signup";

type Action = (args: ActionFunctionArgs) => Promise<Response>;

function call(
  route: Action,
  slug: string,
  path: string,
  options: { body?: unknown; raw?: string; token?: string; ip?: string } = {},
) {
  const host = `${slug}.localhost`;
  const request = new Request(`http://${host}${path}`, {
    method: "POST",
    headers: {
      host,
      "content-type": "application/json",
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: options.raw ?? JSON.stringify(options.body ?? {}),
  });
  return route({ request, params: {}, context: { requestId: "test", clientIp: options.ip ?? "192.0.2.1" } });
}

/** Whom a bearer token acts as, through the same gate every API route uses (401 if nobody). */
async function whoami(slug: string, token: string) {
  const host = `${slug}.localhost`;
  const request = new Request(`http://${host}/api/me`, { headers: { host, authorization: `Bearer ${token}` } });
  return withApiErrors(async () => Response.json({ id: (await requireApiActor(request)).actor.id }));
}

describe("POST /api/auth/login", () => {
  test("gives a bearer token that works until logout", async () => {
    const { tenant, owner } = await createTestStudio({ ownerEmail: "api@example.com" });
    const slug = tenant.studio.slug;
    const response = await call(login, slug, "/api/auth/login", {
      body: { email: "api@example.com", password: TEST_PASSWORD, label: "Phone" },
    });
    expect(response.status).toBe(200);
    const { token, user } = await response.json();
    expect(user).toEqual({ id: owner.id, fullName: "Owner Person", role: "org_owner" });
    expect(await (await whoami(slug, token)).json()).toEqual({ id: owner.id });

    expect((await call(logout, slug, "/api/auth/logout", { token })).status).toBe(204);
    const after = await whoami(slug, token);
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ code: "UNAUTHENTICATED" });
  });

  test("a token from one studio is worthless at another", async () => {
    const a = await createTestStudio({ ownerEmail: "same@example.com" });
    const b = await createTestStudio({ ownerEmail: "same@example.com" });
    const response = await call(login, a.tenant.studio.slug, "/api/auth/login", {
      body: { email: "same@example.com", password: TEST_PASSWORD },
    });
    const { token } = await response.json();
    expect((await whoami(b.tenant.studio.slug, token)).status).toBe(401);
    expect((await call(logout, b.tenant.studio.slug, "/api/auth/logout", { token })).status).toBe(401);
    expect((await whoami(a.tenant.studio.slug, token)).status).toBe(200);
  });

  test("wrong credentials are 401, and the fifth failure is 429 for known and unknown emails alike", async () => {
    const { tenant } = await createTestStudio({ ownerEmail: "guess@example.com" });
    for (const email of ["guess@example.com", "nobody@example.com"]) {
      const statuses = [];
      for (let i = 0; i < 5; i++) {
        const response = await call(login, tenant.studio.slug, "/api/auth/login", {
          body: { email, password: "wrong password" },
        });
        statuses.push([response.status, (await response.json()).code]);
      }
      expect(statuses).toEqual([...Array(4).fill([401, "INVALID_CREDENTIALS"]), [429, "TOO_MANY_ATTEMPTS"]]);
    }
  });

  test("bad JSON and bad fields are 400, never 500", async () => {
    const { tenant } = await createTestStudio();
    const slug = tenant.studio.slug;
    const broken = await call(login, slug, "/api/auth/login", { raw: "{not json" });
    expect(broken.status).toBe(400);
    const invalid = await call(login, slug, "/api/auth/login", { body: { email: "nope", password: 42 } });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({
      code: "VALIDATION_ERROR",
      fieldErrors: { email: [expect.any(String)], password: [expect.any(String)] },
    });
  });
});

describe("POST /api/auth/signup", () => {
  test("creates a client and answers 201 with a working token", async () => {
    const { tenant } = await createTestStudio();
    const slug = tenant.studio.slug;
    const response = await call(signup, slug, "/api/auth/signup", {
      body: { fullName: "Api Client", email: "new@example.com", password: "long enough pw", marketingConsent: true },
    });
    expect(response.status).toBe(201);
    const { token, user } = await response.json();
    expect(user).toMatchObject({ fullName: "Api Client", role: "client" });
    expect(await (await whoami(slug, token)).json()).toEqual({ id: user.id });
  });

  test("an email taken here is 409 EMAIL_TAKEN; forged fields are ignored", async () => {
    const { tenant } = await createTestStudio({ ownerEmail: "owner@example.com" });
    const slug = tenant.studio.slug;
    const taken = await call(signup, slug, "/api/auth/signup", {
      body: { fullName: "Someone", email: "OWNER@example.com", password: "long enough pw" },
    });
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ code: "EMAIL_TAKEN" });
    const forged = await call(signup, slug, "/api/auth/signup", {
      body: { fullName: "Sneaky", email: "sneaky@example.com", password: "long enough pw", role: "org_owner" },
    });
    expect((await forged.json()).user.role).toBe("client");
  });

  test("short passwords and bad phones are field errors", async () => {
    const { tenant } = await createTestStudio();
    const response = await call(signup, tenant.studio.slug, "/api/auth/signup", {
      body: { fullName: "X", email: "x@example.com", password: "short", phone: "call me" },
    });
    expect(response.status).toBe(400);
    expect(Object.keys((await response.json()).fieldErrors).sort()).toEqual(["password", "phone"]);
  });
});

describe("POST /api/auth/logout", () => {
  test("without a bearer token is 401", async () => {
    const { tenant } = await createTestStudio();
    const response = await call(logout, tenant.studio.slug, "/api/auth/logout");
    expect(response.status).toBe(401);
  });
});
