// How the app's code arrives: the start page fetches the new assessment's code while the
// person reads it, in a few packs; a pack that does not arrive is said and tried again;
// and an update downloads only the files whose content changed, then works offline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readBuildManifest } from '../../scripts/build-manifest.mjs';
import { writeServiceWorker } from '../../scripts/service-worker.mjs';
import { startApp, ROOT } from './harness.mjs';

// A copy of the site, so a "new version" of it can be published.
const site = mkdtempSync(path.join(os.tmpdir(), 'cpp-site-'));
cpSync(path.join(ROOT, 'dist'), site, { recursive: true });
const manifest = readBuildManifest(site);
const chunkOf = (area) => manifest.files.find((f) => f.role === 'page-chunk' && f.area === area);

let app;
let served = [];
before(async () => { app = await startApp({ site, onServed: (file) => served.push(file) }); });
after(async () => {
  await app?.close();
  rmSync(site, { recursive: true, force: true });
});

test('the start page fetches the new assessment\'s code while it is read, so the first question needs no more', async () => {
  const { context, page } = await app.newPage({ serviceWorkers: 'block' });
  const fetched = [];
  page.on('requestfinished', (request) => fetched.push(new URL(request.url()).pathname.slice(1)));
  const assessment = chunkOf('assessment_pages');
  const chunkArrived = page.waitForRequest((r) => r.url().endsWith(`/${assessment.path}`));
  await page.goto(`${app.origin}/`);
  await page.getByRole('heading', { level: 1, name: 'Assess your community planning partnership' }).waitFor();
  // Nothing clicked yet: the browser is idle, and the chunk and its packs come.
  await chunkArrived;
  const packs = () => fetched.filter((f) => f.endsWith('.pack'));
  while (packs().length < assessment.shared.length || !fetched.includes(assessment.path)) await page.waitForEvent('requestfinished');
  assert.deepEqual(packs().sort(), [...assessment.shared].sort(), 'exactly the packs the first question needs, each once');
  const beforeStart = fetched.length;

  await page.getByRole('link', { name: 'Start a new assessment' }).click();
  await page.getByLabel('Name of the partnership').fill('Prefetch CPP');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { level: 1, name: 'Self-assessment of Prefetch CPP' }).waitFor();
  await page.locator('.task-list a').first().click();
  await page.getByRole('radio', { name: 'Good (4)' }).waitFor();
  assert.equal(fetched.filter((f) => f === assessment.path).length, 1);
  assert.ok(fetched.slice(beforeStart).every((f) => !assessment.shared.includes(f) && f !== assessment.path), 'nothing of it fetched again');
  await context.close();
  app.assertClean();
});

test('when a pack of shared code does not arrive, the page says so and tries again', async () => {
  const { context, page } = await app.newPage({ serviceWorkers: 'block' });
  await context.route('**/shared_*.pack', (route) => route.abort());
  await page.goto(`${app.origin}/#/quiz`);
  await page.getByRole('heading', { level: 1, name: 'This page could not be loaded' }).waitFor();
  await context.unroute('**/shared_*.pack');
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('button', { name: 'Start the quiz' }).waitFor();
  await context.close();
  app.assertClean();
});

test('an update downloads only the files whose content changed, and the new version works offline', async () => {
  const { context, page } = await app.newPage();
  await page.goto(`${app.origin}/`);
  await page.getByRole('heading', { level: 1, name: 'Assess your community planning partnership' }).waitFor();
  await page.waitForFunction(async () => !!(await navigator.serviceWorker.ready).active && navigator.serviceWorker.controller !== null);

  // A new version in which one page chunk changed: a custom section (which changes no
  // code) appended to the quiz's chunk, and the service worker written again.
  const quiz = chunkOf('quiz_pages').path;
  const note = Buffer.from('\u0004notea new version');
  appendFileSync(path.join(site, quiz), Buffer.concat([Buffer.from([0x00, note.length]), note]));
  writeServiceWorker(site, readBuildManifest(site));
  served = [];
  await page.evaluate(async () => { await (await navigator.serviceWorker.getRegistration()).update(); });
  await page.getByRole('region', { name: 'Update' }).getByText('A new version is available').waitFor();
  assert.deepEqual([...served].sort(), [`/${quiz}`, '/sw.js']);

  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Update now' }).click()]);
  await page.getByRole('heading', { level: 1, name: 'Assess your community planning partnership' }).waitFor();
  await context.setOffline(true);
  await page.reload();
  await page.goto(`${app.origin}/#/quiz`);
  await page.getByRole('button', { name: 'Start the quiz' }).waitFor();
  await page.goto(`${app.origin}/#/adviser`);
  await page.getByRole('heading', { level: 1, name: 'Collate results from many partnerships' }).waitFor();
  await context.close();
  app.assertClean();
});
