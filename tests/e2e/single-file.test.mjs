// The single-file edition (scripts/build-single-file.sh) opened straight from disk, as a
// file:// page with no server: the app starts, keeps its data across a reload, shows a
// chart, makes a workbook, opens a page kept in its own chunk and starts the ballot-code
// reader's worker, without asking for
// anything but the file itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startApp, ROOT } from './harness.mjs';

const file = path.join(ROOT, 'dist-single', 'cpp-self-assessment.html');
const url = pathToFileURL(file).href;

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

test('the single-file edition works from file:// with no server', async () => {
  assert.ok(existsSync(file), `${file} is missing: run node scripts/single-file.mjs after the release build`);
  const context = await app.browser.newContext();
  const requests = [];
  context.on('request', (request) => requests.push(request.url()));
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error' || /panicked/.test(message.text())) problems.push(message.text());
  });

  await page.goto(url);
  await page.getByRole('heading', { level: 1, name: 'Assess your community planning partnership' }).waitFor();
  await page.getByRole('link', { name: 'Start a new assessment' }).click();
  await page.getByLabel('Name of the partnership').fill('Shared Drive CPP');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { level: 1, name: 'Self-assessment of Shared Drive CPP' }).waitFor();
  await page.goto(`${page.url()}/expectations/participation-1`);
  await page.getByLabel('Very good (5)', { exact: true }).check();
  await page.getByText(/^Saved on this device at/).waitFor();

  await page.reload();
  assert.equal(await page.getByLabel('Very good (5)', { exact: true }).isChecked(), true);
  await page.goto(page.url().replace(/\/expectations\/.*$/, '/results'));
  await page.locator('#principle-profile-chart svg').waitFor();
  // The workbook writer is inline too.
  const [workbook] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Excel workbook (.xlsx)' }).click()]);
  assert.match(workbook.suggestedFilename(), /^shared-drive-cpp-.*\.workbook\.xlsx$/);
  assert.equal((await readFile(await workbook.path())).subarray(0, 2).toString(), 'PK');

  // Pages whose code is a separate chunk: here it comes from the file too.
  await page.goto(url);
  await page.getByRole('table', { name: 'Assessments saved in this browser' }).getByRole('cell', { name: '1 of 33 completed' }).waitFor();
  await page.goto(`${url}#/adviser`);
  await page.getByRole('heading', { level: 1, name: 'Collate results from many partnerships' }).waitFor();

  // The ballot-code reader's Web Worker starts from the file too, and reads a frame (a
  // blank one: no codes in it).
  const answer = await page.evaluate(() => new Promise((resolve) => {
    const worker = globalThis.cppCodeReader();
    worker.onmessage = ({ data }) => { worker.terminate(); resolve(data); };
    worker.onerror = (event) => resolve({ error: event.message ?? 'the worker did not start' });
    worker.postMessage({ width: 8, height: 8, pixels: new Uint8Array(8 * 8 * 4).fill(255).buffer });
  }));
  assert.deepEqual(answer, { found: [] });

  const other = requests.filter((r) => !r.startsWith(url.split('#')[0]) && !/^(data|blob):/.test(r));
  assert.deepEqual(other, [], 'the single file asked for something else');
  assert.deepEqual(problems, []);
  await context.close();
});
