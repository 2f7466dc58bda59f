// Trunk's post-build step, in order: the inline scripts' hashes go into the page's
// Content-Security-Policy, then the service worker is written for the finished files.
import { writeCspHashes } from './csp-hashes.mjs';
import { writeServiceWorker } from './service-worker.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('TRUNK_STAGING_DIR is not set: run this as a Trunk post_build hook');
  process.exit(1);
}
writeCspHashes(dir);
writeServiceWorker(dir);
