import { z } from "zod";

/**
 * The API's one way to page a list: `?page=1&perPage=50` in, `pagination` out (and a `Link`
 * header with rel="next" while there is more). Pages are numbered from 1; `perPage` is 1–200.
 */
export const PageQuerySchema = z.object({
  page: z.coerce
    .number({ invalid_type_error: "page is a whole number from 1" })
    .int("page is a whole number from 1")
    .min(1, "page is a whole number from 1")
    .max(100_000, "page is at most 100000")
    .default(1),
  perPage: z.coerce
    .number({ invalid_type_error: "perPage is a whole number from 1 to 200" })
    .int("perPage is a whole number from 1 to 200")
    .min(1, "perPage is a whole number from 1 to 200")
    .max(200, "perPage is a whole number from 1 to 200")
    .default(50),
});
export type PageRequest = z.infer<typeof PageQuerySchema>;

export type Pagination = { page: number; perPage: number; hasMore: boolean; nextPage: number | null };

/** The rows to skip and read for a page: one more than a page, to know whether another follows. */
export function pageWindow({ page, perPage }: PageRequest) {
  return { offset: (page - 1) * perPage, limit: perPage + 1 };
}

/** A page from rows read with `pageWindow` (at most perPage + 1 of them). */
export function pageOf<Row>(rows: Row[], request: PageRequest): { items: Row[]; pagination: Pagination } {
  const hasMore = rows.length > request.perPage;
  return {
    items: hasMore ? rows.slice(0, request.perPage) : rows,
    pagination: { page: request.page, perPage: request.perPage, hasMore, nextPage: hasMore ? request.page + 1 : null },
  };
}

/** A page of a list that is already bounded and read whole (a day's classes, a studio's locations). */
export function slicePage<Row>(all: Row[], request: PageRequest) {
  const { offset, limit } = pageWindow(request);
  return pageOf(all.slice(offset, offset + limit), request);
}

/** `Link: <…?page=N+1>; rel="next"` for the page after this one, keeping the other query parameters. */
export function nextPageLink(requestUrl: string, pagination: Pagination): Record<string, string> {
  if (pagination.nextPage === null) return {};
  const url = new URL(requestUrl);
  url.searchParams.set("page", String(pagination.nextPage));
  url.searchParams.set("perPage", String(pagination.perPage));
  return { Link: `<${url.pathname}${url.search}>; rel="next"` };
}
