// Installs the service worker that keeps a copy of the app for offline use, and tells the
// app when a new version is waiting. The app shows "A new version is available"; when the
// person chooses to update, it saves everything first and then sends `app-update-accepted`,
// and the page reloads into the new version.
(function () {
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  var reloading = false;
  function announce(registration) {
    window.__appUpdateWaiting = registration.waiting;
    window.dispatchEvent(new Event('app-update-available'));
  }
  navigator.serviceWorker.register('./sw.js', { scope: './' }).then(function (registration) {
    if (registration.waiting && navigator.serviceWorker.controller) announce(registration);
    registration.addEventListener('updatefound', function () {
      var worker = registration.installing;
      if (!worker) return;
      worker.addEventListener('statechange', function () {
        // Only an update: on the first visit there is no older version to replace.
        if (worker.state === 'installed' && navigator.serviceWorker.controller) announce(registration);
      });
    });
  }).catch(function () {
    // Without a service worker the app still works online; nothing to tell the person.
  });
  window.addEventListener('app-update-accepted', function () {
    var waiting = window.__appUpdateWaiting;
    if (waiting) waiting.postMessage('skip-waiting');
  });
  navigator.serviceWorker.addEventListener('controllerchange', function () {
    if (reloading || !window.__appUpdateWaiting) return;
    reloading = true;
    location.reload();
  });
})();
