// What a returning visitor's browser downloads when a new version is published: the site
// is served as the earlier build, visited until its service worker has a copy of it, then
// replaced by this build; the service worker's update is counted at the server, file by
// file. The earlier build is the one this benchmark last measured on this machine, kept
// outside the repository (BENCH_CACHE, by default ~/.cache/cpp-self-assessment-bench).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readBuildManifest } from '../build-manifest.mjs';
import { revisionOf } from '../service-worker.mjs';
import { serve } from '../static-server.mjs';
import { benchContext } from './measure.mjs';

const cacheDir = process.env.BENCH_CACHE ?? path.join(os.homedir(), '.cache', 'cpp-self-assessment-bench');
const LAST = path.join(cacheDir, 'last-build');
const PREVIOUS = path.join(cacheDir, 'previous-build');

const sameBuild = (a, b) => existsSync(path.join(a, 'sw.js')) && existsSync(path.join(b, 'sw.js'))
  && readFileSync(path.join(a, 'sw.js')).equals(readFileSync(path.join(b, 'sw.js')));

/** The earlier build to update from, keeping this one for the next run: the last build
 * measured, or, if that was this same build, the one before it. */
function earlierBuild(dist) {
  mkdirSync(cacheDir, { recursive: true });
  if (existsSync(LAST) && !sameBuild(LAST, dist)) {
    rmSync(PREVIOUS, { recursive: true, force: true });
    cpSync(LAST, PREVIOUS, { recursive: true });
    rmSync(LAST, { recursive: true, force: true });
  }
  if (!existsSync(LAST)) cpSync(dist, LAST, { recursive: true });
  return existsSync(PREVIOUS) && !sameBuild(PREVIOUS, dist) ? PREVIOUS : null;
}

const replaceContents = (site, from) => {
  for (const name of readdirSync(site)) rmSync(path.join(site, name), { recursive: true, force: true });
  cpSync(from, site, { recursive: true });
};

/** Every file's revision in a built site. */
const revisions = (site) => readBuildManifest(site).files.map((f) => revisionOf(readFileSync(path.join(site, f.path))));

/** `{ files: [{ path, bytes }], total, whole, earlierRevisions }` for the update from the
 * earlier build to `dist` (`whole`: every file of `dist` the service worker keeps), or null
 * when no earlier build has been measured here. */
export async function updateDownload(browser, dist) {
  const earlier = earlierBuild(dist);
  if (!earlier) return null;
  const site = mkdtempSync(path.join(os.tmpdir(), 'cpp-bench-update-'));
  cpSync(earlier, site, { recursive: true });
  let served = [];
  const server = await serve(site, 0, '127.0.0.1', { onServed: (file, bytes) => served.push({ path: file, bytes }) });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const context = await benchContext(browser);
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    await page.waitForFunction(async () => !!(await navigator.serviceWorker.ready).active && navigator.serviceWorker.controller !== null);
    replaceContents(site, dist);
    served = [];
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration.update();
      const worker = registration.installing ?? registration.waiting;
      if (!worker) throw new Error('no new version was found');
      if (worker.state !== 'installed') {
        await new Promise((resolve, reject) => worker.addEventListener('statechange', () => {
          if (worker.state === 'installed') resolve();
          if (worker.state === 'redundant') reject(new Error('the new version did not install'));
        }));
      }
    });
    const whole = readBuildManifest(dist).files.reduce((sum, f) => sum + readFileSync(path.join(dist, f.path)).length, 0);
    return { files: served, total: served.reduce((sum, f) => sum + f.bytes, 0), whole, earlierRevisions: revisions(earlier) };
  } finally {
    await context.close();
    await new Promise((resolve) => server.close(resolve));
    rmSync(site, { recursive: true, force: true });
  }
}
