import { defineConfig } from "drizzle-kit";

// Control schema (`public`). Tenant tables have their own config: drizzle.tenant.config.ts.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/control.ts",
  out: "./db/migrations/control",
});
