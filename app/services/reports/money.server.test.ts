import { beforeAll, describe, expect, test } from "vitest";
import { Forbidden } from "~/services/shared/errors";
import { MARCH, MONEY_NOW, moneyStudio } from "../../../test/money-report-fixtures";
import { creditsCsv, creditsReport } from "./credits.server";
import { paymentLinesCsv, paymentsSummary } from "./payments.server";
import { grainFor, revenueCsv, revenueReport } from "./revenue.server";

let s: Awaited<ReturnType<typeof moneyStudio>>;
beforeAll(async () => {
  s = await moneyStudio();
});

const ask = (params: Record<string, string>) => ({
  query: new URLSearchParams(params),
  remembered: null,
  now: MONEY_NOW,
});
const march = (extra: Record<string, string> = {}) => ask({ ...MARCH, ...extra });
const text = async (stream: ReadableStream<Uint8Array>) => new Response(stream).text();
const figures = <G extends { label: string }>(groups: G[]) =>
  Object.fromEntries(groups.map(({ label, ...rest }) => [label, rest]));

describe("revenue by location", () => {
  test("counts each location's own March, refunds when made, a failed refund never", async () => {
    const r = await revenueReport(s.tenant, s.owner, march({ by: "location" }));
    expect(r.groups.map((g) => g.label)).toEqual(["Main", "Studio-wide (online)", "Brooklyn"]);
    expect(figures(r.groups)).toMatchObject({
      // Yoga £15, no-show fee £8, Ten classes at 23:59 BST on 31 March; £3 pending refund (the £15 one failed).
      Main: { payments: 3, takenMinor: 12300, refunds: 1, refundedMinor: 300, netMinor: 12000, creditsUsed: null },
      "Studio-wide (online)": { payments: 1, takenMinor: 4500, refunds: 0, refundedMinor: 0, netMinor: 4500 },
      // PT £40 (refunded in full), £7 at 00:30 EDT on 9 March, £3 at 23:30 EDT on 31 March.
      Brooklyn: { payments: 3, takenMinor: 5000, refunds: 1, refundedMinor: 4000, netMinor: 1000 },
    });
    expect(r.totals).toMatchObject({
      payments: 7,
      takenMinor: 21800,
      refunds: 2,
      refundedMinor: 4300,
      netMinor: 17500,
    });
  });

  test("a refund made in a later period counts there, beside April's own money", async () => {
    const r = await revenueReport(s.tenant, s.owner, ask({ by: "location", from: "2026-04-01", to: "2026-04-30" }));
    expect(figures(r.groups)).toEqual({
      Main: {
        key: s.camden.id,
        payments: 1,
        takenMinor: 200,
        refunds: 1,
        refundedMinor: 3000,
        netMinor: -2800,
        creditsUsed: null,
        creditsUsedMinor: null,
      },
    });
  });

  test("a manager sees only their location, without the studio-wide sales", async () => {
    const nina = await revenueReport(s.tenant, s.nina, march({ by: "location", location: "all" }));
    expect(nina.groups.map((g) => [g.label, g.netMinor])).toEqual([["Brooklyn", 1000]]);
    const marcus = await revenueReport(s.tenant, s.staff.manager, march({ by: "location", location: s.brooklyn.id }));
    expect(marcus.groups).toEqual([]);
    expect(marcus.totals.netMinor).toBe(0);
  });

  test("the owner can narrow it to one location", async () => {
    const r = await revenueReport(s.tenant, s.owner, march({ by: "location", location: s.brooklyn.id }));
    expect(r.totals).toMatchObject({ payments: 3, takenMinor: 5000, refundedMinor: 4000, netMinor: 1000 });
  });

  test("receptionists, instructors and clients are refused", async () => {
    for (const who of [s.staff.receptionist, s.staff.instructor, s.clients.amara]) {
      await expect(revenueReport(s.tenant, who, march())).rejects.toBeInstanceOf(Forbidden);
      await expect(creditsReport(s.tenant, who, march())).rejects.toBeInstanceOf(Forbidden);
      await expect(paymentsSummary(s.tenant, who, march())).rejects.toBeInstanceOf(Forbidden);
    }
  });
});

describe("revenue by service and instructor", () => {
  test("bookings and no-show fees go to the booking's service, packages by name, the rest by kind", async () => {
    const r = await revenueReport(s.tenant, s.staff.finance, march({ by: "service" }));
    expect(figures(r.groups)).toMatchObject({
      "Package: Ten classes": { payments: 1, takenMinor: 10000, netMinor: 10000, creditsUsed: 0, creditsUsedMinor: 0 },
      "Package: Five classes": { payments: 1, takenMinor: 4500, netMinor: 4500 },
      // £15 + £8 less the £3 pending refund; credits: one from the Ten classes pack (£10), one the studio gave (£0).
      Yoga: {
        payments: 2,
        takenMinor: 2300,
        refundedMinor: 300,
        netMinor: 2000,
        creditsUsed: 2,
        creditsUsedMinor: 1000,
      },
      "Other sales": { payments: 2, takenMinor: 1000, netMinor: 1000 },
      // Refunded in full; the credit spent on the cancelled session came back.
      "PT 1:1": {
        payments: 1,
        takenMinor: 4000,
        refundedMinor: 4000,
        netMinor: 0,
        creditsUsed: 0,
        creditsUsedMinor: 0,
      },
    });
    expect(r.totals).toMatchObject({ netMinor: 17500, creditsUsed: 2, creditsUsedMinor: 1000 });
  });

  test("bookings go to who taught them; packages and other sales to nobody", async () => {
    const r = await revenueReport(s.tenant, s.owner, march({ by: "instructor" }));
    expect(figures(r.groups)).toMatchObject({
      "Not tied to an instructor": { payments: 4, takenMinor: 15500, netMinor: 15500, creditsUsed: 0 },
      "Priya Teach": {
        payments: 2,
        takenMinor: 2300,
        refundedMinor: 300,
        netMinor: 2000,
        creditsUsed: 2,
        creditsUsedMinor: 1000,
      },
      "Tom Train": { payments: 1, takenMinor: 4000, refundedMinor: 4000, netMinor: 0, creditsUsed: 0 },
    });
  });

  test("the CSV has the same figures, money as plain decimals", async () => {
    const { stream, filename } = await revenueCsv(s.tenant, s.owner, march({ by: "instructor" }));
    expect(filename).toBe("revenue-by-instructor-2026-03-01-to-2026-03-31.csv");
    expect(await text(stream)).toBe(
      'Instructor,Payments,Taken,Refunds,Refunded,Net,Credits used,"Credits used, at list price",Currency\r\n' +
        "Not tied to an instructor,4,155.00,0,0.00,155.00,0,0.00,GBP\r\n" +
        "Priya Teach,2,23.00,1,3.00,20.00,2,10.00,GBP\r\n" +
        "Tom Train,1,40.00,1,40.00,0.00,0,0.00,GBP\r\n",
    );
  });
});

describe("net revenue over time", () => {
  test("one column per local day, the clock change and each location's midnight respected", async () => {
    const r = await revenueReport(s.tenant, s.owner, march());
    expect(r.grain).toBe("day");
    expect(r.overTime).toHaveLength(31);
    const nonZero = r.overTime.filter((b) => b.netMinor !== 0).map((b) => [b.start, b.netMinor]);
    expect(nonZero).toEqual([
      ["2026-03-05", 4500],
      ["2026-03-09", 4700],
      ["2026-03-10", 1500],
      ["2026-03-13", 800],
      ["2026-03-14", -300],
      ["2026-03-15", -4000],
      ["2026-03-31", 10300],
    ]);
    expect(r.overTime[0]).toEqual({ start: "2026-03-01", netMinor: 0, label: "1 Mar", short: "1 Mar" });
  });

  test("the 23-hour day in New York ends at its own midnight", async () => {
    const r = await revenueReport(
      s.tenant,
      s.owner,
      ask({ location: s.brooklyn.id, from: "2026-03-08", to: "2026-03-09" }),
    );
    expect(r.overTime.map((b) => [b.start, b.netMinor])).toEqual([
      ["2026-03-08", 0],
      ["2026-03-09", 4700],
    ]);
  });

  test("weeks from Monday over two months, months over a year", async () => {
    expect(grainFor("2026-03-01", "2026-05-01")).toBe("day");
    expect(grainFor("2026-03-01", "2026-05-02")).toBe("week");
    expect(grainFor("2026-01-01", "2027-01-01")).toBe("week");
    expect(grainFor("2026-01-01", "2027-01-02")).toBe("month");
    const r = await revenueReport(s.tenant, s.owner, ask({ from: "2026-02-23", to: "2026-05-03" }));
    expect(r.grain).toBe("week");
    expect(r.overTime.slice(0, 3)).toEqual([
      // 23 Feb to 1 Mar: £5 in Camden on 28 February, £6 in Brooklyn on 28 February (EST).
      { start: "2026-02-23", netMinor: 1100, label: "Week of 23 Feb", short: "23 Feb" },
      { start: "2026-03-02", netMinor: 4500, label: "Week of 2 Mar", short: "2 Mar" },
      { start: "2026-03-09", netMinor: 4700 + 1500 + 800 - 300 - 4000, label: "Week of 9 Mar", short: "9 Mar" },
    ]);
    const year = await revenueReport(s.tenant, s.owner, ask({ from: "2026-01-01", to: "2027-03-31" }));
    expect(year.grain).toBe("month");
    expect(year.overTime.slice(1, 4).map((b) => [b.label, b.netMinor])).toEqual([
      ["Feb 2026", 1100],
      ["Mar 2026", 17500],
      ["Apr 2026", -2800],
    ]);
  });
});

describe("outstanding credits", () => {
  test("per package at list price, what expires within 30 days, and March's unused credits", async () => {
    const r = await creditsReport(s.tenant, s.owner, march());
    expect(r.packages).toEqual([
      {
        key: s.tenPack.id,
        label: "Ten classes",
        clients: 1,
        credits: 9,
        valueMinor: 9000,
        expiringSoon: 0,
        expiringSoonMinor: 0,
        expired: 10,
        expiredMinor: 10000,
      },
      {
        key: s.fivePack.id,
        label: "Five classes",
        clients: 1,
        credits: 5,
        valueMinor: 4500,
        expiringSoon: 5,
        expiringSoonMinor: 4500,
        expired: 0,
        expiredMinor: 0,
      },
      {
        key: "studio",
        label: "Given by the studio",
        clients: 1,
        credits: 2,
        valueMinor: 0,
        expiringSoon: 0,
        expiringSoonMinor: 0,
        expired: 0,
        expiredMinor: 0,
      },
    ]);
    expect(r.totals).toMatchObject({
      clients: 3,
      credits: 16,
      valueMinor: 13500,
      expiringSoon: 5,
      expiringSoonMinor: 4500,
      expired: 10,
      expiredMinor: 10000,
    });
  });

  test("a manager counts the clients of their locations: home there or booked there", async () => {
    // Ella booked PT in Brooklyn; Chloé's Brooklyn booking was cancelled, so she is not Brooklyn's.
    const nina = await creditsReport(s.tenant, s.nina, march());
    expect(nina.packages.map((p) => [p.label, p.credits, p.expired])).toEqual([["Ten classes", 0, 10]]);
    // Shoreditch: Chloé lives there, Ella too.
    const marcus = await creditsReport(s.tenant, s.staff.manager, march());
    expect(marcus.packages.map((p) => [p.label, p.credits, p.expired])).toEqual([
      ["Five classes", 5, 0],
      ["Ten classes", 0, 10],
    ]);
  });

  test("the CSV", async () => {
    const { stream, filename } = await creditsCsv(s.tenant, s.staff.finance, march());
    expect(filename).toBe("credits-2026-03-01-to-2026-03-31.csv");
    expect((await text(stream)).split("\r\n")).toEqual([
      "Package,Clients holding,Credits outstanding,Value at list price,Expiring in 30 days,Value expiring in 30 days,Expired unused in period,Value expired unused,Currency",
      "Ten classes,1,9,90.00,0,0.00,10,100.00,GBP",
      "Five classes,1,5,45.00,5,45.00,0,0.00,GBP",
      "Given by the studio,1,2,0.00,0,0.00,0,0.00,GBP",
      "",
    ]);
  });
});

describe("payments and refunds", () => {
  test("by method and by day, on each location's clock", async () => {
    const r = await paymentsSummary(s.tenant, s.staff.finance, march());
    expect(r.totals).toMatchObject({
      payments: 7,
      takenMinor: 21800,
      feesMinor: 150,
      refunds: 2,
      refundedMinor: 4300,
      netMinor: 17500,
    });
    expect(r.byMethod.map((m) => [m.label, m.payments, m.takenMinor, m.refunds, m.refundedMinor, m.netMinor])).toEqual([
      ["Cash", 3, 2500, 0, 0, 2500],
      ["Card online", 3, 15300, 1, 300, 15000],
      ["Card terminal", 1, 4000, 1, 4000, 0],
    ]);
    expect(r.byDay.map((d) => [d.day, d.payments, d.takenMinor, d.refunds, d.refundedMinor])).toEqual([
      ["2026-03-05", 1, 4500, 0, 0],
      ["2026-03-09", 2, 4700, 0, 0],
      ["2026-03-10", 1, 1500, 0, 0],
      ["2026-03-13", 1, 800, 0, 0],
      ["2026-03-14", 0, 0, 1, 300],
      ["2026-03-15", 0, 0, 1, 4000],
      ["2026-03-31", 2, 10300, 0, 0],
    ]);
    expect(r.fullList).toBe(true);
  });

  test("a manager: their location only, and no link to every payment", async () => {
    const r = await paymentsSummary(s.tenant, s.nina, march());
    expect(r.totals).toMatchObject({ payments: 3, takenMinor: 5000, refundedMinor: 4000 });
    expect(r.fullList).toBe(false);
  });

  test("the CSV has a line per payment and refund, oldest first, across pages", async () => {
    const { stream, filename } = await paymentLinesCsv(s.tenant, s.owner, march(), 2);
    expect(filename).toBe("payments-and-refunds-2026-03-01-to-2026-03-31.csv");
    const lines = (await text(stream)).split("\r\n");
    const p = s.payments;
    expect(lines).toEqual([
      "Date,Time,Type,Client,What,Location,Method,Amount,Fee,Currency,Payment id,Refund id",
      `2026-03-05,12:00,Payment,Chloé Martin,Five classes,Studio-wide (online),Card online,45.00,0.00,GBP,${p.fivePackOnline.id},`,
      `2026-03-09,00:30,Payment,Ella Novak,Grip socks,Brooklyn,Cash,7.00,0.00,GBP,${p.brooklynAfterClockChange.id},`,
      `2026-03-09,10:00,Payment,Ella Novak,PT 1:1,Brooklyn,Card terminal,40.00,0.00,GBP,${p.pt.id},`,
      `2026-03-10,17:00,Payment,Amara Okafor,"Yoga, Tue 10 Mar 18:00",Main,Cash,15.00,0.00,GBP,${p.yoga.id},`,
      `2026-03-13,09:00,Payment,Ben Hughes,"No-show fee: Yoga, Thu 12 Mar 18:00",Main,Card online,8.00,0.00,GBP,${p.noShowFee.id},`,
      `2026-03-14,10:00,Refund,Ben Hughes,"No-show fee: Yoga, Thu 12 Mar 18:00",Main,Card online,-3.00,0.00,GBP,${p.noShowFee.id},${s.refunds.noShowPartPending.id}`,
      `2026-03-15,08:00,Refund,Ella Novak,PT 1:1,Brooklyn,Card terminal,-40.00,0.00,GBP,${p.pt.id},${s.refunds.ptFull.id}`,
      `2026-03-31,23:59,Payment,Amara Okafor,Ten classes,Main,Card online,100.00,1.50,GBP,${p.tenPack.id},`,
      `2026-03-31,23:30,Payment,Ella Novak,Towel,Brooklyn,Cash,3.00,0.00,GBP,${p.brooklynLastEvening.id},`,
      "",
    ]);
  });
});
