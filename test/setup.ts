import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.SESSION_SECRET ??= "test-session-secret-that-is-long-enough";
process.env.LOG_LEVEL = "silent";
