/* The service worker of the app (served at /sw.js so that its scope is the whole site).

   - The page "Visits on this phone" (/offline/), its scripts and styles are kept in the
     cache so that it opens without a connection. They hold no one's data: what a phone
     keeps is in IndexedDB, encrypted (see store.js).
   - Every other page is fetched from the network as before and never cached (they carry
     names; the server marks them no-store). Without a connection, the page
     /offline/unavailable is shown instead of the browser's error page, for a form sent
     as for a page asked for.
   - The API is never cached. */
"use strict";

const VERSION = new URL(self.location.href).searchParams.get("v") || "dev";
const CACHE = "reintegration-offline-" + VERSION;
const SHELL = "/offline/";
const UNAVAILABLE = "/offline/unavailable";
const FILES = [
  SHELL,
  UNAVAILABLE,
  "/manifest.webmanifest",
  "/static/vendor/bootstrap-5.3.8/bootstrap.min.css",
  "/static/css/app.css",
  "/static/favicon.svg",
  "/static/icons/app-192.png",
  "/static/icons/app-512.png",
  "/static/js/app.js",
  "/static/js/offline/app.js",
  "/static/js/offline/crypto.js",
  "/static/js/offline/store.js",
  "/static/js/offline/sync.js",
  "/static/js/offline/unavailable.js",
];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(FILES.map((url) => new Request(url, { cache: "reload" }))))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(
        names.filter((name) => name.startsWith("reintegration-offline-") && name !== CACHE)
          .map((name) => caches.delete(name))
      ))
      .then(() => self.clients.claim())
  );
});

function unavailable() {
  return caches.match(UNAVAILABLE).then((page) => page || Response.error());
}

function shellPath(url) {
  return url.pathname === SHELL || url.pathname === "/offline";
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (request.method !== "GET") {
    if (request.mode === "navigate") {
      // A form sent without a connection: the same page saying so (nothing was sent).
      event.respondWith(fetch(request).catch(() => unavailable()));
    }
    return;
  }
  if (url.pathname.startsWith("/api/")) {
    return;  // always the network: answers are people's data, and never cached
  }
  if (request.mode === "navigate") {
    if (shellPath(url)) {
      // The network first (a new version, the user's language), the cached copy offline.
      event.respondWith(
        fetch(request)
          .then((response) => {
            if (response.ok) {
              const copy = response.clone();
              caches.open(CACHE).then((cache) => cache.put(SHELL, copy));
            }
            return response;
          })
          .catch(() => caches.match(SHELL))
      );
      return;
    }
    event.respondWith(fetch(request).catch(() => unavailable()));
    return;
  }
  if (FILES.includes(url.pathname) && url.pathname.startsWith("/static/")) {
    event.respondWith(
      caches.match(url.pathname).then((hit) => hit || fetch(request))
    );
  }
});
