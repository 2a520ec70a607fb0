import type { LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, test } from "vitest";
import { expectDocumented } from "~/services/api-reference/contract.test-helper";
import { signIn } from "~/services/identity/auth.server";
import type { Tenant } from "~/services/tenancy/tenant.server";
import type { User } from "~db/schema/tenant";
import { peopleStudio } from "../../test/people-report-fixtures";
import * as instructorsApi from "./api.reports.instructors";
import * as locationsApi from "./api.reports.locations";
import * as instructorsPage from "./reports.instructors";
import * as instructorsCsv from "./reports.instructors[.]csv";
import * as locationsPage from "./reports.locations";
import * as locationsCsv from "./reports.locations[.]csv";

/** The people reports over HTTP: the API's JSON, the CSV downloads and the pages, by role. */

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;

async function get(loader: Loader, tenant: Tenant, as: User | null, path: string): Promise<Response> {
  const host = `${tenant.studio.slug}.localhost`;
  const cookie = as ? ((await signIn(tenant, as)).headers.get("set-cookie") ?? "").split(";")[0] : undefined;
  const request = new Request(`http://${host}${path}`, { headers: { host, ...(cookie ? { cookie } : {}) } });
  try {
    const result = await loader({ request, params: {}, context: { requestId: "t", clientIp: "127.0.0.1" } });
    return result instanceof Response ? result : Response.json(result);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const MARCH = "from=2026-03-01&to=2026-03-31";

describe("GET /api/reports/instructors and /api/reports/locations", () => {
  test("the owner gets every figure as JSON; the CSVs hold the same", async () => {
    const s = await peopleStudio();
    const owner = s.staff.owner;
    const instructors = await get(instructorsApi.loader, s.tenant, owner, `/api/reports/instructors?${MARCH}`);
    expect(instructors.status).toBe(200);
    await expectDocumented(instructors, "get", "/api/reports/instructors");
    const body = (await instructors.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      period: { from: "2026-03-01", to: "2026-03-31" },
      location: "all",
      rebookWindowDays: 30,
    });
    expect(body.instructors).toEqual([
      expect.objectContaining({ name: "Priya Teach", sessions: 1, classes: 2, attended: 4, noShows: 2 }),
      expect.objectContaining({ name: "Sam Cover", classes: 1, attended: 1, unmarked: 1, attendanceRate: 1 }),
      expect.objectContaining({ name: "Tom Train", sessions: 4, attended: 3, noShows: 1, rebookingRate: 0.3333 }),
    ]);
    const locations = await get(locationsApi.loader, s.tenant, owner, `/api/reports/locations?${MARCH}`);
    await expectDocumented(locations, "get", "/api/reports/locations");
    expect(await locations.json()).toMatchObject({
      currency: s.tenant.studio.currency,
      locations: [
        { name: "London", netRevenueMinor: 3500, bookingsMade: 9, attended: 5, utilisation: 0.2, activeClients: 3 },
        { name: "New York", netRevenueMinor: 4000, bookingsMade: 4, attended: 3, utilisation: 0.375, activeClients: 2 },
        { locationId: null, netRevenueMinor: 2500, newClients: 1 },
      ],
      total: { netRevenueMinor: 10000, activeClients: 4, attendanceRate: 0.7273 },
    });

    const csv = await get(instructorsCsv.loader, s.tenant, owner, `/reports/instructors.csv?${MARCH}`);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe(
      'attachment; filename="instructors-2026-03-01-to-2026-03-31.csv"',
    );
    expect((await csv.text()).split("\r\n")).toEqual([
      "Instructor,1:1 sessions,Classes taught,Class places filled,Class places offered,Attended,No-shows,Attendance rate (%),Not marked yet,Late cancellations,Clients who attended,Rebooked within 30 days,Rebooking rate (%)",
      "Priya Teach,1,2,5,18,4,2,66.7,0,1,3,2,66.7",
      "Sam Cover,0,1,2,10,1,0,100,1,0,1,0,0",
      "Tom Train,4,0,0,0,3,1,75,0,0,3,1,33.3",
      "",
    ]);
    const locationsText = await (
      await get(locationsCsv.loader, s.tenant, owner, `/reports/locations.csv?${MARCH}`)
    ).text();
    expect(locationsText).toContain("\r\nLondon,80.00,45.00,35.00,9,4,1,5,2,71.4,4,20,20,1,3\r\n");
    expect(locationsText).toContain("\r\nTotal,145.00,45.00,100.00,13,4,1,8,3,72.7,7,28,25,3,4\r\n");
  });

  test("a manager's answers cover their location only", async () => {
    const s = await peopleStudio();
    const asked = `/api/reports/locations?${MARCH}&location=${s.london.id}`;
    const locations = (await (await get(locationsApi.loader, s.tenant, s.staff.manager, asked)).json()) as {
      locations: { name: string }[];
    };
    expect(locations.locations.map((l) => l.name)).toEqual(["New York"]);
    const instructors = await get(
      instructorsApi.loader,
      s.tenant,
      s.staff.manager,
      `/api/reports/instructors?${MARCH}`,
    );
    expect(await instructors.json()).toMatchObject({
      instructors: [{ name: "Priya Teach", attendedClients: 2, rebookedClients: 1, rebookingRate: 0.5 }],
    });
  });

  test("finance, the front desk and instructors are refused; nobody signed in is a 401; a bad period a 400", async () => {
    const s = await peopleStudio();
    const apis = [
      [instructorsApi.loader, "/api/reports/instructors"],
      [locationsApi.loader, "/api/reports/locations"],
    ] as const;
    for (const [loader, path] of apis) {
      for (const who of [s.staff.finance, s.staff.receptionist, s.staff.priya]) {
        const refused = await get(loader, s.tenant, who, `/api/reports/x?${MARCH}`);
        expect(refused.status).toBe(403);
        await expectDocumented(refused, "get", path);
        expect(await refused.json()).toMatchObject({ code: "INSUFFICIENT_PERMISSIONS" });
      }
      expect((await get(loader, s.tenant, null, "/api/reports/x")).status).toBe(401);
      const bad = await get(loader, s.tenant, s.staff.owner, "/api/reports/x?from=2026-03-31&to=2026-03-01");
      expect(bad.status).toBe(400);
      await expectDocumented(bad, "get", path);
      expect(await bad.json()).toMatchObject({ code: "INVALID_PERIOD" });
    }
    for (const loader of [instructorsPage.loader, locationsPage.loader, instructorsCsv.loader, locationsCsv.loader]) {
      for (const who of [s.staff.finance, s.staff.receptionist, s.staff.tom]) {
        expect((await get(loader, s.tenant, who, `/reports/x?${MARCH}`)).status).toBe(403);
      }
    }
  });

  test("the pages show the figures, in words where they are rates", async () => {
    const s = await peopleStudio();
    const page = await get(instructorsPage.loader, s.tenant, s.staff.owner, `/reports/instructors?${MARCH}`);
    expect(await page.json()).toMatchObject({
      csv: "/reports/instructors.csv?location=all&from=2026-03-01&to=2026-03-31",
      instructors: [
        { name: "Priya Teach", places: "5 of 18", attendance: "66.7%", rebooked: "66.7% (2 of 3)" },
        { name: "Sam Cover", attendance: "100%", rebooked: "0% (0 of 1)" },
        { name: "Tom Train", attendance: "75%", places: "0 of 0", rebooked: "33.3% (1 of 3)" },
      ],
    });
    const compared = await get(locationsPage.loader, s.tenant, s.staff.owner, `/reports/locations?${MARCH}`);
    expect(await compared.json()).toMatchObject({
      lines: [
        { name: "London", net: "£35.00", cancellations: "4 (1 late)", utilisation: "20% (4 of 20)" },
        { name: "New York", net: "£40.00", attendance: "75%", utilisation: "37.5% (3 of 8)" },
        { name: "No location", net: "£25.00", attendance: "–" },
      ],
      total: { name: "Total", taken: "£145.00", refunded: "£45.00", net: "£100.00", activeClients: 4 },
    });
  });
});
