import type { LoaderFunctionArgs } from "@remix-run/node";
import { strFromU8, unzipSync } from "fflate";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, test } from "vitest";
import { signIn } from "~/services/identity/auth.server";
import { createClientsStudio } from "~/services/people/client-fixtures.test-helper";
import type { User } from "~db/schema/tenant";
import { loader as pageLoader } from "./export";
import { loader as zipLoader } from "./export[.]zip";

/** The export page and its archive fetched as a browser would, signed in as each role or not at all. */
let s: Awaited<ReturnType<typeof createClientsStudio>>;
beforeAll(async () => {
  s = await createClientsStudio();
});

async function get(loader: (args: LoaderFunctionArgs) => Promise<unknown>, as: User | null, path: string) {
  const host = `${s.tenant.studio.slug}.localhost`;
  const cookie = as ? (((await signIn(s.tenant, as)).headers.get("set-cookie") ?? "").split(";")[0] ?? "") : "";
  const request = new Request(`http://${host}${path}`, { headers: { host, cookie } });
  try {
    return {
      status: 200,
      result: await loader({ request, params: {}, context: { requestId: "t", clientIp: "127.0.0.1" } }),
    };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, result: thrown };
    throw thrown;
  }
}

describe("/export and /export.zip", () => {
  test("the owner sees what the archive holds", async () => {
    const { status, result } = await get(pageLoader, s.staff.owner, "/export");
    expect(status).toBe(200);
    const page = result as { files: { name: string }[] };
    expect(page.files.map((f) => f.name)).toContain("bookings.csv");
  });

  test("the owner downloads a ZIP, streamed, named after the studio and the day", async () => {
    const { status, result } = await get(zipLoader, s.staff.owner, "/export.zip");
    expect(status).toBe(200);
    const response = result as Response;
    expect(response.headers.get("content-type")).toBe("application/zip");
    const day = DateTime.now().setZone("Europe/London").toISODate();
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="${s.tenant.studio.slug}-export-${day}.zip"`,
    );
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.body).toBeInstanceOf(ReadableStream);
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    expect(strFromU8(files["clients.csv"]!)).toContain("Chloé Martin");
  });

  test("managers, finance, the front desk, instructors and clients are refused both", async () => {
    const { manager, finance, receptionist, instructor } = s.staff;
    for (const who of [manager, finance, receptionist, instructor, s.clients.amara]) {
      expect((await get(pageLoader, who, "/export")).status).toBe(403);
      expect((await get(zipLoader, who, "/export.zip")).status).toBe(403);
    }
  });

  test("without a session both send the browser to sign in", async () => {
    for (const [loader, path] of [
      [pageLoader, "/export"],
      [zipLoader, "/export.zip"],
    ] as const) {
      const { status, result } = await get(loader, null, path);
      expect(status).toBe(302);
      expect((result as Response).headers.get("location")).toMatch(/^\/login\?redirectTo=%2Fexport/);
    }
  });
});
