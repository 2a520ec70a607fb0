import { eq } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import { beforeAll, describe, expect, test } from "vitest";
import { insertApiToken } from "~/models/api-token.server";
import { insertBooking } from "~/models/booking.server";
import { insertCalendarFeed } from "~/models/calendar-feed.server";
import { insertCreditGrant, insertLedgerEntries, listLedger } from "~/models/credit.server";
import { insertOutboxMessage } from "~/models/outbox.server";
import { insertPayment, insertRefund } from "~/models/payment.server";
import { insertService } from "~/models/service.server";
import { insertUser } from "~/models/user.server";
import { requestSignInLink } from "~/services/identity/sign-in-link.server";
import { csvLine } from "~/services/payments/csv";
import { Forbidden } from "~/services/shared/errors";
import { database } from "~db/client";
import { createTestStudio, testPasswordHash } from "../../../test/factories";
import { studioExport } from "./studio-export.server";
import { type ArchiveEntry, zipStream } from "./zip-stream.server";

const db = database();
const NOW = new Date("2026-04-02T08:00:00Z");

/**
 * One small studio with one of each thing that matters: a session booked on the morning the
 * clocks went forward, credits given and one spent on it, a card payment with part refunded, a
 * booking message and a sign-in link emailed; plus a client whose name is a spreadsheet formula,
 * secrets of every kind, and a second studio whose rows must not appear.
 */
async function exportStudio() {
  const s = await createTestStudio({ name: "Chloé's Studio" });
  const { tenant, owner, location } = s;
  const { t } = tenant;
  const amara = await insertUser(db, tenant, {
    email: `amara-${tenant.studio.slug}@example.com`,
    fullName: "Amara Okafor",
    role: "client",
    phone: "+447700900101",
    primaryLocationId: location.id,
  });
  const formula = await insertUser(db, tenant, {
    email: `formula-${tenant.studio.slug}@example.com`,
    fullName: '=HYPERLINK("http://evil.example","x")',
    role: "client",
  });
  const service = await insertService(db, tenant, {
    name: "PT 1:1",
    type: "session",
    durationMinutes: 60,
    priceMinor: 4500,
    locationIds: [location.id],
  });
  const booking = await insertBooking(db, tenant, {
    clientId: amara.id,
    serviceId: service.id,
    instructorId: owner.id,
    locationId: location.id,
    startsAt: new Date("2026-03-29T09:30:00Z"),
    endsAt: new Date("2026-03-29T10:30:00Z"),
    status: "confirmed",
    bookingMethod: "admin_created",
    createdById: owner.id,
  });
  await db
    .update(t.bookings)
    .set({ createdAt: new Date("2026-03-20T12:00:00Z") })
    .where(eq(t.bookings.id, booking.id));
  const grant = await insertCreditGrant(db, tenant, {
    clientId: amara.id,
    packageId: null,
    name: "Welcome credits",
    locationIds: [],
    serviceIds: [service.id],
    expiresAt: new Date("2026-06-30T22:59:59Z"),
  });
  await insertLedgerEntries(db, tenant, [
    {
      clientId: amara.id,
      grantId: grant.id,
      bookingId: null,
      delta: 5,
      kind: "grant",
      reason: "Welcome",
      actorId: owner.id,
    },
  ]);
  await insertLedgerEntries(db, tenant, [
    {
      clientId: amara.id,
      grantId: grant.id,
      bookingId: booking.id,
      delta: -1,
      kind: "spend",
      reason: "Booked",
      actorId: null,
    },
  ]);
  await db
    .update(t.creditGrants)
    .set({ createdAt: new Date("2026-03-01T10:00:00Z") })
    .where(eq(t.creditGrants.id, grant.id));
  const payment = await insertPayment(db, tenant, {
    clientId: amara.id,
    kind: "other",
    method: "online_card",
    status: "succeeded",
    amountMinor: 3900,
    currency: "GBP",
    applicationFeeMinor: 113,
    description: "Ten classes",
    takenById: owner.id,
    locationId: location.id,
    paidAt: new Date("2026-03-05T10:01:00Z"),
    stripePaymentIntentId: "pi_123",
  });
  await db
    .update(t.payments)
    .set({ createdAt: new Date("2026-03-05T10:00:00Z") })
    .where(eq(t.payments.id, payment.id));
  const refund = await insertRefund(db, tenant, {
    paymentId: payment.id,
    amountMinor: 1950,
    status: "succeeded",
    reason: "Moved away",
    actorId: owner.id,
  });
  if (!refund) throw new Error("refund not inserted");
  await db
    .update(t.refunds)
    .set({ createdAt: new Date("2026-03-06T09:00:00Z") })
    .where(eq(t.refunds.id, refund.id));
  const message = await insertOutboxMessage(db, tenant, {
    channel: "email",
    recipient: amara.email,
    subject: "You are booked in",
    body: "See you on Sunday, 10:30.",
    template: "booking_confirmed",
    userId: amara.id,
    bookingId: booking.id,
  });
  await db
    .update(t.outboxMessages)
    .set({ createdAt: new Date("2026-03-20T12:00:01Z") })
    .where(eq(t.outboxMessages.id, message.id));
  await requestSignInLink(tenant, amara.email, new Date());
  const [link] = await db.select().from(t.outboxMessages).where(eq(t.outboxMessages.template, "sign-in-link"));
  const [authToken] = await db.select().from(t.authTokens).where(eq(t.authTokens.userId, amara.id));
  await insertApiToken(db, tenant, { userId: owner.id, tokenHash: `api-hash-${tenant.studio.slug}`, label: "Zapier" });
  await insertCalendarFeed(db, tenant, { userId: amara.id, tokenHash: `feed-hash-${tenant.studio.slug}` });
  const other = await createTestStudio({ name: "Other Studio" });
  const stranger = await insertUser(db, other.tenant, {
    email: "stranger@example.com",
    fullName: "Stranger Elsewhere",
    role: "client",
  });
  const ledger = (await listLedger(db, tenant, amara.id)).map((row) => row.entry);
  return {
    ...s,
    amara,
    formula,
    service,
    booking,
    grant,
    payment,
    refund,
    message,
    ledger,
    link: link!,
    authToken: authToken!,
    other,
    stranger,
  };
}

type Fixture = Awaited<ReturnType<typeof exportStudio>>;
let s: Fixture;
let files: Record<string, string>;
let bytes: Uint8Array;
let starts: Record<string, number[]>;

async function download(pageSize?: number) {
  const { stream } = await studioExport(s.tenant, s.owner, NOW, pageSize);
  const zipped = new Uint8Array(await new Response(stream).arrayBuffer());
  const unzipped = unzipSync(zipped);
  return {
    zipped,
    files: Object.fromEntries(Object.entries(unzipped).map(([name, data]) => [name, strFromU8(data)])),
    raw: Object.values(unzipped),
    starts: Object.fromEntries(Object.entries(unzipped).map(([name, data]) => [name, [...data.subarray(0, 3)]])),
  };
}

/** A CSV's lines (the decoder drops the byte-order mark), the last (empty, after the final CRLF) dropped. */
const linesOf = (csv: string) => csv.split("\r\n").slice(0, -1);
const line = (fields: string[]) => csvLine(fields).replace(/\r\n$/, "");

beforeAll(async () => {
  s = await exportStudio();
  const first = await download();
  files = first.files;
  starts = first.starts;
  bytes = new Uint8Array(first.raw.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of first.raw) {
    bytes.set(b, at);
    at += b.length;
  }
});

describe("the studio's full export", () => {
  test("holds the README and one CSV per kind of record, in this order", () => {
    expect(Object.keys(files)).toEqual([
      "README.txt",
      "clients.csv",
      "team.csv",
      "locations.csv",
      "services.csv",
      "packages.csv",
      "classes.csv",
      "class-dates.csv",
      "bookings.csv",
      "credit-grants.csv",
      "credit-ledger.csv",
      "payments.csv",
      "refunds.csv",
      "messages.csv",
      "waitlist.csv",
      "booking-requests.csv",
      "parq-answers.csv",
      "class-notes.csv",
      "intro-signups.csv",
    ]);
  });

  test("every CSV starts with the UTF-8 byte-order mark, so spreadsheets read accents and £", () => {
    for (const [name, start] of Object.entries(starts)) {
      if (name.endsWith(".csv")) expect(start, name).toEqual([0xef, 0xbb, 0xbf]);
    }
  });

  test("the README lists exactly each file's columns, in the order of its header", () => {
    const readme = files["README.txt"]!;
    expect(readme.split("\r\n").slice(0, 2)).toEqual([
      "Chloé's Studio: all of the studio's data",
      "Exported 2026-04-02T08:00:00.000Z (2 April 2026, 09:00, Europe/London).",
    ]);
    const sections = readme.split("\r\n\r\n").filter((part) => /^[a-z-]+\.csv: /.test(part));
    const described = Object.fromEntries(
      sections.map((part) => {
        const [title, ...columns] = part.split("\r\n");
        return [title!.split(":")[0], columns.filter(Boolean).map((c) => c.trim().split(":")[0])];
      }),
    );
    const csvs = Object.keys(files).filter((name) => name.endsWith(".csv"));
    expect(Object.keys(described)).toEqual(csvs);
    for (const name of csvs) expect(linesOf(files[name]!)[0]!.split(","), name).toEqual(described[name]);
  });

  test("a booking, with names beside ids and its times in UTC and on the location's clock (summer time began that morning)", () => {
    const { booking, amara, service, location, owner } = s;
    expect(linesOf(files["bookings.csv"]!)).toEqual([
      "id,client_id,client,service_id,service,location_id,location,instructor_id,instructor,class_date_id,starts_at,starts_local,ends_at,ends_local,status,booked_by,places,notes,booked_at,cancelled_at,cancel_reason,late_cancellation,checked_in_at,attendance_note,rescheduled_from_id",
      line([
        booking.id,
        amara.id,
        "Amara Okafor",
        service.id,
        "PT 1:1",
        location.id,
        "Main",
        owner.id,
        "Owner Person",
        "",
        "2026-03-29T09:30:00.000Z",
        "2026-03-29 10:30",
        "2026-03-29T10:30:00.000Z",
        "2026-03-29 11:30",
        "confirmed",
        "admin_created",
        "1",
        "",
        "2026-03-20T12:00:00.000Z",
        "",
        "",
        "no",
        "",
        "",
        "",
      ]),
    ]);
  });

  test("credits given and spent: the grant with what is left and both ledger rows", () => {
    const { grant, amara, booking, ledger } = s;
    expect(linesOf(files["credit-grants.csv"]!).slice(1)).toEqual([
      line([
        grant.id,
        amara.id,
        "Amara Okafor",
        "",
        "Welcome credits",
        "",
        "PT 1:1",
        "4",
        "2026-06-30T22:59:59.000Z",
        "2026-03-01T10:00:00.000Z",
      ]),
    ]);
    const entry = (kind: string) => ledger.find((l) => l.kind === kind)!;
    const expected = [
      line([
        entry("grant").id,
        entry("grant").createdAt.toISOString(),
        amara.id,
        "Amara Okafor",
        grant.id,
        "",
        "5",
        "grant",
        "Welcome",
        "Owner Person",
      ]),
      line([
        entry("spend").id,
        entry("spend").createdAt.toISOString(),
        amara.id,
        "Amara Okafor",
        grant.id,
        booking.id,
        "-1",
        "spend",
        "Booked",
        "",
      ]),
    ];
    expect(linesOf(files["credit-ledger.csv"]!).slice(1).sort()).toEqual(expected.sort());
  });

  test("a payment partly refunded, money as decimals beside the currency", () => {
    const { payment, refund, amara, location } = s;
    expect(linesOf(files["payments.csv"]!).slice(1)).toEqual([
      line([
        payment.id,
        "2026-03-05T10:00:00.000Z",
        "2026-03-05T10:01:00.000Z",
        amara.id,
        "Amara Okafor",
        "Ten classes",
        "other",
        "online_card",
        "succeeded",
        "39.00",
        "1.13",
        "19.50",
        "GBP",
        "",
        "",
        "",
        location.id,
        "Main",
        "Owner Person",
        "",
        "pi_123",
        "",
        "",
        "",
      ]),
    ]);
    expect(linesOf(files["refunds.csv"]!).slice(1)).toEqual([
      line([
        refund.id,
        "2026-03-06T09:00:00.000Z",
        payment.id,
        "Amara Okafor",
        "19.50",
        "GBP",
        "succeeded",
        "Moved away",
        "0",
        "",
        "Owner Person",
      ]),
    ]);
  });

  test("messages: the booking one in full, the sign-in link's body left out", () => {
    const { message, link, amara, booking } = s;
    const rows = linesOf(files["messages.csv"]!).slice(1);
    expect(rows).toHaveLength(2);
    expect(rows).toContain(
      line([
        message.id,
        "2026-03-20T12:00:01.000Z",
        "email",
        amara.email,
        amara.id,
        "Amara Okafor",
        "booking_confirmed",
        "You are booked in",
        "See you on Sunday, 10:30.",
        "pending",
        "0",
        booking.id,
        "",
        "",
        "",
      ]),
    );
    expect(rows).toContain(
      line([
        link.id,
        link.createdAt.toISOString(),
        "email",
        amara.email,
        "",
        "",
        "sign-in-link",
        "Your sign-in link",
        "(contained a sign-in link; not exported)",
        "pending",
        "0",
        "",
        "",
        "",
        "",
      ]),
    );
  });

  test("no secret anywhere in the archive: password hash, token hashes, the sign-in link itself", async () => {
    const token = /token=([A-Za-z0-9_-]+)/.exec(s.link.body)?.[1];
    expect(token).toBeTruthy();
    const everything = strFromU8(bytes);
    for (const secret of [
      await testPasswordHash(),
      s.authToken.tokenHash,
      token!,
      `api-hash-${s.tenant.studio.slug}`,
      `feed-hash-${s.tenant.studio.slug}`,
    ]) {
      expect(everything).not.toContain(secret);
    }
  });

  test("no other studio's rows", () => {
    const everything = Object.values(files).join("\n");
    for (const foreign of [s.stranger.id, "Stranger Elsewhere", s.other.owner.id, s.other.location.id]) {
      expect(everything).not.toContain(foreign);
    }
    expect(linesOf(files["clients.csv"]!)).toHaveLength(3);
    expect(linesOf(files["team.csv"]!)).toHaveLength(2);
  });

  test("a name a spreadsheet would run as a formula is written as text", () => {
    expect(linesOf(files["clients.csv"]!)).toContainEqual(
      expect.stringContaining(`"'=HYPERLINK(""http://evil.example"",""x"")"`),
    );
  });

  test("read a row per page, the archive holds the same files", async () => {
    expect((await download(1)).files).toEqual(files);
  });

  test("only the owner may take it", async () => {
    const manager = await insertUser(db, s.tenant, {
      email: `manager-${s.tenant.studio.slug}@example.com`,
      fullName: "Manager",
      role: "location_manager",
      accessibleLocations: [s.location.id],
    });
    await expect(studioExport(s.tenant, manager, NOW)).rejects.toThrow(Forbidden);
  });
});

describe("the archive stream", () => {
  /** A file of `parts` parts of 64 KiB of varied text, counting the parts produced. */
  function counted(parts: number) {
    let produced = 0;
    const entry: ArchiveEntry = {
      name: "big.csv",
      async next() {
        if (produced === parts) return null;
        produced += 1;
        return Array.from({ length: 2048 }, (_, i) => `${produced},${i},${(i * 7919) % 10007}\r\n`).join("");
      },
    };
    return { entry, produced: () => produced };
  }

  test("produces parts only as the reader asks, and stops when the reader stops", async () => {
    const { entry, produced } = counted(1000);
    const reader = zipStream([entry], NOW).getReader();
    await reader.read();
    await reader.read();
    expect(produced()).toBeLessThanOrEqual(3);
    await reader.cancel();
    expect(produced()).toBeLessThanOrEqual(3);
  });

  test("read to the end, it is a valid archive of every part", async () => {
    const { entry, produced } = counted(20);
    const zipped = new Uint8Array(
      await new Response(zipStream([{ name: "a.txt", text: "Chloé" }, entry], NOW)).arrayBuffer(),
    );
    const unzipped = unzipSync(zipped);
    expect(produced()).toBe(20);
    expect(strFromU8(unzipped["a.txt"]!)).toBe("Chloé");
    expect(strFromU8(unzipped["big.csv"]!).split("\r\n")).toHaveLength(20 * 2048 + 1);
  });
});
