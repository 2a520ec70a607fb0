import { beforeAll, describe, expect, test } from "vitest";
import { exportLinesPage } from "~/models/payment-report.server";
import { database } from "~db/client";
import { juneStudio } from "../../../test/payment-report-fixtures";
import { CSV_HEADER, paymentsCsv, paymentsReport, reportPeriod } from "./report.server";

let s: Awaited<ReturnType<typeof juneStudio>>;
beforeAll(async () => {
  s = await juneStudio();
});

const june = new URLSearchParams({ from: "2026-06-01", to: "2026-06-30" });

describe("the period", () => {
  test("runs from midnight to midnight on the studio's clock, summer time included", () => {
    const p = reportPeriod(june, "Europe/London");
    expect(p).toEqual({
      from: "2026-06-01",
      to: "2026-06-30",
      start: new Date("2026-05-31T23:00:00Z"),
      end: new Date("2026-06-30T23:00:00Z"),
      error: null,
    });
  });

  test("defaults to this month; nonsense or a backwards period says so and shows this month", () => {
    const now = new Date("2026-12-05T10:00:00Z");
    const month = { from: "2026-12-01", to: "2026-12-31" };
    expect(reportPeriod(new URLSearchParams(), "Europe/London", now)).toMatchObject({ ...month, error: null });
    expect(reportPeriod(new URLSearchParams({ from: "2026-02-30", to: "x" }), "Europe/London", now)).toMatchObject({
      ...month,
      error: "Enter both days as dates.",
    });
    expect(
      reportPeriod(new URLSearchParams({ from: "2026-06-02", to: "2026-06-01" }), "Europe/London", now),
    ).toMatchObject({ ...month, error: "The last day comes before the first." });
  });
});

describe("the payments report", () => {
  test("totals: only payments that went through, refunds not failed, per method, summed exactly", async () => {
    const report = await paymentsReport(s.tenant, s.staff.finance, june);
    expect(report.totals.all).toEqual({
      count: 3,
      refunds: 1,
      taken: "£76.00",
      refunded: "£19.50",
      net: "£56.50",
      fees: "£1.13",
    });
    expect(report.totals.byMethod).toEqual([
      {
        method: "online_card",
        label: "Card online",
        count: 1,
        refunds: 1,
        taken: "£39.00",
        refunded: "£19.50",
        net: "£19.50",
        fees: "£1.13",
      },
      {
        method: "cash",
        label: "Cash",
        count: 1,
        refunds: 0,
        taken: "£12.00",
        refunded: "£0.00",
        net: "£12.00",
        fees: "£0.00",
      },
      {
        method: "terminal",
        label: "Card terminal",
        count: 1,
        refunds: 0,
        taken: "£25.00",
        refunded: "£0.00",
        net: "£25.00",
        fees: "£0.00",
      },
    ]);
  });

  test("lists every payment of the period newest first with its status, none from either side", async () => {
    const report = await paymentsReport(s.tenant, s.staff.owner, june);
    expect(report.payments.map((p) => [p.description, p.status, p.amount])).toEqual([
      ["Private session", "Paid", "£25.00"],
      ['Mat hire, "large", towel', "Paid", "£12.00"],
      ["Paying now", "Processing", "£9.00"],
      ["Abandoned", "Expired", "£18.00"],
      ["Declined", "Failed", "£15.00"],
      ["Ten classes", "Refunded £19.50", "£39.00"],
    ]);
    expect(report.payments.at(-1)?.when).toBe("Monday 1 June 2026, 00:30");
    expect(report.payments[0]?.when).toBe("Tuesday 30 June 2026, 23:59");
  });

  test("a day at the edge: 1 July alone holds only the desk card paid at midnight", async () => {
    const report = await paymentsReport(
      s.tenant,
      s.staff.owner,
      new URLSearchParams({ from: "2026-07-01", to: "2026-07-01" }),
    );
    expect(report.payments.map((p) => p.description)).toEqual(["July pass"]);
    expect(report.totals.all).toMatchObject({ count: 1, taken: "£10.00", net: "£10.00" });
  });

  test("only the owner and the finance manager see it", async () => {
    for (const who of [s.staff.receptionist, s.staff.manager, s.staff.instructor, s.clients.amara]) {
      await expect(paymentsReport(s.tenant, who, june)).rejects.toMatchObject({ name: "Forbidden" });
      await expect(paymentsCsv(s.tenant, who, june)).rejects.toMatchObject({ name: "Forbidden" });
    }
  });
});

describe("the CSV export", () => {
  test("a stream of a header, then a line per payment and per refund, oldest first, quoted", async () => {
    const { stream, filename } = await paymentsCsv(s.tenant, s.staff.finance, june, 2);
    expect(stream).toBeInstanceOf(ReadableStream);
    expect(filename).toBe("payments-2026-06-01-to-2026-06-30.csv");
    // Read piece by piece, as the response sends it: the header, then one piece per page of two.
    const reader = stream.getReader();
    const pieces: Uint8Array[] = [];
    for (let read = await reader.read(); !read.done; read = await reader.read()) pieces.push(read.value);
    expect(pieces).toHaveLength(5);
    const text = pieces.map((p) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(p)).join("");
    const lines = text.split("\r\n");
    expect(lines[0]).toBe(`\uFEFF${CSV_HEADER.join(",")}`);
    const { online, cash, terminal, failed, expired, open } = s.payments;
    expect(lines.slice(1)).toEqual([
      `2026-06-01,00:30,Payment,Amara Okafor,Ten classes,Card online,39.00,1.13,19.50,GBP,Refunded £19.50,${online.id},,,,`,
      `2026-06-10,13:00,Payment,Amara Okafor,Declined,Card online,15.00,0.00,0.00,GBP,Failed,${failed.id},,,,`,
      `2026-06-11,13:00,Payment,Chloé Martin,Abandoned,Card online,18.00,0.00,0.00,GBP,Expired,${expired.id},,,,`,
      `2026-06-12,13:00,Payment,Amara Okafor,Paying now,Card online,9.00,0.00,0.00,GBP,Processing,${open.id},,,,`,
      `2026-06-15,11:00,Payment,Chloé Martin,"Mat hire, ""large"", towel",Cash,12.00,0.00,0.00,GBP,Paid,${cash.id},,,,`,
      `2026-06-20,10:00,Refund,Amara Okafor,Ten classes,Card online,-19.50,0.00,19.50,GBP,Refunded,${online.id},${s.partial.id},,,`,
      `2026-06-21,10:00,Refund,Chloé Martin,"Mat hire, ""large"", towel",Cash,-5.00,0.00,5.00,GBP,Refund failed,${cash.id},${s.failedRefund.id},,,`,
      `2026-06-30,23:59,Payment,Amara Okafor,Private session,Card terminal,25.00,0.00,0.00,GBP,Paid,${terminal.id},,,,`,
      "",
    ]);
  });

  test("pages follow each other by key: every line once however small the page", async () => {
    const period = reportPeriod(june, "Europe/London");
    const seen: string[] = [];
    let cursor = null;
    for (;;) {
      const page = await exportLinesPage(database(), s.tenant, period, cursor, 3);
      seen.push(...page.map((l) => l.id));
      const last = page.at(-1);
      if (!last || page.length < 3) break;
      cursor = { at: last.cursorAt, id: last.id };
    }
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
  });
});
