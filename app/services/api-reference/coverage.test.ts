/// <reference types="vite/client" />
import { describe, expect, test } from "vitest";
import { openApiDocument } from "./document.server";
import { GUIDE_ROUTES } from "./guide-routes";
import { API_OPERATIONS } from "./operations";

type Handler = (args: { request: Request; params: Record<string, string>; context: unknown }) => Promise<Response>;
const modules = import.meta.glob<{ loader?: Handler; action?: Handler }>(
  ["../../routes/api.*.ts", "../../routes/api.*.tsx", "!../../routes/*.test.ts"],
  { eager: true },
);

/** `../../routes/api.bookings.$id.cancel.ts` → `/api/bookings/{id}/cancel`. */
function pathOf(file: string) {
  const name = file.replace("../../routes/", "").replace(/\.tsx?$/, "");
  // `[.]` is a literal dot in a route file's name (api.openapi[.]json); other dots are slashes.
  const parts = name.split(/(?<!\[)\.(?!\])/);
  return `/${parts.map((part) => (part.startsWith("$") ? `{${part.slice(1)}}` : part.replace("[.]", "."))).join("/")}`;
}

const METHODS = ["post", "put", "patch", "delete"] as const;

/**
 * What a route module answers: GET if it has a loader that does not refuse GET; each other
 * method if its action does not answer 405. Actions check the method before anything else
 * (`allowMethods`), so the probe needs no studio, no credentials and no body.
 */
async function servedMethods(file: string, module: { loader?: Handler; action?: Handler }) {
  const path = pathOf(file);
  const url = `http://probe.invalid${path.replace(/\{id\}/g, "00000000-0000-4000-8000-000000000000")}`;
  const params = { id: "00000000-0000-4000-8000-000000000000" };
  const served: string[] = [];
  const context = { requestId: "probe", clientIp: "127.0.0.1" };
  if (module.loader) {
    const response = await module.loader({ request: new Request(url), params, context }).catch((error) => error);
    if (!(response instanceof Response && response.status === 405)) served.push(`get ${path}`);
  }
  if (module.action) {
    for (const method of METHODS) {
      const request = new Request(url, {
        method: method.toUpperCase(),
        body: "{}",
        headers: { "content-type": "application/json" },
      });
      const response = await module.action({ request, params, context }).catch((error) => error);
      if (!(response instanceof Response && response.status === 405)) served.push(`${method} ${path}`);
    }
  }
  return served;
}

describe("the API document", () => {
  const documented = API_OPERATIONS.map((op) => `${op.method} ${op.path}`);

  test("describes every operation once", () => {
    expect(documented.length).toBe(new Set(documented).size);
  });

  test.each(Object.entries(modules).map(([file, module]) => [pathOf(file), file, module] as const))(
    "%s: the methods it answers are the methods described",
    async (path, file, module) => {
      const served = await servedMethods(file, module);
      expect(served.length, `${path} answers no method`).toBeGreaterThan(0);
      expect(documented.filter((operation) => operation.split(" ")[1] === path).sort()).toEqual(served.sort());
    },
  );

  test("describes no route that is not served", () => {
    const paths = new Set(Object.keys(modules).map(pathOf));
    expect(documented.filter((operation) => !paths.has(operation.split(" ")[1] ?? ""))).toEqual([]);
  });

  test("the guide's §8, the routes served and the document agree", () => {
    expect(GUIDE_ROUTES.filter((route) => !documented.includes(route))).toEqual([]);
  });

  test("builds as OpenAPI 3.1 with every operation, its errors and both credentials", () => {
    const document = openApiDocument("https://studio.example");
    expect(document.openapi).toBe("3.1.0");
    const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
      METHODS.concat()
        .concat(["get"] as never)
        .filter((m) => (item as Record<string, unknown>)[m])
        .map((m) => `${m} ${path}`),
    );
    expect(operations.sort()).toEqual([...documented].sort());
    expect(Object.keys(document.components?.securitySchemes ?? {}).sort()).toEqual(["bearer", "cookie"]);
  });
});
