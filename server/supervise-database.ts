import type { EmbeddedDatabase } from "../db/embedded";
import type { Logger } from "./log";

// A crashed server usually comes back at the first try; waiting longer after each failed try
// gives orphaned backends time to go. Five restarts within a minute, failed or not, means it
// will not stay up: the process exits so that whatever runs it (Fly, systemd, a terminal) can
// see it and act.
const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 4_000;
const MAX_RESTARTS = 5;
const WINDOW_MS = 60_000;

/**
 * Watches the embedded PostgreSQL of `npm start` and starts it again when it dies (kill -9,
 * out of memory). The app's pool reconnects by itself once the server is back.
 */
export function superviseDatabase(embedded: EmbeddedDatabase, options: { log: Logger; giveUp: () => void }) {
  const { log } = options;
  let watching = true;
  let timer: NodeJS.Timeout | undefined;
  let attempt: Promise<void> | undefined;
  const restarts: number[] = [];
  let failures = 0;
  let downSince = 0;

  const scheduleRestart = () => {
    if (!watching) return;
    const now = Date.now();
    while (restarts.length > 0 && (restarts[0] as number) <= now - WINDOW_MS) restarts.shift();
    if (restarts.length >= MAX_RESTARTS) {
      log.error("embedded PostgreSQL did not stay up; exiting", { restarts: restarts.length, windowMs: WINDOW_MS });
      options.giveUp();
      return;
    }
    const delayMs = Math.min(FIRST_DELAY_MS * 2 ** failures, MAX_DELAY_MS);
    restarts.push(now);
    const recentRestarts = restarts.length;
    timer = setTimeout(() => {
      timer = undefined;
      attempt = embedded
        .restart()
        .then(
          () => {
            failures = 0;
            log.warn("embedded PostgreSQL restarted", { recentRestarts, delayMs, downMs: Date.now() - downSince });
          },
          (error: unknown) => {
            failures += 1;
            const message = error instanceof Error ? error.message : String(error);
            log.error("embedded PostgreSQL restart failed", { recentRestarts, delayMs, error: message });
            scheduleRestart();
          },
        )
        .finally(() => {
          attempt = undefined;
        });
    }, delayMs);
  };

  embedded.onExit(({ code, signal }) => {
    if (!watching) return;
    downSince = Date.now();
    log.error("embedded PostgreSQL exited", { code, signal });
    scheduleRestart();
  });

  return {
    /** No more restarts: the process is shutting down (Ctrl-C also reaches postgres itself). */
    stopWatching() {
      watching = false;
      clearTimeout(timer);
    },
    async stop() {
      this.stopWatching();
      await attempt;
      await embedded.stop();
    },
  };
}
