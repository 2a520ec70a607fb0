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
