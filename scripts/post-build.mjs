// Trunk's post-build step, in order: index.html is pointed at this build's version of the
// app (scripts/build-app.mjs), the inline scripts' hashes go into the page's
// Content-Security-Policy, the build manifest lists every file with its role (and fails
// the build if it cannot), then the service worker is written from it.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeBuildManifest } from './build-manifest.mjs';
import { writeCspHashes } from './csp-hashes.mjs';
import { writeServiceWorker } from './service-worker.mjs';
import { builtAppFolder } from './wasm-build.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('TRUNK_STAGING_DIR is not set: run this as a Trunk post_build hook');
  process.exit(1);
}
const page = path.join(dir, 'index.html');
const html = readFileSync(page, 'utf8');
const pointed = html.replaceAll(/(["'](?:\.\/)?)app\/(app\.js|app_bg\.wasm|__wasm_split\.js|qr_worker\.js)(["'])/g,
  (_, before, file, after) => `${before}${builtAppFolder(dir)}/${file}${after}`);
if (pointed === html) throw new Error('index.html does not load app/app.js');
writeFileSync(page, pointed);
writeCspHashes(dir);
writeServiceWorker(dir, writeBuildManifest(dir));
