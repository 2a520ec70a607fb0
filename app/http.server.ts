import { Forbidden, NotFound } from "~/services/shared/errors";

/**
 * Runs a page loader's or action's work: a service's Forbidden or NotFound becomes the 403 or
 * 404 response the root error boundary renders inside the studio's chrome.
 *
 * Call it inside `export async function loader`, never as `export const loader = wrap(...)`:
 * the classic compiler strips loader functions from the browser bundle but would keep (and run)
 * a top-level call, whose `.server` import is empty in the browser.
 */
export async function withPageErrors<Result>(work: () => Promise<Result>): Promise<Result> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Forbidden) throw new Response(error.message, { status: 403, statusText: "Forbidden" });
    if (error instanceof NotFound) throw new Response(error.message, { status: 404, statusText: "Not Found" });
    throw error;
  }
}
