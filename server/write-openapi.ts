import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { openApiDocument } from "~/services/api-reference/document.server";

// Writes the API's OpenAPI document to a file, for `redocly lint` (npm run lint:api) to check.
const file = process.argv[2] ?? "build/openapi.json";
mkdirSync(path.dirname(file), { recursive: true });
writeFileSync(file, JSON.stringify(openApiDocument("https://studio.wondrous.app"), null, 2));
console.log(`wrote ${file}`);
