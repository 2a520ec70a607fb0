import { availableParallelism } from "node:os";
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

  test("one web process unless asked: a number, or auto for one per core", () => {
    expect(parseEnv({}).WEB_CONCURRENCY).toBe(1);
    expect(parseEnv({ WEB_CONCURRENCY: "2" }).WEB_CONCURRENCY).toBe(2);
    expect(parseEnv({ WEB_CONCURRENCY: "auto" }).WEB_CONCURRENCY).toBe(availableParallelism());
    for (const bad of ["0", "-1", "two", "1.5", "65"]) {
      expect(() => parseEnv({ WEB_CONCURRENCY: bad })).toThrowError(/WEB_CONCURRENCY: must be "auto" or a number/);
    }
  });

  test("a short session secret is refused", () => {
    expect(() => parseEnv({ SESSION_SECRET: "short" })).toThrowError(/SESSION_SECRET: must be at least 32 characters/);
  });

  test("message providers are off by default, with Elastic Email's API root and a 10 s timeout", () => {
    const env = parseEnv({});
    expect(env.ELASTIC_EMAIL_API_KEY).toBeUndefined();
    expect(env.INFOBIP_API_KEY).toBeUndefined();
    expect(env.ELASTIC_EMAIL_API_URL).toBe("https://api.elasticemail.com/v4");
    expect(env.INFOBIP_SENDER).toBe("Wondrous");
    expect(env.MESSAGE_PROVIDER_TIMEOUT_MS).toBe(10_000);
  });

  test("a provider key without its address is named", () => {
    let error: unknown;
    try {
      parseEnv({ ELASTIC_EMAIL_API_KEY: "ee-key", INFOBIP_API_KEY: "ib-key" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as Error).message;
    expect(message).toMatch(/ELASTIC_EMAIL_FROM: is required with ELASTIC_EMAIL_API_KEY/);
    expect(message).toMatch(/INFOBIP_BASE_URL: is required with INFOBIP_API_KEY/);
    expect(message).not.toMatch(/ee-key|ib-key/);
  });

  test("provider settings are checked", () => {
    expect(() => parseEnv({ ELASTIC_EMAIL_FROM: "studios" })).toThrowError(
      /ELASTIC_EMAIL_FROM: must be an email address/,
    );
    expect(() => parseEnv({ INFOBIP_SENDER: "Harbour Yoga Studio" })).toThrowError(/INFOBIP_SENDER:/);
    expect(() => parseEnv({ INFOBIP_BASE_URL: "https://x.api.infobip.com/sms?x=1" })).toThrowError(/INFOBIP_BASE_URL:/);
    expect(() => parseEnv({ MESSAGE_PROVIDER_TIMEOUT_MS: "0" })).toThrowError(/MESSAGE_PROVIDER_TIMEOUT_MS:/);
    expect(() =>
      parseEnv({
        NODE_ENV: "production",
        SESSION_SECRET: "x".repeat(32),
        INFOBIP_BASE_URL: "http://x.api.infobip.com",
      }),
    ).toThrowError(/INFOBIP_BASE_URL: must be https in production/);
    const env = parseEnv({ INFOBIP_BASE_URL: "xxxxx.api.infobip.com", INFOBIP_SENDER: "+447860099299" });
    expect(env.INFOBIP_BASE_URL).toBe("xxxxx.api.infobip.com");
  });
});
