import type { ActionFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, test } from "vitest";
import { clientCredits, grantCredits } from "~/services/credits/ledger.server";
import { signIn } from "~/services/identity/auth.server";
import { createClientsStudio } from "~/services/people/client-fixtures.test-helper";
import type { User } from "~db/schema/tenant";
import { action as creditsAction } from "./clients.$id_.credits";
import { action as newPackageAction } from "./packages.new";

/** The page forms posted straight to their actions, as a browser without JavaScript sends them. */
type Studio = Awaited<ReturnType<typeof createClientsStudio>>;
let s: Studio;

beforeAll(async () => {
  s = await createClientsStudio();
});

async function post(
  action: (args: ActionFunctionArgs) => Promise<unknown>,
  as: User,
  path: string,
  fields: Record<string, string>,
  params: Record<string, string> = {},
) {
  const host = `${s.tenant.studio.slug}.localhost`;
  const cookie = ((await signIn(s.tenant, as)).headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const request = new Request(`http://${host}${path}`, {
    method: "POST",
    headers: { host, cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
  try {
    const result = await action({ request, params, context: { requestId: "t", clientIp: "127.0.0.1" } });
    if (result instanceof Response) return { status: result.status, location: result.headers.get("location") };
    const { init, data } = result as { init?: { status?: number }; data: { result?: { error?: unknown } } };
    return { status: init?.status ?? 200, errors: data.result?.error };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status };
    throw thrown;
  }
}

describe("the client credits page's forms", () => {
  test("the front desk gives a number of credits, then adjusts; the reason is required", async () => {
    const { amara } = s.clients;
    const path = `/clients/${amara.id}/credits`;
    const params = { id: amara.id };
    const given = await post(
      creditsAction,
      s.staff.receptionist,
      path,
      { intent: "grant", packageId: "custom", credits: "4", validDays: "30", reason: "Paid cash" },
      params,
    );
    expect(given).toEqual({ status: 302, location: `${path}?done=granted` });
    const [grant] = (await clientCredits(s.tenant, s.staff.owner, amara.id)).grants;

    const noReason = await post(
      creditsAction,
      s.staff.receptionist,
      path,
      { intent: "adjust", grantId: grant!.id, delta: "-1" },
      params,
    );
    expect(noReason).toMatchObject({ status: 400, errors: { reason: ["Enter a reason"] } });

    const tooMany = await post(
      creditsAction,
      s.staff.receptionist,
      path,
      { intent: "adjust", grantId: grant!.id, delta: "-5", reason: "Oops" },
      params,
    );
    expect(tooMany).toMatchObject({
      status: 409,
      errors: { delta: ["That would take away more credits than the client has."] },
    });

    const adjusted = await post(
      creditsAction,
      s.staff.receptionist,
      path,
      { intent: "adjust", grantId: grant!.id, delta: "-1", reason: "Typo" },
      params,
    );
    expect(adjusted).toEqual({ status: 302, location: `${path}?done=adjusted` });
    expect((await clientCredits(s.tenant, s.staff.owner, amara.id)).balance).toBe(3);
  });

  test("an instructor who sees the client, or the client, cannot give; another client's grant is not found", async () => {
    const { amara, ella } = s.clients;
    const fields = { intent: "grant", packageId: "custom", credits: "50", validDays: "30", reason: "Free" };
    const params = { id: amara.id };
    expect(await post(creditsAction, s.staff.instructor, "/x", fields, params)).toEqual({ status: 403 });
    expect(await post(creditsAction, amara, "/x", fields, params)).toEqual({ status: 403 });

    const ellas = await grantCredits(s.tenant, s.staff.owner, {
      clientId: ella.id,
      credits: 1,
      validDays: 5,
      reason: "x",
    });
    const stray = await post(
      creditsAction,
      s.staff.owner,
      "/x",
      { intent: "adjust", grantId: ellas.id, delta: "5", reason: "Moving" },
      params,
    );
    expect(stray).toEqual({ status: 404 });
    expect((await clientCredits(s.tenant, s.staff.owner, amara.id)).balance).toBe(3);
  });
});

describe("the new package form", () => {
  test("field errors come back next to the fields; the front desk is refused", async () => {
    const bad = await post(newPackageAction, s.staff.owner, "/packages/new", {
      name: "",
      credits: "0",
      price: "12.345",
      validDays: "800",
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.errors as object).sort()).toEqual(["credits", "name", "price", "validDays"]);
    const fields = { name: "Pack", credits: "5", price: "50", validDays: "30", locationIds: s.camden.id };
    expect(await post(newPackageAction, s.staff.receptionist, "/packages/new", fields)).toEqual({ status: 403 });
    expect(await post(newPackageAction, s.staff.owner, "/packages/new", fields)).toEqual({
      status: 302,
      location: "/packages?saved=created",
    });
  });
});
