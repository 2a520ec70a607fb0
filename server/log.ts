/** One JSON object per line: easy to grep here, easy to ship to a log store in production. */
export type LogLevel = "debug" | "info" | "warn" | "error";
const ORDER: Record<LogLevel | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** `every` goes on each line: a web process of several names itself (server/cluster.ts). */
export function createLogger(level: LogLevel | "silent" = "info", every: Record<string, unknown> = {}) {
  const write = (at: LogLevel, msg: string, fields: Record<string, unknown> = {}) => {
    if (ORDER[at] < ORDER[level]) return;
    const line = JSON.stringify({ time: new Date().toISOString(), level: at, msg, ...every, ...fields });
    (at === "error" || at === "warn" ? process.stderr : process.stdout).write(`${line}\n`);
  };
  return {
    debug: (msg: string, fields?: Record<string, unknown>) => write("debug", msg, fields),
    info: (msg: string, fields?: Record<string, unknown>) => write("info", msg, fields),
    warn: (msg: string, fields?: Record<string, unknown>) => write("warn", msg, fields),
    error: (msg: string, fields?: Record<string, unknown>) => write("error", msg, fields),
  };
}
export type Logger = ReturnType<typeof createLogger>;

type DatabaseError = { code?: unknown; constraint_name?: unknown; routine?: unknown };

/**
 * What may be logged of an error: its kind, the database's error code and constraint, the
 * statement's name and the stack frames. Never a failed query's text with its parameters
 * (names, emails, notes), nor a database message, which quotes the offending value.
 */
export function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: typeof error };
  const query = "query" in error && typeof error.query === "string" ? error.query : undefined;
  const database = databaseErrorOf(error);
  return {
    error: error.name,
    ...(query || database ? {} : { message: error.message }),
    ...(database ? { code: database.code, constraint: database.constraint_name, routine: database.routine } : {}),
    ...(query ? { statement: statementName(query) } : {}),
    stack: (error.stack ?? "")
      .split("\n")
      .filter((line) => line.startsWith("    at "))
      .slice(0, 12),
  };
}

/** postgres.js errors carry a five-character SQLSTATE; drizzle wraps them as the cause. */
function databaseErrorOf(error: Error): DatabaseError | undefined {
  for (const candidate of [error, error.cause]) {
    const code = (candidate as DatabaseError | undefined)?.code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return candidate as DatabaseError;
  }
  return undefined;
}

/** "insert users", "select bookings": enough to find the statement, nothing of its values. */
export function statementName(query: string) {
  const verb = query.trimStart().split(/\s/, 1)[0]?.toLowerCase() ?? "query";
  const table = query.match(/\b(?:from|into|update)\s+(?:"[^"]+"\.)?"([^"]+)"/i)?.[1];
  return table ? `${verb} ${table}` : verb;
}

/**
 * A URL as it may be logged: the path, and the names but not the values of its query (they
 * carry reset and invitation tokens, emails typed into a search). A calendar feed's path is
 * its secret, so it goes too.
 */
export function loggableUrl(url: string) {
  const parsed = new URL(url, "http://x");
  const path = parsed.pathname.replace(/^\/feeds\/[^/]+/, "/feeds/…");
  const keys = [...new Set(parsed.searchParams.keys())];
  return keys.length ? `${path}?${keys.map((key) => `${key}=…`).join("&")}` : path;
}
