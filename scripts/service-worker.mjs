// Writes sw.js for a built site. The list of files is the build manifest's (every file the
// build made, hashed names included, never kept by hand), each with a revision: a hash of
// its content. The cache is named by a hash of all of them, so any change to the app is a
// new version; but a new version downloads only the files whose content changed. The rest
// it copies from the version before, found by revision whatever the file is now called
// (the app's folder is named by the whole build, so its files move with every version).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A file's revision: the start of its content's SHA-256. */
export const revisionOf = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

/** Where each cache keeps the revisions of what it holds; never a file of the site. */
const REVISIONS = './sw-revisions.json';

export function writeServiceWorker(dir, manifest) {
  const files = manifest.files.map((f) => f.path).sort();
  const revisions = Object.fromEntries(files.map((file) => [file, revisionOf(readFileSync(path.join(dir, file)))]));
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update(revisions[file]);
  const version = hash.digest('hex').slice(0, 16);
  const precache = [['./', revisions['index.html']], ...files.map((f) => [`./${f}`, revisions[f]])];
  const worker = `// Generated at build time by scripts/service-worker.mjs. Do not edit.
const CACHE = 'cpp-self-assessment-${version}';
// Every file of this version, with its revision (a hash of its content).
const PRECACHE = ${JSON.stringify(precache, null, 1)};
const REVISIONS = '${REVISIONS}';

/** Where an earlier version's cache holds a file with each revision this one needs. */
async function earlierCopies() {
  const wanted = new Set(PRECACHE.map(([, revision]) => revision));
  const found = new Map();
  for (const key of await caches.keys()) {
    if (!key.startsWith('cpp-self-assessment-') || key === CACHE) continue;
    const cache = await caches.open(key);
    const list = await cache.match(REVISIONS);
    if (!list) continue;
    for (const [url, revision] of Object.entries(await list.json())) {
      if (wanted.has(revision) && !found.has(revision)) found.set(revision, { cache, url });
    }
  }
  return found;
}

// Files whose content an earlier version already has are copied from it; only the rest
// are downloaded, past the browser's own cache, so nothing older is ever kept as new. If
// any file cannot be had, this version is not installed and the one before stays.
self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const earlier = await earlierCopies();
    await Promise.all(PRECACHE.map(async ([url, revision]) => {
      const copy = earlier.get(revision);
      const kept = copy && await copy.cache.match(copy.url);
      const response = kept ?? await fetch(url, { cache: 'no-cache' });
      if (!response.ok) throw new Error(\`\${url} could not be fetched: \${response.status}\`);
      await cache.put(url, response);
    }));
    const list = Object.fromEntries(PRECACHE.map(([url, revision]) => [new URL(url, self.location).href, revision]));
    await cache.put(REVISIONS, new Response(JSON.stringify(list), { headers: { 'Content-Type': 'application/json' } }));
  })());
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
