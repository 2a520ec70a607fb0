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
await import("../server/start");
