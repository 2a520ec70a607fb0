import type { LoaderFunctionArgs } from "@remix-run/node";
import { openApiDocument } from "~/services/api-reference/document.server";

// GET /api/openapi.json — the API's OpenAPI 3.1 description; anyone may read it.
export async function loader({ request }: LoaderFunctionArgs) {
  const document = openApiDocument(new URL(request.url).origin);
  return Response.json(document, { headers: { "Cache-Control": "public, max-age=300" } });
}
