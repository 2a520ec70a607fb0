import { describe, expect, test } from "vitest";
import { createTestStudio, TEST_PASSWORD } from "../../../test/factories";
import {
  authenticator,
  findSignedInUser,
  issueHandoffToken,
  redeemHandoffToken,
  SignInError,
  safeRedirect,
  signIn,
} from "./auth.server";
import { hashPassword, verifyPassword } from "./password.server";

const request = (host: string, cookie?: string) =>
  new Request(`http://${host}/`, { headers: { host, ...(cookie ? { cookie } : {}) } });

function signInForm(host: string, email: string, password: string) {
  return new Request(`http://${host}/login`, {
    method: "POST",
    headers: { host, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password }),
  });
}

async function cookieFrom(response: Response) {
  const setCookie = response.headers.get("set-cookie") ?? "";
  return setCookie.split(";")[0] ?? "";
}

describe("sessions", () => {
  test("a session from one studio is not accepted by another", async () => {
    const a = await createTestStudio();
    const b = await createTestStudio();
    const cookie = await cookieFrom(await signIn(a.tenant, a.owner));
    const hostA = `${a.tenant.studio.slug}.localhost`;
    const hostB = `${b.tenant.studio.slug}.localhost`;
    expect((await findSignedInUser(request(hostA, cookie), a.tenant))?.id).toBe(a.owner.id);
    expect(await findSignedInUser(request(hostB, cookie), b.tenant)).toBeNull();
  });

  test("a tampered cookie signs nobody in", async () => {
    const a = await createTestStudio();
    const cookie = await cookieFrom(await signIn(a.tenant, a.owner));
    const tampered = cookie.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    expect(await findSignedInUser(request("x.localhost", tampered), a.tenant)).toBeNull();
  });

  test("sign-in checks the password and never says whether the email exists", async () => {
    const a = await createTestStudio({ ownerEmail: "boss@example.com" });
    const host = `${a.tenant.studio.slug}.localhost`;
    const ok = await authenticator.authenticate("password", signInForm(host, "BOSS@example.com", TEST_PASSWORD));
    expect(ok.user.id).toBe(a.owner.id);
    const wrong = authenticator.authenticate("password", signInForm(host, "boss@example.com", "not it at all"));
    const unknown = authenticator.authenticate("password", signInForm(host, "nobody@example.com", TEST_PASSWORD));
    const messages = await Promise.all([wrong, unknown].map((p) => p.catch((e: Error) => e)));
    for (const error of messages) expect(error).toBeInstanceOf(SignInError);
    expect((messages[0] as Error).message).toBe((messages[1] as Error).message);
  });
});

describe("handoff from the apex sign-up to the studio", () => {
  test("works once", async () => {
    const a = await createTestStudio();
    const token = await issueHandoffToken(a.tenant, a.owner.id);
    expect((await redeemHandoffToken(a.tenant, token))?.id).toBe(a.owner.id);
    expect(await redeemHandoffToken(a.tenant, token)).toBeNull();
  });

  test("expires after two minutes", async () => {
    const a = await createTestStudio();
    const issued = new Date("2026-11-25T10:00:00Z");
    const token = await issueHandoffToken(a.tenant, a.owner.id, issued);
    expect(await redeemHandoffToken(a.tenant, token, new Date("2026-11-25T10:02:01Z"))).toBeNull();
  });

  test("is worthless at another studio", async () => {
    const a = await createTestStudio();
    const b = await createTestStudio();
    const token = await issueHandoffToken(a.tenant, a.owner.id);
    expect(await redeemHandoffToken(b.tenant, token)).toBeNull();
  });
});

describe("passwords", () => {
  test("hash with scrypt and verify", async () => {
    const hash = await hashPassword("pässword one");
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword("pässword one", hash)).toBe(true);
    expect(await verifyPassword("password one", hash)).toBe(false);
    expect(await verifyPassword("anything", "garbage")).toBe(false);
  });
});

describe("safeRedirect", () => {
  test.each([
    ["/team", "/team"],
    ["//evil.example", "/"],
    ["https://evil.example", "/"],
    ["/\\evil.example", "/"],
    ["/classes?day=2026-12-05&location=main%20hall", "/classes?day=2026-12-05&location=main%20hall"],
    // A Location header cannot carry these: a hand-typed redirectTo falls back rather than a 500.
    ["/\u0000/", "/"],
    ["/team\r\nSet-Cookie: session=x", "/"],
    ["/caf\u00e9", "/"],
    ["/日本", "/"],
    [null, "/"],
  ])("%s -> %s", (input, expected) => {
    expect(safeRedirect(input)).toBe(expected);
  });
});
