// npm run worker: the background process (its own Fly process group), sharing the web app's
// database. Stops gracefully on SIGTERM so a deploy never cuts a job in half.
import { createLogger } from "../server/log";
import { startWorker } from "./boss";

const log = createLogger((process.env.LOG_LEVEL as "info" | undefined) ?? "info");
const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write("DATABASE_URL is not set: the worker shares the web app's database.\n");
  process.exit(1);
}

const worker = await startWorker(url, log, { deliveryReportSecret: process.env.SMS_DELIVERY_REPORT_SECRET });
const stop = async (signal: string) => {
  log.info("worker stopping", { signal });
  await worker.stop();
  process.exit(0);
};
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
