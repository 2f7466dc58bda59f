// The build's manifest of its own files: everything that reads it (the service worker's
// list, the single-file edition, the benchmark, the size gate) stops when it and the files
// disagree, instead of carrying on with an empty or stale list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MANIFEST, readBuildManifest, withRole } from '../../scripts/build-manifest.mjs';
import { ROOT } from '../e2e/harness.mjs';

const dist = path.join(ROOT, 'dist');

/** A copy of the built site, changed by `change`, or the reason reading its manifest fails. */
function readAfter(change) {
  const site = mkdtempSync(path.join(os.tmpdir(), 'cpp-manifest-'));
  try {
    cpSync(dist, site, { recursive: true });
    change(site);
    readBuildManifest(site);
    return null;
  } catch (error) {
    return error.message;
  } finally {
    rmSync(site, { recursive: true, force: true });
  }
}

test('the built site and its manifest agree, and name every part the app needs', () => {
  const manifest = readBuildManifest(dist);
  assert.ok(withRole(manifest, 'page-chunk').length >= 5);
  assert.ok(withRole(manifest, 'shared-chunk').length >= 1);
  const sw = readFileSync(path.join(dist, 'sw.js'), 'utf8');
  for (const file of manifest.files) assert.ok(sw.includes(`"./${file.path}"`), `${file.path} is precached`);
});

test('a chunk missing from the build, a file the manifest does not know, or an empty list fails', () => {
  const manifest = readBuildManifest(dist);
  const [chunk] = withRole(manifest, 'page-chunk');
  assert.match(readAfter((site) => rmSync(path.join(site, chunk))), /listed but not built: .*split_/);
  assert.match(readAfter((site) => writeFileSync(path.join(site, manifest.app, 'split_renamed.wasm'), '')), /built but not listed: .*split_renamed\.wasm/);
  assert.match(readAfter((site) => {
    const emptied = { ...manifest, files: manifest.files.filter((f) => f.role !== 'page-chunk') };
    writeFileSync(path.join(site, MANIFEST), JSON.stringify(emptied));
    for (const f of manifest.files.filter((f) => f.role === 'page-chunk')) rmSync(path.join(site, f.path));
  }), /no file for: page-chunk/);
  assert.match(readAfter((site) => rmSync(path.join(site, MANIFEST))), /build-manifest\.json is missing/);
});
