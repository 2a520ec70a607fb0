import { defineConfig } from "drizzle-kit";

// Tenant schema, generated against the `tenant_template` schema (see db/migrator.ts).
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/tenant-template.ts",
  out: "./db/migrations/tenant",
  schemaFilter: ["tenant_template"],
});
