// The job worker of bench:messages, in a process of its own as in production (`npm run worker`).
// It loads, says so, and starts the real worker (jobs/boss.ts) when the bench says "go", so two
// of them start together. Its providers hand nothing on: they tell the bench, over IPC, which
// message was handed over and when, and answer at once.
import type { Providers } from "../app/services/messages/delivery.server";
import { closeDatabase } from "../db/client";
import { startWorker, type WorkerOptions } from "../jobs/boss";
import { createLogger } from "../server/log";

export type WorkerReport =
  | { type: "loaded" }
  | { type: "started" }
  | { type: "handed"; items: [messageId: string, at: number][] }
  | { type: "stopped" };
export type WorkerCommand = { type: "go" } | { type: "stop" };

const send = (report: WorkerReport, done?: () => void) => process.send?.(report, undefined, undefined, done);
// Wall-clock milliseconds with a fraction, comparable between the bench and its workers.
const now = () => performance.timeOrigin + performance.now();

let handed: [string, number][] = [];
const flush = () => {
  if (handed.length === 0) return;
  send({ type: "handed", items: handed });
  handed = [];
};
// One IPC message per few milliseconds, not one per hand-over.
const flushing = setInterval(flush, 5);

const handOver = async (messageId: string) => {
  handed.push([messageId, now()]);
  return { providerMessageId: `bench-${messageId}` };
};
const providers: Providers = {
  email: { name: "bench-email", sendEmail: (email) => handOver(email.messageId) },
  sms: { name: "bench-sms", sendSms: (sms) => handOver(sms.messageId) },
};

const options = JSON.parse(process.env.BENCH_WORKER_OPTIONS ?? "{}") as WorkerOptions;
const url = process.env.DATABASE_URL as string;
let worker: Awaited<ReturnType<typeof startWorker>> | undefined;

process.on("message", async (command: WorkerCommand) => {
  if (command.type === "go") {
    worker = await startWorker(url, createLogger("warn"), { ...options, providers });
    send({ type: "started" });
  } else {
    await worker?.stop();
    await closeDatabase();
    clearInterval(flushing);
    flush();
    send({ type: "stopped" }, () => process.exit(0));
  }
});
send({ type: "loaded" });
