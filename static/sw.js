// Portail Famille service worker, served at /sw.js (scope /) by Nginx, registered by
// static/js/portail.js as /sw.js?v=<static version>.
//
// What it keeps: the static files of this version (CSS, JS, icons) and the offline page
// /hors-ligne, which shows nothing of any session. What it never keeps: the pages and
// files of the portal themselves — they hold a family's personal data — so HTML goes to
// the network only, and when the network fails a navigation gets the offline page.
'use strict';

var VERSION = new URL(self.location.href).searchParams.get('v') || 'dev';
var CACHE = 'portail-static-' + VERSION;
var OFFLINE_URL = '/hors-ligne';
var PRECACHE = [
  '/static/css/portail.css',
  '/static/js/portail.js',
  '/static/js/planning.js',
  '/static/icons/etats.svg',
  '/static/icons/icone.svg',
  '/static/icons/icone-192.png',
  '/static/favicon.ico',
].map(function (path) { return path + '?v=' + encodeURIComponent(VERSION); });

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    // Without cookies: the offline page is the same for everyone.
    var requests = PRECACHE.concat([OFFLINE_URL]).map(function (url) {
      return new Request(url, { credentials: 'omit', cache: 'reload' });
    });
    return cache.addAll(requests);
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf('portail-') === 0 && name !== CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

function offlinePage() {
  return caches.open(CACHE).then(function (cache) { return cache.match(OFFLINE_URL); })
    .then(function (page) {
      return page || new Response('<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">' +
        '<title>Vous êtes hors ligne</title></head><body><h1>Vous êtes hors ligne</h1>' +
        '<p>Vérifiez votre connexion à Internet, puis réessayez.</p></body></html>',
        { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
    });
}

// Static files of this version: from the cache, else from the network (then kept: they
// are the same for everyone). Unversioned ones go to the network as usual.
function staticFile(request) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request).then(function (hit) {
      if (hit) return hit;
      return fetch(request).then(function (response) {
        if (response.ok && new URL(request.url).searchParams.has('v'))
          cache.put(request, response.clone());
        return response;
      });
    });
  });
}

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.mode === 'navigate') {
    // Network only; nothing of the answer is stored.
    event.respondWith(fetch(request).catch(offlinePage));
    return;
  }
  if (url.pathname.indexOf('/static/') === 0) {
    event.respondWith(staticFile(request));
  }
  // Anything else (photos, PDFs, the manifest…): not handled, the browser asks the network.
});
