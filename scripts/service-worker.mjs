// Writes sw.js for a built site: the list of files is the build manifest's (every file the
// build made, hashed names included, never kept by hand), and the cache is named by a hash
// of those files' contents, so any change to the app is a new version.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function writeServiceWorker(dir, manifest) {
  const files = manifest.files.map((f) => f.path).sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update(readFileSync(path.join(dir, file)));
  const version = hash.digest('hex').slice(0, 16);
  const precache = ['./', ...files.map((f) => `./${f}`)];
  const worker = `// Generated at build time by scripts/service-worker.mjs. Do not edit.
const CACHE = 'cpp-self-assessment-${version}';
const PRECACHE = ${JSON.stringify(precache, null, 2)};

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys
        .filter((key) => key.startsWith('cpp-self-assessment-') && key !== CACHE)
        .map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

// Everything the app needs comes from the cache; only this site's files are ever asked for.
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(request, { ignoreSearch: true }).then((hit) => {
      if (hit) return hit;
      if (request.mode === 'navigate') return cache.match('./index.html');
      return fetch(request);
    })),
  );
});

// The page asks the waiting version to take over once it has saved everything.
self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});
`;
  writeFileSync(path.join(dir, 'sw.js'), worker);
  return { version, files: precache.length };
}
