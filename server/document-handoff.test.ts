import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { describe, expect, it } from "vitest";

// patches/@remix-run+server-runtime and @remix-run+react: the loader data handed to Remix's
// scripts is encoded only when a page reads it (renders <Scripts>); client pages served without
// them skip the encoding.
function buildWith(entry: (context: Record<string, unknown>) => Promise<Response>): ServerBuild {
  const route = (id: string, parentId: string | undefined, path: string | undefined, loader: () => unknown) => ({
    id,
    parentId,
    path,
    index: undefined,
    caseSensitive: undefined,
    module: { default: () => null, loader },
  });
  const manifestRoute = (id: string, parentId: string | undefined, path: string | undefined) => ({
    id,
    parentId,
    path,
    module: `/${id}.js`,
    hasLoader: true,
    hasAction: false,
    hasClientLoader: false,
    hasClientAction: false,
    hasErrorBoundary: false,
  });
  return {
    mode: "production",
    basename: "/",
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    isSpaMode: false,
    future: { v3_singleFetch: true },
    entry: {
      module: {
        default: (_request: Request, _status: number, _headers: Headers, context: Record<string, unknown>) =>
          entry(context),
      },
    },
    routes: {
      root: route("root", undefined, "", () => ({ studio: "Busy Studio" })),
      page: route("page", "root", "classes", () => ({ classes: ["Vinyasa Flow", "Yin Yoga"] })),
    },
    assets: {
      url: "/build/manifest.js",
      version: "1",
      entry: { module: "/entry.js", imports: [] },
      routes: { root: manifestRoute("root", undefined, ""), page: manifestRoute("page", "root", "classes") },
    },
  } as unknown as ServerBuild;
}

describe("the loader data handed to Remix's scripts", () => {
  it("is not encoded for a page that never reads it", async () => {
    let encoded: unknown = "not looked at";
    const handle = createRequestHandler(
      buildWith(async (context) => {
        encoded = Object.getOwnPropertyDescriptor(context, "serverHandoffStream")?.get ? "not yet" : "already";
        return new Response("<p>page</p>", { headers: { "Content-Type": "text/html" } });
      }),
    );
    const response = await handle(new Request("http://busy.localhost/classes"));
    expect(response.status).toBe(200);
    expect(encoded).toBe("not yet");
  });

  it("is every route's loader data once a page reads it, read as often as asked", async () => {
    let first: unknown;
    let again: unknown;
    const handle = createRequestHandler(
      buildWith(async (context) => {
        first = context.serverHandoffStream;
        again = context.serverHandoffStream;
        return new Response(first as ReadableStream, { headers: { "Content-Type": "text/x-script" } });
      }),
    );
    const text = await (await handle(new Request("http://busy.localhost/classes"))).text();
    expect(again).toBe(first);
    expect(text).toContain("Busy Studio");
    expect(text).toContain("Vinyasa Flow");
  });
});
