import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { describe, expect, it } from "vitest";

// patches/@remix-run+server-runtime: a loader or action is handed the request itself when its URL
// has no query (Remix copied it twice per loader to strip ?index and ?_routes); with a query, the
// copy strips them as before.
type Seen = {
  request: Request;
  url: string;
  method: string;
  authorization: string | null;
  body?: unknown;
  signal: AbortSignal;
};

function buildSeeing(seen: Seen[]): ServerBuild {
  const look = async ({ request }: { request: Request }) => {
    seen.push({
      request,
      url: request.url,
      method: request.method,
      authorization: request.headers.get("authorization"),
      body: request.method === "POST" ? await request.json() : undefined,
      signal: request.signal,
    });
    return Response.json({ ok: true });
  };
  return {
    mode: "production",
    basename: "/",
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    isSpaMode: false,
    future: { v3_singleFetch: true },
    entry: { module: { default: () => new Response("document") } },
    routes: {
      root: { id: "root", path: "", module: { default: () => null } },
      thing: { id: "thing", parentId: "root", path: "api/things/:id", module: { loader: look, action: look } },
    },
    assets: { url: "/build/manifest.js", version: "1", entry: { module: "/entry.js", imports: [] }, routes: {} },
  } as unknown as ServerBuild;
}

describe("the request a loader or action is handed", () => {
  it("is the request as it came, with its headers and a signal that aborts with it", async () => {
    const seen: Seen[] = [];
    const handle = createRequestHandler(buildSeeing(seen));
    const controller = new AbortController();
    const request = new Request("http://busy.localhost/api/things/abc", {
      headers: { authorization: "Bearer one" },
      signal: controller.signal,
    });
    expect((await handle(request)).status).toBe(200);
    expect(seen[0]).toMatchObject({
      url: "http://busy.localhost/api/things/abc",
      method: "GET",
      authorization: "Bearer one",
    });
    expect(seen[0]?.signal.aborted).toBe(false);
    expect(seen[0]?.request).toBe(request);
    controller.abort();
    expect(seen[0]?.signal.aborted).toBe(true);
  });

  it("reads an action's body", async () => {
    const seen: Seen[] = [];
    const handle = createRequestHandler(buildSeeing(seen));
    const request = new Request("http://busy.localhost/api/things/abc", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer two" },
      body: JSON.stringify({ spots: 2 }),
    });
    expect((await handle(request)).status).toBe(200);
    expect(seen[0]).toMatchObject({ method: "POST", authorization: "Bearer two", body: { spots: 2 } });
  });

  it("strips ?index and ?_routes from a query as before, and keeps the rest", async () => {
    const seen: Seen[] = [];
    const handle = createRequestHandler(buildSeeing(seen));
    await handle(new Request("http://busy.localhost/api/things/abc?index&_routes=root&day=a%20b&index=keep"));
    await handle(new Request("http://busy.localhost/api/things/abc?"));
    await handle(new Request("http://busy.localhost/api/things/abc?day=1"));
    expect(seen.map((s) => s.url)).toEqual([
      "http://busy.localhost/api/things/abc?day=a+b&index=keep",
      "http://busy.localhost/api/things/abc",
      "http://busy.localhost/api/things/abc?day=1",
    ]);
  });

  it("keeps each request's own url and headers apart", async () => {
    const seen: Seen[] = [];
    const handle = createRequestHandler(buildSeeing(seen));
    await Promise.all(
      ["a", "b", "c"].map((id) =>
        handle(new Request(`http://busy.localhost/api/things/${id}`, { headers: { authorization: `Bearer ${id}` } })),
      ),
    );
    expect(seen.map((s) => [s.url, s.authorization]).sort()).toEqual([
      ["http://busy.localhost/api/things/a", "Bearer a"],
      ["http://busy.localhost/api/things/b", "Bearer b"],
      ["http://busy.localhost/api/things/c", "Bearer c"],
    ]);
  });
});
