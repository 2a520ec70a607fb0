import { createRequire } from "node:module";
import { matchPath, matchRoutes } from "@remix-run/router";
import { createStaticRouter } from "react-router-dom/server";
import { describe, expect, it } from "vitest";

// patches/@remix-run+router: the server ranks its route tree once, not on every request.
describe("route matching on the server", () => {
  it("ranks a route tree once and reuses the ranking", () => {
    const routes = [{ id: "root", path: "/", children: [{ id: "schedule", path: "schedule" }] }];
    expect(matchRoutes(routes, "/schedule")?.map((m) => m.route.id)).toEqual(["root", "schedule"]);
    // The same tree again: a ranking computed afresh would see the renamed path.
    (routes[0]?.children[0] as { path: string }).path = "timetable";
    expect(matchRoutes(routes, "/schedule")?.map((m) => m.route.id)).toEqual(["root", "schedule"]);
    // A new tree is ranked on its own.
    expect(matchRoutes([...routes], "/timetable")?.map((m) => m.route.id)).toEqual(["root", "schedule"]);
  });
});

// patches/@remix-run+router: each route pattern compiled once; patches/react-router-dom and
// @remix-run+react: a render reuses the route tree it converted before.
describe("route patterns compiled once", () => {
  it("gives each match its own params, whatever was matched before", () => {
    const first = matchPath("/schedule/:occurrenceId", "/schedule/a");
    const second = matchPath("/schedule/:occurrenceId", "/schedule/b");
    expect(first?.params).toEqual({ occurrenceId: "a" });
    expect(second?.params).toEqual({ occurrenceId: "b" });
    expect(first?.params).not.toBe(second?.params);
  });

  it("keeps case sensitivity and matching to the end apart", () => {
    expect(matchPath({ path: "/Classes", caseSensitive: false, end: true }, "/classes")).not.toBeNull();
    expect(matchPath({ path: "/Classes", caseSensitive: true, end: true }, "/classes")).toBeNull();
    expect(matchPath({ path: "/classes", end: true }, "/classes/new")).toBeNull();
    expect(matchPath({ path: "/classes", end: false }, "/classes/new")?.pathnameBase).toBe("/classes");
    expect(matchPath({ path: "/classes", end: true }, "/classes/new")).toBeNull();
  });
});

describe("the static router of a render", () => {
  const context = (routes: Parameters<typeof createStaticRouter>[0]) =>
    ({
      basename: "/",
      location: { pathname: "/schedule", search: "", hash: "", state: null, key: "default" },
      matches: matchRoutes(routes, "/schedule") ?? [],
      loaderData: {},
      actionData: null,
      errors: null,
      statusCode: 200,
      loaderHeaders: {},
      actionHeaders: {},
      activeDeferreds: null,
      _deepestRenderedBoundaryId: null,
    }) as Parameters<typeof createStaticRouter>[1];

  it("converts a route tree once and matches into that conversion", () => {
    const routes = [{ id: "root", path: "/", children: [{ id: "schedule", path: "schedule" }] }];
    const first = createStaticRouter(routes, context(routes));
    const second = createStaticRouter(routes, context(routes));
    expect(second.routes).toBe(first.routes);
    expect(second.state.matches.map((m) => m.route)).toEqual([first.routes[0], first.routes[0]?.children?.[0]]);
    // Another tree is converted on its own.
    const other = [{ id: "root", path: "/", children: [{ id: "schedule", path: "schedule", caseSensitive: true }] }];
    expect(createStaticRouter(other, context(other)).routes).not.toBe(first.routes);
  });
});

// patches/@remix-run+router: branches whose first segment is another fixed word are passed over.
describe("matching passes over branches that start with another word", () => {
  const routes = [
    {
      id: "root",
      path: "",
      children: [
        { id: "home", index: true },
        { id: "schedule", path: "schedule" },
        { id: "class", path: "schedule/:occurrenceId" },
        { id: "roster", path: "schedule/:occurrenceId/roster" },
        { id: "exact", path: "API/Docs", caseSensitive: true },
        { id: "sitemap", path: "sitemap.xml" },
        { id: "page", path: ":slug" },
        { id: "lang", path: ":lang/schedule" },
        { id: "layout", children: [{ id: "clients", path: "clients" }] },
        { id: "missing", path: "*" },
      ],
    },
  ];
  const leaf = (path: string) => matchRoutes(routes, path)?.at(-1)?.route.id;

  it.each([
    ["/", "home"],
    ["/schedule", "schedule"],
    ["/schedule/", "schedule"],
    ["/SCHEDULE", "schedule"],
    ["/schedule/abc", "class"],
    ["/Schedule/abc/roster", "roster"],
    ["/API/Docs", "exact"],
    ["/api/docs", "missing"],
    ["/sitemap.xml", "sitemap"],
    ["/sitemapxxml", "page"],
    ["/schedules", "page"],
    ["/en/schedule", "lang"],
    ["/clients", "clients"],
    ["/café", "page"],
    ["/a/b/c", "missing"],
  ])("%s matches %s", (path, id) => {
    expect(leaf(path)).toBe(id);
  });

  it("reads the params of the branch it matched", () => {
    expect(matchRoutes(routes, "/schedule/abc")?.at(-1)?.params).toEqual({ occurrenceId: "abc" });
    expect(matchRoutes(routes, "/en/schedule")?.at(-1)?.params).toEqual({ lang: "en" });
  });
});

// patches/@remix-run+router: the matches of a recently asked path are remembered per route tree.
describe("a path matched again", () => {
  const routes = [
    {
      id: "root",
      path: "/",
      children: [
        { id: "schedule", path: "schedule" },
        { id: "class", path: "schedule/:occurrenceId" },
        { id: "roster", path: "schedule/:occurrenceId/roster/:clientId" },
      ],
    },
  ];

  it("gives the same matches, each answer its own copy with one params object of its own", () => {
    const first = matchRoutes(routes, "/schedule/abc/roster/c1");
    const second = matchRoutes(routes, "/schedule/abc/roster/c1");
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    expect(second?.map((m) => m.route)).toEqual([routes[0], routes[0]?.children[2]]);
    expect(second?.[0]).not.toBe(first?.[0]);
    expect(second?.[0]?.params).not.toBe(first?.[0]?.params);
    // As the router builds them: the matches of one answer share their params.
    expect(second?.[1]?.params).toBe(second?.[0]?.params);
  });

  it("keeps what one caller writes into its matches from the next", () => {
    const first = matchRoutes(routes, "/schedule/abc") ?? [];
    (first[1]?.params as Record<string, string>).occurrenceId = "changed";
    (first[1]?.params as Record<string, string>).added = "x";
    (first[1] as { pathname: string }).pathname = "/elsewhere";
    first.pop();
    const second = matchRoutes(routes, "/schedule/abc");
    expect(second?.map((m) => m.route.id)).toEqual(["root", "class"]);
    expect(second?.[1]?.params).toEqual({ occurrenceId: "abc" });
    expect(second?.[1]?.pathname).toBe("/schedule/abc");
  });

  it("reads each path's own params, in any order and past the paths it remembers", () => {
    const ids = Array.from({ length: 2500 }, (_, i) => `occ-${i}`);
    for (const id of ids) expect(matchRoutes(routes, `/schedule/${id}`)?.at(-1)?.params).toEqual({ occurrenceId: id });
    for (const id of [ids[0], ids[2499], ids[1200], ids[0]]) {
      expect(matchRoutes(routes, `/schedule/${id}`)?.at(-1)?.params).toEqual({ occurrenceId: id });
    }
    expect(matchRoutes(routes, "/schedule/a%20b")?.at(-1)?.params).toEqual({ occurrenceId: "a b" });
    expect(matchRoutes(routes, "/schedule/a%20b/roster/c")?.at(-1)?.params).toEqual({
      occurrenceId: "a b",
      clientId: "c",
    });
  });

  it("remembers a path that matches nothing as nothing, and strips a basename first", () => {
    expect(matchRoutes(routes, "/nowhere/at/all")).toBeNull();
    expect(matchRoutes(routes, "/nowhere/at/all")).toBeNull();
    expect(matchRoutes(routes, "/studio/schedule/x", "/studio")?.at(-1)?.params).toEqual({ occurrenceId: "x" });
    expect(matchRoutes(routes, "/schedule/x", "/studio")).toBeNull();
    expect(matchRoutes(routes, "/schedule/x")?.at(-1)?.params).toEqual({ occurrenceId: "x" });
  });

  it("remembers per tree: another tree with the same paths answers with its own routes", () => {
    const other = [{ id: "other-root", path: "/", children: [{ id: "other-class", path: "schedule/:id" }] }];
    expect(matchRoutes(routes, "/schedule/same")?.map((m) => m.route.id)).toEqual(["root", "class"]);
    expect(matchRoutes(other, "/schedule/same")?.map((m) => m.route.id)).toEqual(["other-root", "other-class"]);
    expect(matchRoutes(other, "/schedule/same")?.at(-1)?.params).toEqual({ id: "same" });
  });
});

// patches/@remix-run+router: the patched matching (the ranking kept, branches passed over by
// their leading words, paths remembered) answers as the package's own unpatched build does.
describe("matching as the unpatched router matches", () => {
  const unpatched = createRequire(import.meta.url)("@remix-run/router/dist/router.umd.js") as {
    matchRoutes: typeof matchRoutes;
  };
  // Shaped as Remix builds the app's routes: nested /api parents with parameter children.
  const tree = () => [
    {
      id: "root",
      path: "",
      children: [
        { id: "home", index: true },
        {
          id: "api.bookings",
          path: "api/bookings",
          children: [
            { id: "api.bookings.session", path: "session" },
            { id: "api.bookings.$id", path: ":id" },
            { id: "api.bookings.$id.cancel", path: ":id/cancel" },
          ],
        },
        { id: "api.classes", path: "api/classes", children: [{ id: "api.classes.$id", path: ":id" }] },
        { id: "api.clients.me", path: "api/clients/me" },
        { id: "api.docs", path: "api/docs", caseSensitive: true },
        { id: "api.v2", path: "api/v2.0/status" },
        { id: "api.export", path: "api/Export/CSV" },
        { id: "api.optional", path: "api/reports/:year?/summary" },
        { id: "files", path: "files/*" },
        { id: "healthz", path: "healthz" },
        { id: "schedule", path: "schedule", children: [{ id: "schedule.$id", path: ":occurrenceId" }] },
        { id: "layout", children: [{ id: "clients", path: "clients/:clientId/notes" }] },
        { id: "slug", path: ":slug" },
        { id: "missing", path: "*" },
      ],
    },
  ];
  const patched = tree();
  const reference = tree();

  it.each([
    "/",
    "/api/bookings",
    "/api/bookings/",
    "/api/bookings/session",
    "/API/Bookings/Session",
    "/api/bookings/abc",
    "/api/bookings/abc/",
    "/api/bookings/abc/cancel",
    "/api/bookings/abc/cancel/more",
    "/api//bookings/abc",
    "//api/bookings/abc",
    "/api/bookings//abc",
    "/api/bookingsx/abc",
    "/api/booking/abc",
    "/api/classes/abc",
    "/api/clients/me",
    "/api/clients/ME",
    "/api/clients",
    "/api/docs",
    "/api/Docs",
    "/api/v2.0/status",
    "/api/v2x0/status",
    "/api/export/csv",
    "/API/EXPORT/Csv",
    "/api/reports/summary",
    "/api/reports/2026/summary",
    "/api/%62ookings/abc",
    "/api/bookings/a%2Fb",
    "/api/bookings/caf%C3%A9",
    "/api/boo%E2%84%AAings/abc",
    "/files",
    "/files/a/b/c",
    "/healthz",
    "/healthz/",
    "/schedule/abc",
    "/clients/c1/notes",
    "/clients/c1",
    "/café",
    "/anything",
    "/a/b/c",
  ])("%s", (path) => {
    const ours = matchRoutes(patched, path);
    const theirs = unpatched.matchRoutes(reference, path);
    const shape = (matches: typeof ours) =>
      matches ? matches.map((m) => [m.route.id, m.params, m.pathname, m.pathnameBase]) : null;
    expect(shape(ours)).toEqual(shape(theirs));
    expect(shape(matchRoutes(patched, path))).toEqual(shape(theirs));
  });
});
