import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { createClientsStudio } from "~/services/people/client-fixtures.test-helper";
import { Forbidden, NotFound, Refused } from "~/services/shared/errors";
import { database } from "~db/client";
import { messageClient, STAFF_MESSAGE } from "./outreach.server";

type Studio = Awaited<ReturnType<typeof createClientsStudio>>;
let s: Studio;

beforeAll(async () => {
  s = await createClientsStudio();
});

/** Midday in London: outside the quiet hours. */
const NOON = new Date("2026-12-02T12:00:00Z");

async function messagesTo(userId: string) {
  const { outboxMessages: m } = s.tenant.t;
  return database()
    .select({
      channel: m.channel,
      recipient: m.recipient,
      subject: m.subject,
      body: m.body,
      template: m.template,
      userId: m.userId,
      locationId: m.locationId,
      sendAfter: m.sendAfter,
      status: m.status,
    })
    .from(m)
    .where(eq(m.userId, userId))
    .orderBy(asc(m.channel));
}

const note = (key = randomUUID()) => ({
  subject: "We miss you",
  text: "Come back for a class this week: the first one is on us.",
  idempotencyKey: key,
});

describe("messageClient", () => {
  test("an email and a text on the client's channels, once however often the form is sent", async () => {
    const { amara } = s.clients;
    const input = { clientId: amara.id, ...note() };
    expect(await messageClient(s.tenant, s.staff.owner, input, NOON)).toEqual({
      client: { id: amara.id, fullName: "Amara Okafor" },
      replayed: false,
    });
    expect(await messageClient(s.tenant, s.staff.owner, input, NOON)).toMatchObject({ replayed: true });
    expect(await messagesTo(amara.id)).toEqual([
      {
        channel: "email",
        recipient: amara.email,
        subject: "We miss you",
        body: "Come back for a class this week: the first one is on us.",
        template: STAFF_MESSAGE,
        userId: amara.id,
        locationId: s.camden.id,
        sendAfter: null,
        status: "pending",
      },
      {
        channel: "sms",
        recipient: "+447700900101",
        subject: null,
        body: `${s.tenant.studio.name}: Come back for a class this week: the first one is on us.`,
        template: STAFF_MESSAGE,
        userId: amara.id,
        locationId: s.camden.id,
        sendAfter: null,
        status: "pending",
      },
    ]);
  });

  test("a text written in the quiet hours waits for the morning; email only goes by email", async () => {
    const { ben } = s.clients;
    const { t } = s.tenant;
    await database().update(t.users).set({ messageChannels: "sms" }).where(eq(t.users.id, ben.id));
    await messageClient(s.tenant, s.staff.owner, { clientId: ben.id, ...note() }, new Date("2026-12-02T22:30:00Z"));
    expect(await messagesTo(ben.id)).toEqual([
      expect.objectContaining({ channel: "sms", sendAfter: new Date("2026-12-03T08:00:00Z") }),
    ]);
  });

  test("a manager writes to their location's clients only; the desk may not use it", async () => {
    const { chloe, amara } = s.clients;
    await messageClient(s.tenant, s.staff.manager, { clientId: chloe.id, ...note() }, NOON);
    expect((await messagesTo(chloe.id)).map((m) => [m.channel, m.locationId])).toEqual([
      ["email", s.shoreditch.id],
      ["sms", s.shoreditch.id],
    ]);
    await expect(messageClient(s.tenant, s.staff.manager, { clientId: amara.id, ...note() }, NOON)).rejects.toThrow(
      Forbidden,
    );
    await expect(
      messageClient(s.tenant, s.staff.receptionist, { clientId: amara.id, ...note() }, NOON),
    ).rejects.toThrow(Forbidden);
    await expect(messageClient(s.tenant, s.staff.owner, { clientId: randomUUID(), ...note() }, NOON)).rejects.toThrow(
      NotFound,
    );
  });

  test("a form's key reused for another client is refused, and sends nothing", async () => {
    const { ella, amara } = s.clients;
    const key = randomUUID();
    await messageClient(s.tenant, s.staff.owner, { clientId: amara.id, ...note(key) }, NOON);
    await expect(messageClient(s.tenant, s.staff.owner, { clientId: ella.id, ...note(key) }, NOON)).rejects.toThrow(
      Refused,
    );
    expect(await messagesTo(ella.id)).toEqual([]);
  });
});
