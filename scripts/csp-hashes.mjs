// Trunk injects an inline module script that starts the wasm. The Content-Security-Policy
// allows inline scripts only by hash, so after each build this writes the hashes of the
// page's inline scripts into the policy in place of the placeholder.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('TRUNK_STAGING_DIR is not set: run this as a Trunk post_build hook');
  process.exit(1);
}
const file = path.join(dir, 'index.html');
const html = readFileSync(file, 'utf8');
const placeholder = "'inline-script-hashes'";
if (!html.includes(placeholder)) {
  console.error(`index.html has no ${placeholder} placeholder in its Content-Security-Policy`);
  process.exit(1);
}
const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
  .map(([, body]) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
writeFileSync(file, html.replace(placeholder, hashes.join(' ')));
