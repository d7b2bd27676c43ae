/*
 * The client's page on a bad connection: pages of their own (/c/…), the stylesheet and the script are kept on the
 * phone as they are fetched, and given from there when the network is not; with nothing kept, the crisis lines
 * alone, in English and Spanish. Posts are never touched here: the page keeps a check-in made offline and sends it
 * when the network is back (checkin.js). A reminder pushed to this browser (Web Push) is shown as a notification;
 * touching it opens the client's page.
 */
const KEPT = 'lantern-pages-v1';

const OFFLINE = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Offline · Lantern</title>
<link rel="stylesheet" href="/css/lantern.css"></head><body><main>
<h1>You are offline</h1>
<p class="crisis"><strong>In crisis: <a href="tel:988">call</a> or <a href="sms:988">text 988</a>.</strong>
Overdose: <a href="tel:911">call 911</a>.</p>
<p class="crisis" lang="es"><strong>En crisis: <a href="tel:988">llame al 988</a> y marque 2, o envíe AYUDA al 988.</strong>
Sobredosis: <a href="tel:911">llame al 911</a>.</p>
</main></body></html>`;

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', event => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', event => {
  const request = event.request;
  const url = new URL(request.url);
  const ours = url.origin === self.location.origin
      && (url.pathname.startsWith('/c/') || url.pathname.startsWith('/css/') || url.pathname.startsWith('/js/')
          || url.pathname.startsWith('/icons/'));
  if (request.method !== 'GET' || !ours) {
    return;
  }
  event.respondWith(fetch(request)
    .then(response => {
      if (response.ok) {
        const copy = response.clone();
        caches.open(KEPT).then(kept => kept.put(request, copy));
      }
      return response;
    })
    .catch(() => caches.match(request).then(kept => kept || (request.mode === 'navigate'
        ? new Response(OFFLINE, { headers: { 'Content-Type': 'text/html; charset=utf-8' } })
        : Response.error()))));
});

self.addEventListener('push', event => {
  const message = event.data ? event.data.json() : {};
  event.waitUntil(self.registration.showNotification(message.title || 'Lantern', {
    body: message.body || '', icon: '/icons/lantern.svg', tag: message.tag || 'lantern'
  }));
});

self.addEventListener('notificationclick', event => {
  event.notification.close();
  event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(windows => {
    const page = windows.find(window => new URL(window.url).pathname.startsWith('/c/'));
    return page ? page.focus() : undefined;
  }));
});
