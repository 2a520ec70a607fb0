import { Scripts, ScrollRestoration, useMatches } from "@remix-run/react";

/**
 * The `handle` of a client page: it works without JavaScript and gains little from React, so
 * visitors and clients get it without Remix's scripts (docs/decisions/0011). Staff keep them.
 */
export const CLIENT_PAGE = { hydrate: false } as const;

/** The worker that keeps a client's own booking pages for reading offline (public/sw.js). */
export const OFFLINE_WORKER = "/sw.js";

/**
 * What a page without Remix still gets, in under 1.5 KB, written in ES5 so it runs on any
 * phone: a choice marked `data-submit-on-change` applies at once (the form's button stays for
 * JavaScript off); a sent form's buttons are disabled so a second tap cannot send it twice (a
 * page back from the back-forward cache gets them back); and the offline worker is registered
 * for a signed-in client (`data-copy-key`, their opaque key) and told whose copies it may keep,
 * or removed, with any copies, for anyone else. A sent form marked `data-geolocate` (a client's
 * check-in, on their own page) first asks the browser where it is, only then, and goes with
 * its latitude, longitude and accuracy, or without them on an error or after 10 s. On a
 * hydrated page Remix already shows pending forms, so only the first and last parts run there.
 */
const ENHANCEMENT = `(function(d){
var s=d.currentScript,k=s.getAttribute("data-copy-key"),w=navigator.serviceWorker,lean=!window.__remixContext;
d.addEventListener("change",function(e){var t=e.target;if(t.form&&t.hasAttribute("data-submit-on-change"))t.form.requestSubmit()});
if(lean){d.addEventListener("submit",function(e){var f=e.target,g=navigator.geolocation;if(e.defaultPrevented)return;if(f.hasAttribute("data-sent")){e.preventDefault();return}
f.setAttribute("data-sent","");setTimeout(function(){[].forEach.call(f.querySelectorAll("button"),function(b){b.disabled=true})},0);
if(f.hasAttribute("data-geolocate")){e.preventDefault();g?g.getCurrentPosition(go,go,{timeout:1e4,maximumAge:6e4}):go()}
function go(p){if(p=p&&p.coords){f.latitude.value=p.latitude;f.longitude.value=p.longitude;f.accuracy.value=p.accuracy}f.submit()}});
addEventListener("pageshow",function(e){if(e.persisted)[].forEach.call(d.querySelectorAll("form[data-sent]"),function(f){f.removeAttribute("data-sent");[].forEach.call(f.querySelectorAll("button"),function(b){b.disabled=false})})})}
if(!w)return;
if(k)w.register("${OFFLINE_WORKER}").then(function(){return w.ready}).then(function(r){r.active.postMessage({copyKey:k})}).catch(function(){});
else w.getRegistrations().then(function(r){r.forEach(function(x){x.unregister()});if(r.length&&window.caches)caches.keys().then(function(n){n.forEach(function(c){caches.delete(c)})})});
})(document)`;

/**
 * The end of every page's body. Remix's module scripts (and their modulepreload links) only
 * where the page needs them: a client page served to a visitor or client skips them. The
 * choice is made on the server only; in the browser this renders only on hydrated pages,
 * where a client-side navigation to a client page keeps Remix running.
 */
export function PageScripts({ staff, copyKey }: { staff: boolean; copyKey: string | null }) {
  const leaf = useMatches().at(-1)?.handle as { hydrate?: boolean } | undefined;
  const lean = !staff && leaf?.hydrate === false && typeof document === "undefined";
  return (
    <>
      {lean ? null : (
        <>
          <ScrollRestoration />
          <Scripts />
        </>
      )}
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: our own constant script, no user input; it runs once, as the document loads */}
      <script data-copy-key={copyKey ?? undefined} dangerouslySetInnerHTML={{ __html: ENHANCEMENT }} />
    </>
  );
}
