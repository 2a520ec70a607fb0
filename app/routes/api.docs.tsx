import type { LoaderFunctionArgs } from "@remix-run/node";
import { renderToStaticMarkup } from "react-dom/server";
import { ApiReference, type ReferenceDocument } from "~/components/api-reference";
import { openApiDocument } from "~/services/api-reference/document.server";
import stylesheet from "~/styles/app.css";

// Rendered once per address: the document only changes with a deploy, and 0.5 MB of markup
// costs tens of milliseconds of CPU to render.
const rendered = new Map<string, string>();

/**
 * GET /api/docs — the API reference as one server-rendered page: no script, nothing to
 * hydrate (so no second copy of the document in the page), readable on a phone.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const origin = new URL(request.url).origin;
  let html = rendered.get(origin);
  if (!html) {
    const document = openApiDocument(origin) as unknown as ReferenceDocument;
    html = `<!DOCTYPE html>${renderToStaticMarkup(<ApiReference document={document} stylesheet={stylesheet} />)}`;
    if (rendered.size < 100) rendered.set(origin, html);
  }
  return new Response(html, {
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}
