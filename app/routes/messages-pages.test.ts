import type { LoaderFunctionArgs } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { signIn } from "~/services/identity/auth.server";
import { createClientsStudio } from "~/services/people/client-fixtures.test-helper";
import { database } from "~db/client";
import type { OutboxMessage, User } from "~db/schema/tenant";
import { enqueue } from "../../jobs/enqueue";
import { SEND_REMINDER } from "../../jobs/queues";
import { createTestStudio } from "../../test/factories";
import { action as listAction, loader as listLoader } from "./messages._index";
import { action as messageAction, loader as messageLoader } from "./messages.$id";
import { loader as outboxLoader } from "./outbox";

/** /messages and a message's page, called as a browser without JavaScript calls them. */
type Studio = Awaited<ReturnType<typeof createClientsStudio>>;
let s: Studio;
let m: Record<string, OutboxMessage>;

type Handler = (args: LoaderFunctionArgs) => Promise<unknown>;

async function call(
  handler: Handler,
  as: User | null,
  path: string,
  options: { form?: Record<string, string>; params?: Record<string, string>; tenant?: Studio["tenant"] } = {},
) {
  const tenant = options.tenant ?? s.tenant;
  const host = `${tenant.studio.slug}.localhost`;
  const cookie = as ? (((await signIn(tenant, as)).headers.get("set-cookie") ?? "").split(";")[0] ?? "") : "";
  const request = new Request(`http://${host}${path}`, {
    method: options.form ? "POST" : "GET",
    headers: { host, cookie, ...(options.form ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
    body: options.form ? new URLSearchParams(options.form) : undefined,
  });
  try {
    const result = await handler({
      request,
      params: options.params ?? {},
      context: { requestId: "t", clientIp: "127.0.0.1" },
    });
    if (result instanceof Response)
      return { status: result.status, location: result.headers.get("location"), data: undefined };
    if (result && typeof result === "object" && (result as { type?: string }).type === "DataWithResponseInit") {
      const { init, data } = result as { init?: { status?: number }; data: unknown };
      return { status: init?.status ?? 200, data: data as Record<string, unknown> };
    }
    return { status: 200, data: result as Record<string, unknown> };
  } catch (thrown) {
    if (thrown instanceof Response)
      return { status: thrown.status, location: thrown.headers.get("location"), data: undefined };
    throw thrown;
  }
}

/** Rows written straight into the log (no delivery job), each in the state a test needs. */
async function logged(tenant: Studio["tenant"], values: Partial<OutboxMessage> & { recipient: string }) {
  const [row] = await database()
    .insert(tenant.t.outboxMessages)
    .values({ channel: "email", subject: "Hello", body: "Body text", template: "booking-confirmed", ...values })
    .returning();
  return row!;
}

type Listed = {
  messages: { id: string; statusWords: string; canResend: boolean; template: string }[];
  hasOlder: boolean;
  errors: Record<string, string>;
};
const list = async (as: User, query = "") =>
  (await call(listLoader, as, `/messages${query}`)).data as unknown as Listed;
const ids = (listed: Listed) => listed.messages.map((x) => x.id);

async function jobsFor(messageId: string) {
  const rows = await database().execute(sql`select id from pgboss.job where data->>'messageId' = ${messageId}`);
  return rows.length;
}

beforeAll(async () => {
  s = await createClientsStudio();
  const { camden, shoreditch, clients, staff } = s;
  m = {
    camdenSms: await logged(s.tenant, {
      channel: "sms",
      subject: null,
      recipient: clients.amara.phone!,
      locationId: camden.id,
      userId: clients.amara.id,
      status: "delivered",
      template: "booking-confirmed-sms",
    }),
    amaraReset: await logged(s.tenant, {
      recipient: clients.amara.email,
      userId: clients.amara.id,
      template: "password-reset",
      body: "Reset: https://x/reset?token=secret",
      status: "sent",
    }),
    shoreditchFailed: await logged(s.tenant, {
      recipient: clients.chloe.email,
      locationId: shoreditch.id,
      userId: clients.chloe.id,
      status: "failed",
      lastError: "Elastic Email said 500",
      attempts: 6,
    }),
    chloeWelcome: await logged(s.tenant, {
      recipient: clients.chloe.email,
      userId: clients.chloe.id,
      template: "client-welcome",
      status: "not_sent",
    }),
    invitation: await logged(s.tenant, {
      recipient: staff.trainer.email,
      userId: staff.trainer.id,
      template: "staff-invitation",
      status: "unconfirmed",
    }),
    camdenFailed: await logged(s.tenant, {
      recipient: clients.ben.email,
      locationId: camden.id,
      userId: clients.ben.id,
      status: "failed",
      lastError: "timeout",
    }),
  };
});

describe("who reads the message log", () => {
  test("owners and managers read every message, newest first", async () => {
    for (const who of [s.staff.owner, s.staff.manager]) {
      expect(ids(await list(who))).toEqual(
        Object.values(m)
          .reverse()
          .map((x) => x.id),
      );
    }
  });

  test("the front desk reads its locations' messages and those to its clients, nothing else", async () => {
    expect(ids(await list(s.staff.receptionist)).sort()).toEqual(
      [m.camdenSms!.id, m.amaraReset!.id, m.camdenFailed!.id].sort(),
    );
    for (const other of [m.shoreditchFailed!, m.chloeWelcome!, m.invitation!]) {
      const page = await call(messageLoader, s.staff.receptionist, `/messages/${other.id}`, {
        params: { id: other.id },
      });
      expect(page.status).toBe(404);
    }
  });

  test("clients, instructors, trainers, finance and strangers are turned away", async () => {
    for (const who of [s.clients.amara, s.staff.instructor, s.staff.trainer, s.staff.finance]) {
      expect((await call(listLoader, who, "/messages")).status).toBe(403);
      expect(
        (await call(messageLoader, who, `/messages/${m.camdenSms!.id}`, { params: { id: m.camdenSms!.id } })).status,
      ).toBe(403);
    }
    expect((await call(listLoader, null, "/messages")).status).toBe(302);
  });

  test("another studio's message id is not found, and neither is a malformed one", async () => {
    const other = await createTestStudio();
    const theirs = await logged(other.tenant, { recipient: "x@example.com", status: "failed" });
    for (const id of [theirs.id, "not-a-uuid"]) {
      expect((await call(messageLoader, s.staff.owner, `/messages/${id}`, { params: { id } })).status).toBe(404);
      expect(
        (await call(messageAction, s.staff.owner, `/messages/${id}`, { params: { id }, form: { intent: "resend" } }))
          .status,
      ).toBe(404);
    }
    expect(
      (await call(listAction, s.staff.owner, "/messages?index", { form: { intent: "resend", id: theirs.id } })).status,
    ).toBe(404);
    expect(await jobsFor(theirs.id)).toBe(0);
  });

  test("/outbox, the old address, sends people to /messages", async () => {
    expect(await call(outboxLoader, s.staff.owner, "/outbox")).toMatchObject({ status: 301, location: "/messages" });
  });
});

describe("reading the log", () => {
  test("statuses in words, a template in words, one-time links for the owner's eyes only", async () => {
    const listed = await list(s.staff.owner);
    const row = (id: string) => listed.messages.find((x) => x.id === id)!;
    expect(row(m.chloeWelcome!.id)).toMatchObject({
      statusWords: "Not sent: no provider",
      template: "Welcome",
      canResend: true,
    });
    expect(row(m.invitation!.id).statusWords).toBe(
      "Unconfirmed: the worker stopped while sending — check before retrying",
    );
    expect(row(m.camdenSms!.id)).toMatchObject({
      statusWords: "Delivered",
      template: "Booking confirmed sms",
      canResend: false,
    });
    // A one-time link would let a manager or the front desk sign in as its recipient; the owner may read it.
    const reset = async (as: User) =>
      (
        (await call(messageLoader, as, `/messages/${m.amaraReset!.id}`, { params: { id: m.amaraReset!.id } })).data as {
          message: { body: string | null };
        }
      ).message.body;
    expect(await reset(s.staff.manager)).toBeNull();
    expect(await reset(s.staff.receptionist)).toBeNull();
    expect(await reset(s.staff.owner)).toBe("Reset: https://x/reset?token=secret");
    const failed = (
      await call(messageLoader, s.staff.owner, `/messages/${m.shoreditchFailed!.id}`, {
        params: { id: m.shoreditchFailed!.id },
      })
    ).data as { message: Record<string, unknown> };
    expect(failed.message).toMatchObject({
      body: "Body text",
      lastError: "Elastic Email said 500",
      attempts: 6,
      canResend: true,
    });
  });

  test("filters: needing attention, one status, the channel, part of the recipient; a bad filter is explained and left out", async () => {
    const owner = s.staff.owner;
    expect(ids(await list(owner, "?status=attention")).sort()).toEqual(
      [m.shoreditchFailed!.id, m.chloeWelcome!.id, m.invitation!.id, m.camdenFailed!.id].sort(),
    );
    expect(ids(await list(owner, "?status=failed&channel=email")).sort()).toEqual(
      [m.shoreditchFailed!.id, m.camdenFailed!.id].sort(),
    );
    expect(ids(await list(owner, "?channel=sms"))).toEqual([m.camdenSms!.id]);
    expect(
      ids(await list(owner, `?q=${encodeURIComponent(s.clients.chloe.email.slice(0, 8).toUpperCase())}`)).sort(),
    ).toEqual([m.shoreditchFailed!.id, m.chloeWelcome!.id].sort());
    expect(ids(await list(owner, "?q=%25"))).toEqual([]);
    const bad = await list(owner, "?status=lost&channel=sms");
    expect(bad.errors.status).toBe("Choose a status from the list");
    expect(ids(bad)).toEqual([m.camdenSms!.id]);
  });

  test("fifty a page, newest first; the next page holds the rest", async () => {
    const other = await createTestStudio();
    const start = Date.now() - 100 * 60_000;
    await database()
      .insert(other.tenant.t.outboxMessages)
      .values(
        Array.from({ length: 51 }, (_, i) => ({
          channel: "email" as const,
          recipient: `p${i}@example.com`,
          body: "b",
          template: "t",
          createdAt: new Date(start + i * 60_000),
        })),
      );
    const first = (await call(listLoader, other.owner as User, "/messages", { tenant: other.tenant }))
      .data as unknown as Listed & { olderUrl: string };
    expect(first.messages).toHaveLength(50);
    expect(first.hasOlder).toBe(true);
    expect(first.olderUrl).toBe("/messages?page=2");
    const second = (await call(listLoader, other.owner as User, "/messages?page=2", { tenant: other.tenant }))
      .data as unknown as Listed;
    expect(second.messages.map((x) => x.id)).toHaveLength(1);
    expect(second.hasOlder).toBe(false);
  });
});

describe("send again", () => {
  test("a failed message goes back to waiting with a new delivery job, and the list keeps its filters", async () => {
    const id = m.camdenFailed!.id;
    const done = await call(listAction, s.staff.receptionist, "/messages?status=failed&index", {
      form: { intent: "resend", id },
    });
    expect(done).toMatchObject({ status: 302, location: "/messages?status=failed&done=resent" });
    const [row] = await database().select().from(s.tenant.t.outboxMessages).where(sql`id = ${id}`);
    expect(row).toMatchObject({ status: "pending", lastError: null });
    expect(await jobsFor(id)).toBe(1);
    // Pressed twice (a double click, a stale page): refused, no second job.
    const again = await call(messageAction, s.staff.owner, `/messages/${id}`, {
      params: { id },
      form: { intent: "resend" },
    });
    expect(again.status).toBe(409);
    expect(await jobsFor(id)).toBe(1);
  });

  test("a message from its page; never one that was delivered; never another location's from the front desk", async () => {
    const id = m.shoreditchFailed!.id;
    expect(
      (
        await call(messageAction, s.staff.receptionist, `/messages/${id}`, {
          params: { id },
          form: { intent: "resend" },
        })
      ).status,
    ).toBe(404);
    expect(
      await call(messageAction, s.staff.manager, `/messages/${id}`, { params: { id }, form: { intent: "resend" } }),
    ).toMatchObject({ status: 302, location: `/messages/${id}?resent=1` });
    expect(await jobsFor(id)).toBe(1);
    const delivered = m.camdenSms!.id;
    const refused = await call(messageAction, s.staff.owner, `/messages/${delivered}`, {
      params: { id: delivered },
      form: { intent: "resend" },
    });
    expect(refused).toMatchObject({ status: 409, data: { error: expect.stringContaining("on its way or was sent") } });
    expect(await jobsFor(delivered)).toBe(0);
    const [row] = await database().select().from(s.tenant.t.outboxMessages).where(sql`id = ${delivered}`);
    expect(row!.status).toBe("delivered");
  });

  test("an instructor cannot send messages again", async () => {
    const id = m.camdenFailed!.id;
    expect(
      (await call(messageAction, s.staff.instructor, `/messages/${id}`, { params: { id }, form: { intent: "resend" } }))
        .status,
    ).toBe(403);
  });
});

describe("background jobs that gave up", () => {
  async function failedJob(tenant: Studio["tenant"]) {
    const data = { studioId: tenant.studio.id, bookingId: crypto.randomUUID() };
    const id = await database().transaction((tx) => enqueue(tx, SEND_REMINDER, data));
    await database().execute(
      sql`update pgboss.job set state = 'failed', output = ${JSON.stringify({ message: "Reminder exploded" })}::jsonb,
          completed_on = now() where id = ${id}`,
    );
    return id;
  }
  const stateOf = async (id: string) =>
    ((await database().execute(sql`select state from pgboss.job where id = ${id}`))[0] as { state: string }).state;
  type WithJobs = { failedJobs: { id: string; what: string; error: string | null }[] };

  test("owners and managers see the studio's and run one again; the front desk sees none; another studio's is refused", async () => {
    const mine = await failedJob(s.tenant);
    const other = await createTestStudio();
    const theirs = await failedJob(other.tenant);
    const shown = (await list(s.staff.manager)) as unknown as WithJobs;
    expect(shown.failedJobs).toEqual([
      expect.objectContaining({ id: mine, what: "Writing a booking reminder", error: "Reminder exploded" }),
    ]);
    expect(((await list(s.staff.receptionist)) as unknown as WithJobs).failedJobs).toEqual([]);

    const run = (as: User, jobId: string) =>
      call(listAction, as, "/messages?index", { form: { intent: "retry-job", jobId } });
    expect((await run(s.staff.receptionist, mine)).status).toBe(403);
    expect(await stateOf(mine)).toBe("failed");
    expect((await run(s.staff.owner, theirs)).status).toBe(409);
    expect(await stateOf(theirs)).toBe("failed");
    expect(await run(s.staff.owner, mine)).toMatchObject({ status: 302, location: "/messages?done=job" });
    expect(await stateOf(mine)).not.toBe("failed");
    expect(((await list(s.staff.owner)) as unknown as WithJobs).failedJobs).toEqual([]);
  });
});
