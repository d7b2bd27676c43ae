/*
 * The check-in page, a little better with JavaScript (it works without it): an installable app whose pages are kept
 * on the phone (the service worker), and a check-in — or "I need help now" — made with no network kept here and
 * sent when the network is back, the client told both times. The same submission is sent once however often it is
 * tried: the server keeps it by its submission id. And, once, the offer to send reminders as notifications (Web
 * Push): a yes subscribes this browser with the deployment's key and hands the subscription to the server.
 */
(function () {
  var offer = document.getElementById('push-offer');
  var ASKED = 'lantern-push-asked';
  if (offer && 'PushManager' in window && 'Notification' in window && 'serviceWorker' in navigator
      && Notification.permission === 'default' && !localStorage.getItem(ASKED)) {
    offer.hidden = false;
    document.getElementById('push-no').addEventListener('click', function () {
      localStorage.setItem(ASKED, 'no');
      offer.hidden = true;
    });
    document.getElementById('push-yes').addEventListener('click', function () {
      localStorage.setItem(ASKED, 'yes');
      offer.hidden = true;
      Notification.requestPermission().then(function (answer) {
        if (answer !== 'granted') {
          return null;
        }
        return navigator.serviceWorker.ready.then(function (registration) {
          return registration.pushManager.subscribe({ userVisibleOnly: true,
            applicationServerKey: bytes(offer.dataset.key) });
        }).then(function (subscription) {
          return fetch(offer.dataset.url, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ proof: offer.dataset.proof, subscription: subscription.toJSON() })
          });
        });
      }).catch(function () {
        // no push service reachable: reminders keep coming by text
      });
    });
  }

  function bytes(base64url) {
    var text = atob(base64url.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((base64url.length + 3) % 4));
    return Uint8Array.from(text, function (c) { return c.charCodeAt(0); });
  }

  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/c/sw.js', { scope: '/c/' }).catch(function () {});
  }
  var status = document.getElementById('offline-status');
  var crisis = document.getElementById('offline-crisis');
  if (!status) {
    return;
  }
  var key = 'lantern-waiting:' + location.pathname;

  function waiting() {
    try {
      return JSON.parse(localStorage.getItem(key) || '[]');
    } catch (e) {
      return [];
    }
  }

  function keep(list) {
    localStorage.setItem(key, JSON.stringify(list));
  }

  function say(text) {
    status.textContent = text;
    status.hidden = false;
  }

  function send() {
    var list = waiting();
    if (!list.length || !navigator.onLine) {
      return;
    }
    var first = list[0];
    fetch(location.pathname, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: first.body,
      credentials: 'same-origin'
    }).then(function (response) {
      keep(waiting().slice(1));
      say((response.ok ? status.dataset.sent : status.dataset.refused).replace('{0}', first.at));
      send();
    }).catch(function () {
      // still no way through: it stays kept until the next time the network is back
    });
  }

  function offline(form, help) {
    form.addEventListener('submit', function (event) {
      if (navigator.onLine) {
        return;
      }
      event.preventDefault();
      var list = waiting();
      list.push({
        body: new URLSearchParams(new FormData(form)).toString(),
        at: new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
      });
      keep(list);
      say(status.dataset.kept);
      if (help && crisis) {
        crisis.hidden = false;
      }
    });
  }

  var checkIn = document.getElementById('checkin-form');
  var help = document.getElementById('help-form');
  if (checkIn) {
    offline(checkIn, false);
  }
  if (help) {
    offline(help, true);
  }
  window.addEventListener('online', send);
  send();
})();
