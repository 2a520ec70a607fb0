// The offline worker: keeps the last copy of a signed-in client's own booking pages (My
// bookings and each booking's page) and shows it, marked "You're offline", when there is no
// connection. Network first: online, every page is fresh. See docs/decisions/0011.
//
// It keeps only responses the server marked with X-Offline-Copy (a client's own pages; staff
// pages never carry it), all under one per-person key: a different key, a marked page answered
// for nobody, a sign-in or a sign-out drops every copy.

const PAGES = "offline-copies";
const STYLES = "offline-styles";
const KEY_HEADER = "x-offline-copy";
const KEY_ENTRY = "/offline-copy-key";
const BOOKING_PAGE = /^\/bookings(\/[0-9a-f-]{36})?\/?$/;
const SIGN_IN_OR_OUT = /^\/(logout|login(\/link)?|signup|join|reset-password)\/?$/;

// Cache work runs one step at a time: a page kept while the page's script reports the key must
// not be dropped by the other's check.
let queue = Promise.resolve();
const inTurn = (work) => {
  queue = queue.then(work, work);
  return queue;
};

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

// The page tells the worker whose copies it may hold (the enhancement script, on every load).
self.addEventListener("message", (event) => {
  if (event.origin === self.location.origin && typeof event.data?.copyKey === "string")
    event.waitUntil(inTurn(() => holdFor(event.data.copyKey)));
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && SIGN_IN_OR_OUT.test(url.pathname)) {
    event.waitUntil(inTurn(forgetAll));
    return;
  }
  if (request.method !== "GET") return;
  if (request.mode === "navigate" && BOOKING_PAGE.test(url.pathname))
    event.respondWith(networkFirst(event, url.pathname));
  else if (request.destination === "style" && url.pathname.startsWith("/build/"))
    event.respondWith(fetch(request).catch(() => keptStyle(request)));
});

async function networkFirst(event, path) {
  let response;
  try {
    response = await fetch(event.request);
  } catch (offline) {
    const kept = await (await caches.open(PAGES)).match(path);
    if (!kept) throw offline;
    return shownOffline(kept);
  }
  const key = response.headers.get(KEY_HEADER);
  const copy = response.clone();
  if (key && response.ok) event.waitUntil(inTurn(() => keep(path, copy, key)));
  // Answered, but not as a client's own page (signed out, staff, someone else): keep nothing.
  else if (!key && response.status < 500) event.waitUntil(inTurn(forgetAll));
  return response;
}

async function keep(path, response, key) {
  await holdFor(key);
  const html = await response.text();
  const pages = await caches.open(PAGES);
  await pages.put(path, new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } }));
  // The page's own stylesheet (immutable, named by its hash), so the copy reads as the page did.
  const styles = await caches.open(STYLES);
  for (const [, href] of html.matchAll(/<link rel="stylesheet" href="(\/build\/[^"]+\.css)"/g))
    if (!(await styles.match(href))) await styles.add(href).catch(() => {});
}

/** Drops every copy unless they were kept for this key; then remembers the key. */
async function holdFor(key) {
  const pages = await caches.open(PAGES);
  const held = await pages.match(KEY_ENTRY);
  if (held && (await held.text()) === key) return;
  await forgetAll();
  await (await caches.open(PAGES)).put(KEY_ENTRY, new Response(key));
}

async function forgetAll() {
  await Promise.all([caches.delete(PAGES), caches.delete(STYLES)]);
}

async function keptStyle(request) {
  return (await (await caches.open(STYLES)).match(request)) ?? Response.error();
}

/** The kept page with its offline note (rendered hidden, with the copy's time) shown. */
async function shownOffline(kept) {
  const html = (await kept.text()).replace(/(data-offline-note="[^"]*") hidden=""/, "$1");
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
}
