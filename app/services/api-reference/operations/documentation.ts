import { z } from "zod";
import type { ApiOperation } from "../operation";

export const DOCUMENTATION_OPERATIONS: ApiOperation[] = [
  {
    method: "get",
    path: "/api/openapi.json",
    tag: "Documentation",
    summary: "This document",
    description: "The OpenAPI 3.1 description of every route, built from the schemas the routes validate with.",
    access: "public",
    responses: {
      200: { description: "The OpenAPI document.", schema: z.object({ openapi: z.literal("3.1.0") }).passthrough() },
    },
    errors: [],
  },
  {
    method: "get",
    path: "/api/docs",
    tag: "Documentation",
    summary: "The reference, to read",
    description: "This document as a page: every operation, its parameters, body, answers and errors.",
    access: "public",
    responses: { 200: { description: "An HTML page.", contentType: "text/html" } },
    errors: [],
  },
];
