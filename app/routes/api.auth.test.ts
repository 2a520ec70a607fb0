import type { ActionFunctionArgs } from "@remix-run/node";
import { describe, expect, test } from "vitest";
import { listRecentOutboxMessages } from "~/models/outbox.server";
import { expectDocumented } from "~/services/api-reference/contract.test-helper";
import { requireApiActor, withApiErrors } from "~/services/identity/api.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import { database } from "~db/client";
import { createTestStudio, TEST_PASSWORD } from "../../test/factories";
import { action as login } from "./api.auth.login";
import { action as logout } from "./api.auth.logout";
import { action as signup } from "./api.auth.signup";
import { action as verify } from "./api.auth.verify";

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
    await expectDocumented(response, "post", "/api/auth/login");
    const { token, user } = await response.json();
    expect(user).toEqual({ id: owner.id, fullName: "Owner Person", role: "org_owner" });
    expect(await (await whoami(slug, token)).json()).toEqual({ id: owner.id });

    const out = await call(logout, slug, "/api/auth/logout", { token });
    expect(out.status).toBe(204);
    await expectDocumented(out, "post", "/api/auth/logout");
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
      let last: Response | undefined;
      for (let i = 0; i < 5; i++) {
        last = await call(login, tenant.studio.slug, "/api/auth/login", {
          body: { email, password: "wrong password" },
        });
        await expectDocumented(last, "post", "/api/auth/login");
        statuses.push([last.status, (await last.json()).code]);
      }
      expect(statuses).toEqual([...Array(4).fill([401, "INVALID_CREDENTIALS"]), [429, "TOO_MANY_ATTEMPTS"]]);
      // The first of the five failures leaves the 15-minute window in just under 15 minutes.
      const wait = Number(last?.headers.get("retry-after"));
      expect(wait).toBeGreaterThan(14 * 60);
      expect(wait).toBeLessThanOrEqual(15 * 60);
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
    await expectDocumented(response, "post", "/api/auth/signup");
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
    await expectDocumented(taken, "post", "/api/auth/signup");
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

/** The token of the newest verification link emailed to `email`. */
async function verifyToken(tenant: Tenant, email: string) {
  const messages = await listRecentOutboxMessages(database(), tenant, 50);
  const message = messages.find((m) => m.recipient === email && m.template === "verify-email");
  const link = message?.body.match(/https?:\/\/\S+/)?.[0];
  if (!link) throw new Error(`no verification email to ${email}`);
  return new URL(link).searchParams.get("token") as string;
}

describe("POST /api/auth/verify", () => {
  test("the emailed token confirms the address once; again it is 410", async () => {
    const { tenant } = await createTestStudio();
    const slug = tenant.studio.slug;
    await call(signup, slug, "/api/auth/signup", {
      body: { fullName: "Verify Me", email: "verify@example.com", password: "long enough pw" },
    });
    const token = await verifyToken(tenant, "verify@example.com");
    const first = await call(verify, slug, "/api/auth/verify", { body: { token } });
    expect(first.status).toBe(200);
    expect(await expectDocumented(first, "post", "/api/auth/verify")).toEqual({ verified: true });
    const again = await call(verify, slug, "/api/auth/verify", { body: { token } });
    expect(again.status).toBe(410);
    expect(await expectDocumented(again, "post", "/api/auth/verify")).toMatchObject({
      code: "VERIFICATION_LINK_EXPIRED",
    });
    const bad = await call(verify, slug, "/api/auth/verify", { body: { token: 42 } });
    expect(bad.status).toBe(400);
    expect(await expectDocumented(bad, "post", "/api/auth/verify")).toMatchObject({ code: "VALIDATION_ERROR" });
  });

  test("without a token: a new link for an unverified client (202), 200 once verified, 409 for staff, 401 for nobody", async () => {
    const { tenant } = await createTestStudio({ ownerEmail: "boss@example.com" });
    const slug = tenant.studio.slug;
    const signedUp = await call(signup, slug, "/api/auth/signup", {
      body: { fullName: "Lost Link", email: "lost@example.com", password: "long enough pw" },
    });
    const { token: bearer } = await signedUp.json();
    const asked = await call(verify, slug, "/api/auth/verify", { token: bearer });
    expect(asked.status).toBe(202);
    expect(await expectDocumented(asked, "post", "/api/auth/verify")).toEqual({ verified: false });
    const emails = (await listRecentOutboxMessages(database(), tenant, 50)).filter(
      (m) => m.template === "verify-email",
    );
    expect(emails).toHaveLength(2);

    await call(verify, slug, "/api/auth/verify", { body: { token: await verifyToken(tenant, "lost@example.com") } });
    const done = await call(verify, slug, "/api/auth/verify", { token: bearer });
    expect(done.status).toBe(200);
    expect(await expectDocumented(done, "post", "/api/auth/verify")).toEqual({ verified: true });

    const owner = await call(login, slug, "/api/auth/login", {
      body: { email: "boss@example.com", password: TEST_PASSWORD },
    });
    const staff = await call(verify, slug, "/api/auth/verify", { token: (await owner.json()).token });
    expect(staff.status).toBe(409);
    expect(await expectDocumented(staff, "post", "/api/auth/verify")).toMatchObject({ code: "NOT_A_CLIENT" });

    const nobody = await call(verify, slug, "/api/auth/verify");
    expect(nobody.status).toBe(401);
    expect(await expectDocumented(nobody, "post", "/api/auth/verify")).toMatchObject({ code: "UNAUTHENTICATED" });
  });
});
