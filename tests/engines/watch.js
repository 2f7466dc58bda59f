// Put at the top of the page's <head> by the cross-engine tests, before the page's own
// Content-Security-Policy applies. It records what WebDriver cannot see the same way in
// every engine: console errors (a Rust panic is one), uncaught errors and rejections,
// requests to other origins (from the browser's own resource timing, and any the policy
// blocked), and each file the page offers as a download, with its content. Kept in
// sessionStorage, so a reload keeps what came before it.
(function () {
  var key = '__engineWatch';
  function load() {
    try { return JSON.parse(sessionStorage.getItem(key)) || { errors: [], foreign: [], downloads: [] }; }
    catch (e) { return { errors: [], foreign: [], downloads: [] }; }
  }
  function note(kind, value) {
    var watch = load();
    watch[kind].push(value);
    try { sessionStorage.setItem(key, JSON.stringify(watch)); } catch (e) { /* a full store is the app's test, not ours */ }
  }
  function process_debug() { return /engine-debug/.test(location.hash) || sessionStorage.getItem('__engineDebug'); }
  // A page being torn down (a reload, say) cancels its downloads in flight; Firefox's chunk
  // loader then logs the cancelled fetch. Nobody sees a page that is going: not counted.
  var leaving = false;
  addEventListener('beforeunload', function () { leaving = true; });
  addEventListener('pagehide', function () { leaving = true; });
  var error = console.error;
  console.error = function () {
    if (leaving) return error.apply(console, arguments);
    note('errors', Array.prototype.map.call(arguments, String).join(' ') + (process_debug() ? ' @ ' + new Error().stack : ''));
    return error.apply(console, arguments);
  };
  if (process_debug()) {
    var fetchOriginal = window.fetch;
    window.fetch = function (input) {
      return fetchOriginal.apply(this, arguments).catch(function (e) { note('errors', 'fetch failed: ' + (input && input.url || input) + ' controlled=' + !!(navigator.serviceWorker && navigator.serviceWorker.controller) + ' at ' + Math.round(performance.timeOrigin + performance.now())); throw e; });
    };
  }
  addEventListener('error', function (event) { note('errors', 'uncaught: ' + (event.message || event.type)); });
  addEventListener('unhandledrejection', function (event) {
    var reason = event.reason;
    note('errors', 'unhandled rejection: ' + (reason && reason.stack ? reason.stack : String(reason)));
  });
  addEventListener('securitypolicyviolation', function (event) { note('foreign', 'blocked: ' + event.blockedURI); });
  function foreign(url) {
    var where = new URL(url, location.href);
    return !/^(data|blob|about):$/.test(where.protocol) && location.protocol !== 'file:' && where.origin !== location.origin;
  }
  if (window.PerformanceObserver) {
    new PerformanceObserver(function (list) {
      list.getEntries().forEach(function (entry) { if (foreign(entry.name)) note('foreign', entry.name); });
    }).observe({ type: 'resource', buffered: true });
  }
  // Downloads are read from the blob the page made: fetching its URL back would itself
  // be a request the page's policy refuses.
  var blobs = {};
  var createObjectURL = URL.createObjectURL;
  URL.createObjectURL = function (blob) {
    var url = createObjectURL.apply(URL, arguments);
    blobs[url] = blob;
    return url;
  };
  var click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    var anchor = this;
    var blob = blobs[anchor.href];
    if (anchor.hasAttribute('download') && blob) {
      var name = anchor.getAttribute('download');
      // Read as bytes and decoded keeping a byte-order mark, which the file has.
      blob.arrayBuffer().then(function (bytes) {
        note('downloads', { name: name, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) });
      });
    }
    return click.apply(this, arguments);
  };
})();
