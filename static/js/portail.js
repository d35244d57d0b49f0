// Portail Famille, every page: registers the service worker (static/sw.js, served at /sw.js)
// that keeps the static files and the « Vous êtes hors ligne » page for when the network
// fails. The worker gets this script's version (?v=…), so a new release installs a new one.
(function () {
  'use strict';

  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;

  var script = document.currentScript;
  var version = '';
  try {
    version = (script && new URL(script.src).searchParams.get('v')) || '';
  } catch (e) {
    version = '';
  }
  var url = '/sw.js' + (version ? '?v=' + encodeURIComponent(version) : '');

  window.addEventListener('load', function () {
    navigator.serviceWorker.register(url, { scope: '/' }).catch(function () {
      // No worker: the portal works as before, only without the offline page.
    });
  });
})();
