import { describe, expect, test } from "vitest";
import { insertAuthToken } from "~/models/auth-token.server";
import { issueHandoffToken, redeemHandoffToken } from "~/services/identity/auth.server";
import { database } from "~db/client";
import { createLogger } from "../server/log";
import { createTestStudio } from "../test/factories";
import { startWorker } from "./boss";
import { purgeStaleAuthTokens } from "./purge-auth-tokens";
import { PURGE_AUTH_TOKENS } from "./queues";

describe("purging stale sign-in tokens", () => {
  test("deletes spent and long-expired tokens in every studio, keeps live ones", async () => {
    const a = await createTestStudio();
    const b = await createTestStudio();
    const now = new Date();
    const live = await issueHandoffToken(a.tenant, a.owner.id, now);
    const spent = await issueHandoffToken(b.tenant, b.owner.id, now);
    await redeemHandoffToken(b.tenant, spent, now);
    await insertAuthToken(database(), a.tenant, {
      userId: a.owner.id,
      purpose: "handoff",
      tokenHash: "expired-two-days-ago",
      expiresAt: new Date(now.getTime() - 2 * 24 * 60 * 60 * 1000),
    });

    expect(await purgeStaleAuthTokens(database(), now)).toBeGreaterThanOrEqual(2);
    expect(await purgeStaleAuthTokens(database(), now)).toBe(0);
    expect((await redeemHandoffToken(a.tenant, live, now))?.id).toBe(a.owner.id);
  });

  test("the worker schedules it nightly and runs it from the queue", async () => {
    const worker = await startWorker(process.env.DATABASE_URL as string, createLogger("silent"), {
      pollingIntervalSeconds: 0.5,
      queues: [PURGE_AUTH_TOKENS],
    });
    try {
      const schedules = await worker.boss.getSchedules();
      expect(schedules).toContainEqual(
        expect.objectContaining({
          name: PURGE_AUTH_TOKENS,
          cron: "17 3 * * *",
          options: expect.objectContaining({ tz: "Europe/London" }),
        }),
      );
      const id = await worker.boss.send(PURGE_AUTH_TOKENS, {});
      expect(id).toBeTruthy();
      await expect
        .poll(async () => (await worker.boss.getJobById(PURGE_AUTH_TOKENS, id as string))?.state, { timeout: 10_000 })
        .toBe("completed");
    } finally {
      await worker.stop();
    }
  });
});
