// index.html has an inline module script that starts the app. The Content-Security-Policy
// allows inline scripts only by hash, so after each build this writes the hashes of the
// page's inline scripts into the policy in place of the placeholder.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const PLACEHOLDER = "'inline-script-hashes'";

/** The CSP source list allowing each inline script of `html` by its SHA-256 hash. */
export function inlineScriptHashes(html) {
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
    .map(([, body]) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`)
    .join(' ');
}

export function writeCspHashes(dir) {
  const file = path.join(dir, 'index.html');
  const html = readFileSync(file, 'utf8');
  if (!html.includes(PLACEHOLDER)) {
    throw new Error(`index.html has no ${PLACEHOLDER} placeholder in its Content-Security-Policy`);
  }
  writeFileSync(file, html.replace(PLACEHOLDER, inlineScriptHashes(html)));
}
