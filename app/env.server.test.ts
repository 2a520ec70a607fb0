import { describe, expect, test } from "vitest";
import { EnvError, parseEnv } from "./env.server";

describe("environment", () => {
  test("development runs with defaults", () => {
    const env = parseEnv({ NODE_ENV: "development" });
    expect(env.PORT).toBe(3000);
    expect(env.APP_DOMAIN).toBe("localhost");
    expect(env.SESSION_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  test("production without SESSION_SECRET names the variable", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrowError(/SESSION_SECRET: is required in production/);
  });

  test("malformed values are named, all at once", () => {
    let error: unknown;
    try {
      parseEnv({ PORT: "eighty", DATABASE_URL: "mysql://x", APP_DOMAIN: "https://wondrous.app" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as Error).message;
    expect(message).toMatch(/PORT:/);
    expect(message).toMatch(/DATABASE_URL: must be a postgres:\/\/ URL/);
    expect(message).toMatch(/APP_DOMAIN: must be a bare host name/);
  });

  test("a short session secret is refused", () => {
    expect(() => parseEnv({ SESSION_SECRET: "short" })).toThrowError(/SESSION_SECRET: must be at least 32 characters/);
  });
});
