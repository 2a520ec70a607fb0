// Starts the real app for Playwright on a fresh embedded database, removed again on exit.
import { rmSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

const dir = path.join(os.tmpdir(), `wondrous-e2e-${process.pid}-${Date.now()}`);
await mkdir(dir, { recursive: true, mode: 0o755 });
process.env.WONDROUS_DATA_DIR = path.join(dir, "pg");
process.env.WONDROUS_THROWAWAY_DB = "1";
delete process.env.DATABASE_URL;
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));

// Stripe is played by a local fake (the official SDK talks to it): its Checkout and onboarding
// pages are plain forms, and completing them posts signed webhooks to this app, as Stripe would.
const { fakeStripe } = await import("../app/services/payments/fake-stripe.test-helper");
const appPort = Number(process.env.PORT);
await fakeStripe({
  port: Number(process.env.E2E_STRIPE_PORT),
  webhookUrl: `http://127.0.0.1:${appPort}/api/payments/webhooks/stripe`,
  webhookSecret: process.env.STRIPE_WEBHOOK_SECRET,
});
await import("../server/start");
