import { beforeAll, describe, expect, test } from "vitest";
import { expectDocumented } from "~/services/api-reference/contract.test-helper";
import { signIn } from "~/services/identity/auth.server";
import { createTestStudio } from "../../test/factories";
import { loader as browse, action as create } from "./api.services";
import { action as change, loader as show } from "./api.services.$id";

let studio: Awaited<ReturnType<typeof createTestStudio>>;
let cookie: string;
beforeAll(async () => {
  studio = await createTestStudio();
  cookie = (await signIn(studio.tenant, studio.owner)).headers.get("set-cookie")?.split(";")[0] ?? "";
});

function call(path: string, init: { method?: string; body?: unknown; key?: string; signedIn?: boolean } = {}) {
  const host = `${studio.tenant.studio.slug}.localhost`;
  const headers: Record<string, string> = { host, "content-type": "application/json" };
  if (init.signedIn !== false) headers.cookie = cookie;
  if (init.key) headers["idempotency-key"] = init.key;
  const request = new Request(`http://${host}${path}`, {
    method: init.method ?? "GET",
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const id = path.split("/")[3]?.split("?")[0] ?? "";
  return { request, params: { id }, context: { requestId: "t", clientIp: "127.0.0.1" } };
}

const mat = () => ({
  name: "Mat Pilates",
  type: "class",
  duration_minutes: 45,
  capacity: 10,
  price_minor: 1200,
  available_at_locations: [studio.location.id],
  booking_mode: "self_booking",
});

describe("the services API, against its description", () => {
  test("an owner creates a service once per key, reads, changes and archives it; anyone browses", async () => {
    const made = await create(call("/api/services", { method: "POST", body: mat(), key: "service-once-1" }));
    expect(made.status).toBe(201);
    const { service } = await expectDocumented(made, "post", "/api/services");
    const again = await create(call("/api/services", { method: "POST", body: mat(), key: "service-once-1" }));
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await again.json()).service.id).toBe(service.id);
    const reused = await create(
      call("/api/services", { method: "POST", body: { ...mat(), name: "Other" }, key: "service-once-1" }),
    );
    expect(reused.status).toBe(422);
    await expectDocumented(reused, "post", "/api/services");

    const listed = await browse(call("/api/services?type=class&perPage=1", { signedIn: false }));
    const page = await expectDocumented(listed, "get", "/api/services");
    expect(page.services.map((s: { id: string }) => s.id)).toEqual([service.id]);
    expect(page.pagination).toEqual({ page: 1, perPage: 1, hasMore: false, nextPage: null });

    await expectDocumented(
      await show(call(`/api/services/${service.id}`, { signedIn: false })),
      "get",
      "/api/services/{id}",
    );
    const patched = await change(
      call(`/api/services/${service.id}`, { method: "PATCH", body: { ...mat(), name: "Mat Pilates 45" } }),
    );
    expect((await expectDocumented(patched, "patch", "/api/services/{id}")).service.name).toBe("Mat Pilates 45");
    const archived = await change(call(`/api/services/${service.id}`, { method: "DELETE" }));
    expect(archived.status).toBe(200);
    await expectDocumented(archived, "delete", "/api/services/{id}");
    const gone = await show(call(`/api/services/${service.id}`, { signedIn: false }));
    expect(gone.status).toBe(404);
    await expectDocumented(gone, "get", "/api/services/{id}");
  });

  test("bad input, no credentials and a method the route does not take are answered as documented", async () => {
    const bad = await create(call("/api/services", { method: "POST", body: { ...mat(), duration_minutes: 1 } }));
    expect(bad.status).toBe(400);
    await expectDocumented(bad, "post", "/api/services");
    const anonymous = await create(call("/api/services", { method: "POST", body: mat(), signedIn: false }));
    expect(anonymous.status).toBe(401);
    await expectDocumented(anonymous, "post", "/api/services");
    const put = await change(call("/api/services/00000000-0000-4000-8000-000000000000", { method: "PUT", body: {} }));
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("GET, PATCH, DELETE");
  });
});
