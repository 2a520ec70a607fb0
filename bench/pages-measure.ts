// What a client's phone downloads for each client page: the bytes the running server sends
// (compressed as Chromium asks), split into HTML, CSS and JavaScript. Shared by
// `npm run bench:pages` and the e2e specs that hold the pages to their budget.
import http from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";

/** Where the demo studio answers: requests go to `address:port` and name the studio in Host. */
export type Target = { address: string; port: number; host: string };

/** About one initial TCP congestion window (ten segments of ~1.4 KB): what arrives in the first round trip. */
export const FIRST_ROUND_TRIP_BYTES = 14 * 1024;

/** What Chromium sends. */
export const BROWSER_ENCODINGS = "gzip, deflate, br, zstd";

export const DEMO_CLIENT = { email: "amara@demo.test", password: "demo-password-2026" };

/** The studio `slug` on a server at `base` (http://localhost:3000): Node cannot resolve *.localhost. */
export function studioTarget(base: string, slug = "demo"): Target {
  const url = new URL(base);
  const port = Number(url.port || 80);
  const hostname = url.hostname.startsWith(`${slug}.`) ? url.hostname : `${slug}.${url.hostname}`;
  const local = url.hostname === "localhost" || url.hostname.endsWith(".localhost");
  return { address: local ? "127.0.0.1" : hostname, port, host: `${hostname}:${port}` };
}

export const origin = (target: Target) => `http://${target.host}`;

export type Fetched = {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as it crossed the wire (still compressed). */
  wire: Buffer;
  /** The body decoded. */
  text: string;
};

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

/** Lets the process exit once measuring is over. */
export const closeConnections = () => agent.destroy();

export function fetchRaw(
  target: Target,
  path: string,
  options: { encoding?: string; cookie?: string; method?: "GET" | "POST"; form?: Record<string, string> } = {},
): Promise<Fetched> {
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: target.address,
        port: target.port,
        method: options.method ?? "GET",
        path,
        agent,
        timeout: 30_000,
        headers: {
          host: target.host,
          "accept-encoding": options.encoding ?? BROWSER_ENCODINGS,
          ...(options.cookie ? { cookie: options.cookie } : {}),
          ...(body === undefined
            ? {}
            : {
                origin: origin(target),
                "content-type": "application/x-www-form-urlencoded",
                "content-length": String(Buffer.byteLength(body)),
              }),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const wire = Buffer.concat(chunks);
          const encoding = response.headers["content-encoding"];
          const decoded =
            encoding === "br" ? brotliDecompressSync(wire) : encoding === "gzip" ? gunzipSync(wire) : wire;
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            wire,
            text: decoded.toString("utf8"),
          });
        });
      },
    );
    request.on("timeout", () => request.destroy(new Error(`${path} timed out`)));
    request.on("error", reject);
    request.end(body);
  });
}

async function fetchOk(target: Target, path: string, cookie?: string) {
  const page = await fetchRaw(target, path, { cookie });
  if (page.status !== 200) throw new Error(`GET ${path} answered ${page.status}`);
  return page;
}

/** Signs in through the real form; returns the session cookie ("name=value"). */
export async function signIn(target: Target, account = DEMO_CLIENT): Promise<string> {
  const response = await fetchRaw(target, "/login", { method: "POST", form: { ...account, redirectTo: "/" } });
  const cookie = response.headers["set-cookie"]?.[0]?.split(";")[0];
  if (response.status !== 302 || !cookie) throw new Error(`signing in ${account.email} answered ${response.status}`);
  return cookie;
}

const decodeAmp = (href: string) => href.replaceAll("&amp;", "&");

/** Every href in a page that starts with `prefix`, in page order, without repeats. */
function links(html: string, prefix: string): string[] {
  const found = [...html.matchAll(/href="([^"]*)"/g)].map((m) => decodeAmp(m[1] as string));
  return [...new Set(found.filter((href) => href.startsWith(prefix)))];
}

const CLASS_LINK = /^\/schedule\/[0-9a-f-]{36}$/;

/** The schedule day (of the coming week, at either location) with the most classes. */
async function busiestDay(target: Target, cookie: string) {
  const first = (await fetchOk(target, "/schedule", cookie)).text;
  const select = first.match(/<select[^>]*name="locationId"[^>]*>([\s\S]*?)<\/select>/)?.[1] ?? "";
  const locationIds = [...select.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1] as string);
  const today = first.match(/name="date" value="(\d{4}-\d{2}-\d{2})"/)?.[1];
  if (!today || locationIds.length === 0) throw new Error("the schedule shows no date or no locations");
  let best = { path: "/schedule", classes: [] as string[] };
  for (const locationId of locationIds) {
    for (let offset = 0; offset < 7; offset++) {
      const date = new Date(Date.parse(`${today}T12:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
      const path = `/schedule?${new URLSearchParams({ locationId, date })}`;
      const classes = links((await fetchOk(target, path, cookie)).text, "/schedule/").filter((h) => CLASS_LINK.test(h));
      if (classes.length > best.classes.length) best = { path, classes };
    }
  }
  const [firstClass] = best.classes;
  if (!firstClass) throw new Error("no classes in the coming week");
  return { path: best.path, classPath: firstClass };
}

/** A confirm link for a free session slot: each session's first day with times, days ahead if need be. */
async function sessionSlot(target: Target, cookie: string): Promise<string> {
  const services = links((await fetchOk(target, "/book", cookie)).text, "/book?serviceId=");
  for (const service of services) {
    let path: string | undefined = service;
    for (let step = 0; path && step < 14; step++) {
      const html: string = (await fetchOk(target, path, cookie)).text;
      const [confirm] = links(html, "/book/confirm?");
      if (confirm) return confirm;
      // The day links of this step: the next one after the day shown.
      const shown: string = new URL(path, "http://x").searchParams.get("date") ?? "";
      path = links(html, "/book?serviceId=").find(
        (href) => (new URL(href, "http://x").searchParams.get("date") ?? "") > shown,
      );
    }
  }
  throw new Error("no free session slot in the coming fortnight");
}

export type ClientPage = { name: string; path: string; signedIn: boolean };

/** Every client page, with real ids and the busiest schedule day, as the demo client sees them. */
export async function clientPages(target: Target, cookie: string): Promise<ClientPage[]> {
  const day = await busiestDay(target, cookie);
  const [booking] = links((await fetchOk(target, "/bookings", cookie)).text, "/bookings/").filter((h) =>
    /^\/bookings\/[0-9a-f-]{36}$/.test(h),
  );
  if (!booking) throw new Error("the demo client has no bookings");
  const signedIn = (name: string, path: string) => ({ name, path, signedIn: true });
  const visitor = (name: string, path: string) => ({ name, path, signedIn: false });
  return [
    visitor("/ (visitor)", "/"),
    signedIn("/ (client)", "/"),
    signedIn("/schedule (busiest day)", day.path),
    signedIn("class page", day.classPath),
    signedIn("/services", "/services"),
    signedIn("/book", "/book"),
    signedIn("/book/confirm", await sessionSlot(target, cookie)),
    signedIn("/bookings", "/bookings"),
    signedIn("booking page", booking),
    signedIn("/account", "/account"),
    visitor("/login", "/login"),
    visitor("/signup", "/signup"),
  ];
}

/** The attributes of every `<tag ...>` in the HTML. */
function tags(html: string, tag: string): Record<string, string>[] {
  return [...html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, "g"))].map((m) =>
    Object.fromEntries(
      [...(m[1] as string).matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], decodeAmp(a[2] as string)]),
    ),
  );
}

/** The stylesheets a page links and the scripts it loads, preloads or imports from inline modules. */
export function pageAssets(html: string) {
  const links_ = tags(html, "link");
  const css = links_.filter((l) => l.rel === "stylesheet" && l.href).map((l) => l.href as string);
  const imported = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].flatMap((m) =>
    [...(m[1] as string).matchAll(/(?:import\s*\(?|from)\s*["']([^"']+\.js)["']/g)].map((i) => i[1] as string),
  );
  const js = [
    ...tags(html, "script").flatMap((s) => (s.src ? [s.src] : [])),
    ...links_.filter((l) => l.rel === "modulepreload" && l.href).map((l) => l.href as string),
    ...imported,
  ];
  return { css: [...new Set(css)], js: [...new Set(js)] };
}

export type PageBytes = {
  /** Compressed bytes on the wire. */
  html: number;
  css: number;
  js: number;
  /** The HTML and the CSS it links: what must arrive before anything is painted. */
  firstPaint: number;
  htmlText: string;
  cssFiles: string[];
  jsFiles: string[];
};

/** The compressed bytes of a page and of what it references (each asset fetched once per target). */
export async function measurePage(target: Target, path: string, cookie?: string): Promise<PageBytes> {
  const page = await fetchOk(target, path, cookie);
  const { css, js } = pageAssets(page.text);
  const sizes = async (files: string[]) => {
    let total = 0;
    for (const file of files) total += await assetBytes(target, new URL(file, origin(target)).pathname);
    return total;
  };
  const cssBytes = await sizes(css);
  return {
    html: page.wire.length,
    css: cssBytes,
    js: await sizes(js),
    firstPaint: page.wire.length + cssBytes,
    htmlText: page.text,
    cssFiles: css,
    jsFiles: js,
  };
}

const assetCache = new Map<string, Promise<number>>();

function assetBytes(target: Target, path: string): Promise<number> {
  const key = `${target.host}${path}`;
  let bytes = assetCache.get(key);
  if (!bytes) {
    bytes = fetchOk(target, path).then((asset) => asset.wire.length);
    assetCache.set(key, bytes);
  }
  return bytes;
}
