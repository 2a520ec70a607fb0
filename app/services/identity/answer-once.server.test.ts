import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { database } from "~db/client";
import { createTestStudio } from "../../../test/factories";
import { answerOnce } from "./answer-once.server";
import { withApiErrors } from "./api.server";

let studio: Awaited<ReturnType<typeof createTestStudio>>;
beforeAll(async () => {
  studio = await createTestStudio();
});

const post = (body: unknown, key?: string, path = "/api/things") =>
  new Request(`http://studio.example${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { "idempotency-key": key } : {}) },
    body: JSON.stringify(body),
  });

/** A route's work that counts its calls and answers what it was sent. */
function counted(status = 201) {
  const calls: unknown[] = [];
  const work = async (request: Request) => {
    const body = await request.json();
    calls.push(body);
    return Response.json({ made: calls.length, body }, { status });
  };
  return { calls, work };
}

const answer = (request: Request, work: (request: Request) => Promise<Response>) =>
  withApiErrors(() => answerOnce(studio.tenant, studio.owner, request, work));

describe("answering a creating request once per Idempotency-Key", () => {
  test("without a key the work simply runs, each time", async () => {
    const { calls, work } = counted();
    await answer(post({ a: 1 }), work);
    await answer(post({ a: 1 }), work);
    expect(calls).toHaveLength(2);
  });

  test("a repeat gets the first answer back, marked replayed, and nothing is done twice", async () => {
    const { calls, work } = counted();
    const first = await answer(post({ name: "Mat" }, "key-once-1"), work);
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const again = await answer(post({ name: "Mat" }, "key-once-1"), work);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual({ made: 1, body: { name: "Mat" } });
    expect(calls).toHaveLength(1);
  });

  test("the same key with another body, or on another route, is a 422", async () => {
    const { calls, work } = counted();
    await answer(post({ name: "Mat" }, "key-once-2"), work);
    const other = await answer(post({ name: "Block" }, "key-once-2"), work);
    expect(other.status).toBe(422);
    expect(await other.json()).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED" });
    const elsewhere = await answer(post({ name: "Mat" }, "key-once-2", "/api/others"), work);
    expect(elsewhere.status).toBe(422);
    expect(calls).toHaveLength(1);
  });

  test("a repeat while the first is still being answered is a 409 with Retry-After", async () => {
    let release: () => void = () => {};
    const slow = async (request: Request) => {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return Response.json(await request.json(), { status: 201 });
    };
    const first = answer(post({ n: 1 }, "key-once-3"), slow);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const racing = await answer(post({ n: 1 }, "key-once-3"), slow);
    expect(racing.status).toBe(409);
    expect(racing.headers.get("retry-after")).toBe("2");
    expect(await racing.json()).toMatchObject({ code: "IDEMPOTENCY_KEY_IN_USE" });
    release();
    expect((await first).status).toBe(201);
  });

  test("a refusal is kept and replayed; a failure gives the key back for a retry", async () => {
    const refused = counted(409);
    await answer(post({ n: 1 }, "key-once-4"), refused.work);
    expect((await answer(post({ n: 1 }, "key-once-4"), refused.work)).status).toBe(409);
    expect(refused.calls).toHaveLength(1);

    let attempts = 0;
    const flaky = async () => {
      attempts += 1;
      if (attempts === 1) throw new Error("database went away");
      return Response.json({ ok: true }, { status: 201 });
    };
    await expect(answer(post({ n: 2 }, "key-once-5"), flaky)).rejects.toThrow("database went away");
    expect((await answer(post({ n: 2 }, "key-once-5"), flaky)).status).toBe(201);
    const broken = counted(503);
    await answer(post({ n: 3 }, "key-once-6"), broken.work);
    await answer(post({ n: 3 }, "key-once-6"), broken.work);
    expect(broken.calls).toHaveLength(2);
  });

  test("a claim left by a request that never finished is given up after a minute", async () => {
    const { tenant, owner } = studio;
    await database().execute(
      sql`insert into ${sql.identifier(tenant.studio.schemaName)}.idempotency_keys (user_id, key, action, result, created_at)
          values (${owner.id}, 'api:key-once-7', 'api POST /api/things', '{}', now() - interval '2 minutes')`,
    );
    const { calls, work } = counted();
    expect((await answer(post({ n: 1 }, "key-once-7"), work)).status).toBe(201);
    expect(calls).toHaveLength(1);
  });

  test("a malformed key is a 400, never ignored", async () => {
    const { calls, work } = counted();
    const response = await answer(post({ n: 1 }, "not a key!"), work);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "INVALID_IDEMPOTENCY_KEY" });
    expect(calls).toHaveLength(0);
  });
});
