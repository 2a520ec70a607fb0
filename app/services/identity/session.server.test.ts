import type { LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, test } from "vitest";
import { insertUser } from "~/models/user.server";
import { loader as ownProfile } from "~/routes/api.clients.me";
import { action as logout } from "~/routes/logout";
import { deactivateStaff, reactivateStaff } from "~/services/people/team.server";
import { database } from "~db/client";
import { createTestStudio } from "../../../test/factories";
import { issueApiToken } from "./api.server";
import { findSignedInUser, signIn } from "./auth.server";
import { SESSION_LIFETIME } from "./session.server";

const day = 24 * 60 * 60 * 1000;

async function signedIn() {
  const studio = await createTestStudio();
  const host = `${studio.tenant.studio.slug}.localhost`;
  const client = await insertUser(database(), studio.tenant, {
    email: `client-${crypto.randomUUID().slice(0, 8)}@example.com`,
    fullName: "Copied Cookie",
    role: "client",
    accessibleLocations: [studio.location.id],
  });
  const cookieOf = async (user = client) =>
    ((await signIn(studio.tenant, user)).headers.get("set-cookie") ?? "").split(";")[0]!;
  const get = (path: string, cookie: string) => new Request(`http://${host}${path}`, { headers: { host, cookie } });
  const post = (path: string, cookie: string, fields: Record<string, string> = {}) =>
    new Request(`http://${host}${path}`, {
      method: "POST",
      headers: { host, cookie, "content-type": "application/x-www-form-urlencoded", origin: `http://${host}` },
      body: new URLSearchParams(fields),
    });
  const whoIs = async (cookie: string, now?: Date) =>
    (await findSignedInUser(get("/", cookie), studio.tenant, now))?.id ?? null;
  return { studio, client, cookieOf, get, post, whoIs };
}

const args = (request: Request) => ({ request, params: {}, context: {} }) as unknown as LoaderFunctionArgs;

describe("sessions end on the server", () => {
  test("a cookie copied before sign-out is refused after it, by pages and the API alike", async () => {
    const s = await signedIn();
    const cookie = await s.cookieOf();
    expect((await ownProfile(args(s.get("/api/clients/me", cookie)))).status).toBe(200);

    await logout(args(s.post("/logout", cookie)));

    expect(await s.whoIs(cookie)).toBeNull();
    const after = await ownProfile(args(s.get("/api/clients/me", cookie)));
    expect(after.status).toBe(401);
  });

  test("signing out one browser leaves the person's other sessions alone", async () => {
    const s = await signedIn();
    const [phone, laptop] = [await s.cookieOf(), await s.cookieOf()];
    await logout(args(s.post("/logout", phone)));
    expect(await s.whoIs(phone)).toBeNull();
    expect(await s.whoIs(laptop)).toBe(s.client.id);
  });

  test("sign out everywhere ends every session and API token of that person only", async () => {
    const s = await signedIn();
    const [phone, laptop] = [await s.cookieOf(), await s.cookieOf()];
    const owner = await s.cookieOf(s.studio.owner);
    const token = await issueApiToken(s.studio.tenant, s.client, "kiosk");
    const bearer = new Request(`http://${s.studio.tenant.studio.slug}.localhost/api/clients/me`, {
      headers: { host: `${s.studio.tenant.studio.slug}.localhost`, authorization: `Bearer ${token}` },
    });
    expect((await ownProfile(args(bearer.clone()))).status).toBe(200);

    await logout(args(s.post("/logout", phone, { scope: "everywhere" })));

    expect(await s.whoIs(phone)).toBeNull();
    expect(await s.whoIs(laptop)).toBeNull();
    expect((await ownProfile(args(bearer.clone()))).status).toBe(401);
    expect(await s.whoIs(owner)).toBe(s.studio.owner.id);
  });

  test("deactivation ends the person's sessions, and reactivation does not revive them", async () => {
    const s = await signedIn();
    const instructor = await insertUser(database(), s.studio.tenant, {
      email: `teacher-${crypto.randomUUID().slice(0, 8)}@example.com`,
      fullName: "Leaving Teacher",
      role: "instructor",
      passwordHash: "x",
      accessibleLocations: [s.studio.location.id],
    });
    const cookie = await s.cookieOf(instructor);
    expect(await s.whoIs(cookie)).toBe(instructor.id);
    await deactivateStaff(s.studio.tenant, s.studio.owner, instructor.id);
    await reactivateStaff(s.studio.tenant, s.studio.owner, instructor.id);
    expect(await s.whoIs(cookie)).toBeNull();
  });

  test(`a session idle for more than ${SESSION_LIFETIME.idleDays} days ends; one in use lasts ${SESSION_LIFETIME.maxAgeDays}`, async () => {
    const s = await signedIn();
    const idle = await s.cookieOf();
    const busy = await s.cookieOf();
    const start = Date.now();
    const at = (days: number) => new Date(start + days * day);

    expect(await s.whoIs(idle, at(SESSION_LIFETIME.idleDays - 1))).toBe(s.client.id);
    expect(await s.whoIs(idle, at(2 * SESSION_LIFETIME.idleDays))).toBeNull();

    // Seen every ten days, it stays signed in until its absolute lifetime runs out.
    for (let days = 10; days < SESSION_LIFETIME.maxAgeDays; days += 10) {
      expect(await s.whoIs(busy, at(days))).toBe(s.client.id);
    }
    expect(await s.whoIs(busy, at(SESSION_LIFETIME.maxAgeDays + 1))).toBeNull();
  });
});
