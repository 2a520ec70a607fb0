import { matchRoutes } from "@remix-run/router";
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
