import { describe, expect, test } from "vitest";
import { listRecentOutboxMessages } from "~/models/outbox.server";
import { insertSignInFailure } from "~/models/sign-in-failure.server";
import { insertUser } from "~/models/user.server";
import { database } from "~db/client";
import { createTestStudio, TEST_PASSWORD, testPasswordHash } from "../../../test/factories";
import { SIGN_IN_LIMITS, signInWithPassword } from "./sign-in.server";
import { redeemSignInLink, requestSignInLink } from "./sign-in-link.server";

const IP = "203.0.113.7";
const wrong = (email: string) => ({ email, password: "not the password" });
const right = (email: string) => ({ email, password: TEST_PASSWORD });

describe("the sign-in throttle", () => {
  test("the fifth failure for an email from one address locks that pair, even against the right password", async () => {
    const { tenant } = await createTestStudio({ ownerEmail: "lock@example.com" });
    for (let i = 1; i < SIGN_IN_LIMITS.perPair; i++) {
      expect(await signInWithPassword(tenant, wrong("lock@example.com"), IP)).toEqual({
        ok: false,
        reason: "invalid-credentials",
      });
    }
    expect(await signInWithPassword(tenant, wrong("lock@example.com"), IP)).toMatchObject({
      ok: false,
      reason: "throttled",
    });
    expect(await signInWithPassword(tenant, right("LOCK@example.com"), IP)).toMatchObject({
      ok: false,
      reason: "throttled",
    });
  });

  test("another email from the same address is unaffected", async () => {
    const { tenant, owner } = await createTestStudio({ ownerEmail: "free@example.com" });
    for (let i = 0; i < SIGN_IN_LIMITS.perPair; i++) await signInWithPassword(tenant, wrong("victim@example.com"), IP);
    const outcome = await signInWithPassword(tenant, right("free@example.com"), IP);
    expect(outcome.ok && outcome.user.id).toBe(owner.id);
  });

  test("unknown emails are counted and answered exactly like known ones", async () => {
    const { tenant } = await createTestStudio({ ownerEmail: "known@example.com" });
    const answers = async (email: string) => {
      const outcomes = [];
      for (let i = 0; i < SIGN_IN_LIMITS.perPair + 1; i++) {
        const outcome = await signInWithPassword(tenant, wrong(email), IP);
        // The wait is a clock reading, a second apart between the two runs: the rest must match.
        outcomes.push(outcome.ok ? outcome : { ok: outcome.ok, reason: outcome.reason });
      }
      return outcomes;
    };
    expect(await answers("nobody@example.com")).toEqual(await answers("known@example.com"));
  });

  test("a successful sign-in clears that email's failures", async () => {
    const { tenant } = await createTestStudio({ ownerEmail: "clear@example.com" });
    for (let i = 1; i < SIGN_IN_LIMITS.perPair; i++) await signInWithPassword(tenant, wrong("clear@example.com"), IP);
    expect((await signInWithPassword(tenant, right("clear@example.com"), IP)).ok).toBe(true);
    for (let i = 1; i < SIGN_IN_LIMITS.perPair; i++) {
      expect(await signInWithPassword(tenant, wrong("clear@example.com"), IP)).toMatchObject({
        reason: "invalid-credentials",
      });
    }
  });

  test("30 failures from one address lock every email from it, not from other addresses", async () => {
    const { tenant, owner } = await createTestStudio({ ownerEmail: "ip@example.com" });
    const now = new Date();
    for (let i = 0; i < SIGN_IN_LIMITS.perIp; i++) {
      await insertSignInFailure(database(), tenant, { email: `guess-${i}@example.com`, ip: IP, createdAt: now });
    }
    expect(await signInWithPassword(tenant, right("ip@example.com"), IP)).toMatchObject({
      ok: false,
      reason: "throttled",
    });
    const elsewhere = await signInWithPassword(tenant, right("ip@example.com"), "198.51.100.1");
    expect(elsewhere.ok && elsewhere.user.id).toBe(owner.id);
  });

  test("failures older than 15 minutes no longer count", async () => {
    const { tenant } = await createTestStudio({ ownerEmail: "old@example.com" });
    const now = new Date("2026-11-25T10:00:00Z");
    const longAgo = new Date("2026-11-25T09:44:59Z");
    for (let i = 0; i < SIGN_IN_LIMITS.perPair; i++) {
      await insertSignInFailure(database(), tenant, { email: "old@example.com", ip: IP, createdAt: longAgo });
    }
    expect((await signInWithPassword(tenant, right("old@example.com"), IP, now)).ok).toBe(true);
  });

  test("deactivated and invited accounts get the same answer as a wrong password", async () => {
    const { tenant } = await createTestStudio();
    const passwordHash = await testPasswordHash();
    for (const status of ["deactivated", "invited"] as const) {
      const email = `${status}@example.com`;
      await insertUser(database(), tenant, { email, fullName: "Someone", role: "client", status, passwordHash });
      expect(await signInWithPassword(tenant, right(email), IP)).toEqual({ ok: false, reason: "invalid-credentials" });
    }
  });
});

describe("a targeted lock-out is impossible", () => {
  const ATTACKER = "198.51.100.66";
  const VICTIM = "203.0.113.200";

  test("an attacker's wrong passwords from their address do not lock the victim out of theirs", async () => {
    const { tenant, owner } = await createTestStudio({ ownerEmail: "victim@example.com" });
    for (let i = 0; i < SIGN_IN_LIMITS.perPair * 3; i++) {
      await signInWithPassword(tenant, wrong("victim@example.com"), ATTACKER);
    }
    expect(await signInWithPassword(tenant, right("victim@example.com"), ATTACKER)).toMatchObject({
      reason: "throttled",
    });
    const outcome = await signInWithPassword(tenant, right("victim@example.com"), VICTIM);
    expect(outcome.ok && outcome.user.id).toBe(owner.id);
  });

  test("guessing spread over many addresses meets the per-account ceiling; the victim then signs in by an emailed link", async () => {
    const { tenant, owner } = await createTestStudio({ ownerEmail: "spread@example.com" });
    const now = new Date();
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail; i++) {
      await insertSignInFailure(database(), tenant, { email: "spread@example.com", ip: `10.0.${i}.1`, createdAt: now });
    }
    expect(await signInWithPassword(tenant, right("spread@example.com"), VICTIM)).toMatchObject({
      reason: "throttled",
    });

    await requestSignInLink(tenant, "spread@example.com");
    const [email] = await listRecentOutboxMessages(database(), tenant, 1);
    expect(email).toMatchObject({ recipient: "spread@example.com", subject: "Your sign-in link" });
    const token = email!.body.match(/\/login\/link\?token=([\w-]+)/)?.[1];
    expect(email!.html).toContain(`/login/link?token=${token}" style=`);
    expect((await redeemSignInLink(tenant, token!))?.id).toBe(owner.id);
    // Once only; and the inbox's owner may use their password again.
    expect(await redeemSignInLink(tenant, token!)).toBeNull();
    const outcome = await signInWithPassword(tenant, right("spread@example.com"), VICTIM);
    expect(outcome.ok && outcome.user.id).toBe(owner.id);
  });

  test("asking a link for an unknown or deactivated account sends nothing and says nothing different", async () => {
    const { tenant } = await createTestStudio();
    await insertUser(database(), tenant, {
      email: "gone@example.com",
      fullName: "Gone",
      role: "client",
      status: "deactivated",
    });
    await requestSignInLink(tenant, "nobody@example.com");
    await requestSignInLink(tenant, "gone@example.com");
    const sent = await listRecentOutboxMessages(database(), tenant, 10);
    expect(sent.filter((m) => m.subject === "Your sign-in link")).toEqual([]);
  });

  test("at most three links per account in a quarter of an hour", async () => {
    const { tenant } = await createTestStudio({ ownerEmail: "flood@example.com" });
    for (let i = 0; i < 5; i++) await requestSignInLink(tenant, "flood@example.com");
    const sent = await listRecentOutboxMessages(database(), tenant, 10);
    expect(sent.filter((m) => m.subject === "Your sign-in link")).toHaveLength(3);
  });
});
