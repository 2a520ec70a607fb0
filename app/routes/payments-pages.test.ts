import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, test } from "vitest";
import { signIn } from "~/services/identity/auth.server";
import type { User } from "~db/schema/tenant";
import { juneStudio } from "../../test/payment-report-fixtures";
import { loader as ownPaymentsLoader } from "./account_.payments";
import { loader as clientLoader } from "./clients.$id";
import { loader as reportLoader } from "./payments._index";
import { loader as csvLoader } from "./payments[.]csv";

/** The payments pages fetched as a browser would, signed in as each role. */
let s: Awaited<ReturnType<typeof juneStudio>>;
beforeAll(async () => {
  s = await juneStudio();
});

async function get(
  loader: (args: LoaderFunctionArgs) => Promise<unknown>,
  as: User,
  path: string,
  params: Record<string, string> = {},
) {
  const host = `${s.tenant.studio.slug}.localhost`;
  const cookie = ((await signIn(s.tenant, as)).headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const request = new Request(`http://${host}${path}`, { headers: { host, cookie } });
  try {
    return {
      status: 200,
      result: await loader({ request, params, context: { requestId: "t", clientIp: "127.0.0.1" } }),
    };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, result: thrown };
    throw thrown;
  }
}

const JUNE = "?from=2026-06-01&to=2026-06-30";

describe("/payments and its CSV", () => {
  test("the owner and the finance manager see the period's totals", async () => {
    for (const who of [s.staff.owner, s.staff.finance]) {
      const { status, result } = await get(reportLoader, who, `/payments${JUNE}`);
      expect(status).toBe(200);
      expect((result as { totals: { all: unknown } }).totals.all).toMatchObject({ count: 3, net: "£56.50" });
    }
  });

  test("the CSV is a streamed attachment", async () => {
    const { status, result } = await get(csvLoader, s.staff.finance, `/payments.csv${JUNE}`);
    expect(status).toBe(200);
    const response = result as Response;
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      'attachment; filename="payments-2026-06-01-to-2026-06-30.csv"',
    );
    expect(response.body).toBeInstanceOf(ReadableStream);
    const text = await response.text();
    expect(text.split("\r\n")).toHaveLength(10);
  });

  test("the front desk, managers, instructors and clients are refused both", async () => {
    const { receptionist, manager, instructor } = s.staff;
    for (const who of [receptionist, manager, instructor, s.clients.amara]) {
      expect((await get(reportLoader, who, `/payments${JUNE}`)).status).toBe(403);
      expect((await get(csvLoader, who, `/payments.csv${JUNE}`)).status).toBe(403);
    }
  });
});

describe("a client's own payments", () => {
  test("each client sees theirs alone, newest first, with where each stands", async () => {
    const mine = async (who: User) =>
      (
        (await get(ownPaymentsLoader, who, "/account/payments")).result as {
          payments: { what: string; status: string }[];
        }
      ).payments;
    expect((await mine(s.clients.amara)).map((p) => [p.what, p.status])).toEqual([
      ["July pass", "Paid"],
      ["Private session", "Paid"],
      ["Paying now", "Processing"],
      ["Declined", "Failed"],
      ["Ten classes", "Refunded £19.50"],
    ]);
    expect((await mine(s.clients.chloe)).map((p) => p.what)).toEqual([
      'Mat hire, "large", towel',
      "Abandoned",
      "May pass",
    ]);
    expect(await mine(s.clients.ben)).toEqual([]);
  });
});

describe("payments on a client's page", () => {
  test("shown to staff who take payments at the client's location, not to an instructor", async () => {
    const { amara } = s.clients;
    const view = async (who: User) =>
      (await get(clientLoader, who, `/clients/${amara.id}`, { id: amara.id })).result as {
        payments: { payments: { what: string; amount: string }[] } | null;
      };
    expect((await view(s.staff.receptionist)).payments?.payments.map((p) => p.what)).toEqual([
      "July pass",
      "Private session",
      "Paying now",
      "Declined",
      "Ten classes",
    ]);
    expect((await view(s.staff.owner)).payments?.payments).toHaveLength(5);
    expect((await view(s.staff.instructor)).payments).toBeNull();
  });
});
