import { defineConfig } from "@playwright/test";

export const PORT = Number(process.env.E2E_PORT ?? 3100);
/** The e2e server's secret for Infobip's replies, which e2e/messages.spec.ts posts as Infobip would. */
export const SMS_INBOUND_SECRET = "e2e-sms-inbound-secret-at-least-24-characters";
/** The fake Stripe e2e/serve.ts starts beside the app (specs post to it to expire a payment page). */
export const STRIPE_PORT = Number(process.env.E2E_STRIPE_PORT ?? PORT + 1000);

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  // Journeys run two or three browsers on a 2-core runner with both projects in parallel: the
  // longer ones (PAR-Q, packages, the sign-in lock-out) took 29-32 s there, so 30 s was a coin toss.
  timeout: 60_000,
  expect: { timeout: 7_000 },
  use: {
    baseURL: `http://localhost:${PORT}`,
    // Recording a trace of every test costs CPU the journeys need on a 2-core runner: in CI only
    // a retried test records one (the failure that matters), locally every failure keeps its own.
    trace: process.env.CI ? "on-first-retry" : "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        // Offline by design: only loopback resolves, so a page that reaches out fails loudly.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE *.localhost, EXCLUDE 127.0.0.1",
      ],
    },
  },
  projects: [
    { name: "js", use: { javaScriptEnabled: true } },
    { name: "nojs", use: { javaScriptEnabled: false } },
  ],
  webServer: {
    // The built app on a fresh embedded database, seeded with the demo studio.
    command: "node_modules/.bin/tsx e2e/serve.ts",
    url: `http://localhost:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    env: {
      PORT: String(PORT),
      NODE_ENV: "production",
      APP_DOMAIN: "localhost",
      APP_PROTOCOL: "http",
      APP_PUBLIC_PORT: String(PORT),
      SESSION_SECRET: "e2e-session-secret-at-least-32-characters",
      LOG_LEVEL: "warn",
      SMS_INBOUND_SECRET,
      E2E_STRIPE_PORT: String(STRIPE_PORT),
      STRIPE_SECRET_KEY: "sk_test_e2e",
      STRIPE_API_BASE: `http://127.0.0.1:${STRIPE_PORT}`,
      STRIPE_WEBHOOK_SECRET: "whsec_e2e_at_least_24_characters",
      // Every test's setup calls the API from one address; the limit itself is server/rate-limit.test.ts's.
      API_RATE_BURST: "100000",
    },
  },
});
