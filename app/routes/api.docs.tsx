import type { LoaderFunctionArgs } from "@remix-run/node";
import { renderToStaticMarkup } from "react-dom/server";
import { ApiReference, type ReferenceDocument } from "~/components/api-reference";
import { openApiDocument } from "~/services/api-reference/document.server";
import stylesheet from "~/styles/app.css";

/**
 * GET /api/docs — the API reference as one server-rendered page: no script, nothing to
 * hydrate (so no second copy of the document in the page), readable on a phone.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const document = openApiDocument(new URL(request.url).origin) as unknown as ReferenceDocument;
  const html = `<!DOCTYPE html>${renderToStaticMarkup(<ApiReference document={document} stylesheet={stylesheet} />)}`;
  return new Response(html, {
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}
