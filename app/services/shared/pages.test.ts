import { describe, expect, test } from "vitest";
import { nextPageLink, PageQuerySchema, pageOf, pageWindow, slicePage } from "./pages";

describe("the API's pages", () => {
  test("page 1 of 50 by default; bad numbers are refused with a reason", () => {
    expect(PageQuerySchema.parse({})).toEqual({ page: 1, perPage: 50 });
    expect(PageQuerySchema.parse({ page: "3", perPage: "10" })).toEqual({ page: 3, perPage: 10 });
    for (const bad of [{ page: "0" }, { page: "x" }, { perPage: "201" }, { perPage: "1.5" }]) {
      expect(PageQuerySchema.safeParse(bad).success).toBe(false);
    }
  });

  test("one row more than a page says another follows", () => {
    expect(pageWindow({ page: 3, perPage: 10 })).toEqual({ offset: 20, limit: 11 });
    const rows = Array.from({ length: 11 }, (_, i) => i);
    expect(pageOf(rows, { page: 3, perPage: 10 })).toEqual({
      items: rows.slice(0, 10),
      pagination: { page: 3, perPage: 10, hasMore: true, nextPage: 4 },
    });
    expect(pageOf(rows.slice(0, 10), { page: 3, perPage: 10 }).pagination).toEqual({
      page: 3,
      perPage: 10,
      hasMore: false,
      nextPage: null,
    });
  });

  test("a whole list is sliced the same way", () => {
    const all = Array.from({ length: 5 }, (_, i) => i);
    expect(slicePage(all, { page: 2, perPage: 2 })).toEqual({
      items: [2, 3],
      pagination: { page: 2, perPage: 2, hasMore: true, nextPage: 3 },
    });
    expect(slicePage(all, { page: 3, perPage: 2 }).items).toEqual([4]);
    expect(slicePage(all, { page: 9, perPage: 2 })).toEqual({
      items: [],
      pagination: { page: 9, perPage: 2, hasMore: false, nextPage: null },
    });
  });

  test("the next page's link keeps the other filters", () => {
    const link = nextPageLink("https://a.example/api/bookings?status=confirmed&page=1", {
      page: 1,
      perPage: 2,
      hasMore: true,
      nextPage: 2,
    });
    expect(link).toEqual({ Link: '</api/bookings?status=confirmed&page=2&perPage=2>; rel="next"' });
    expect(nextPageLink("https://a.example/api/x", { page: 1, perPage: 2, hasMore: false, nextPage: null })).toEqual(
      {},
    );
  });
});
