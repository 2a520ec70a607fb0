import { expect, test } from "@playwright/test";
import {
  clientPages,
  closeConnections,
  FIRST_ROUND_TRIP_BYTES,
  measurePage,
  signIn,
  studioTarget,
} from "../bench/pages-measure";
import { PORT } from "../playwright.config";

// The HTML and the CSS that paints it fit one initial TCP congestion window, so a client page
// paints after the first round trip even on a weak signal. HTTP only: one project runs it.
test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "HTTP only: the js project covers it");
test.afterAll(closeConnections);

test("every client page's first paint (brotli HTML + the CSS it links) fits in 14 KB", async () => {
  const target = studioTarget(`http://localhost:${PORT}`);
  const cookie = await signIn(target);
  // The schedule is measured on the demo's busiest day of the coming week.
  for (const page of await clientPages(target, cookie)) {
    const bytes = await measurePage(target, page.path, page.signedIn ? cookie : undefined);
    expect
      .soft(bytes.firstPaint, `${page.name} (${page.path}): HTML ${bytes.html} + CSS ${bytes.css} bytes`)
      .toBeLessThanOrEqual(FIRST_ROUND_TRIP_BYTES);
  }
});
