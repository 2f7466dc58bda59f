// An improvement adviser drops about 200 files from 30 partnerships into the app, sees the
// national picture with small groups suppressed, filters it and exports it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApp } from './harness.mjs';
import { adviserFiles, PARTNERSHIPS } from './fixtures/adviser-files.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

test('an adviser collates files from 30 partnerships', async () => {
  const { files, good } = adviserFiles();
  assert.ok(files.length >= 200, `${files.length} files`);
  const { page } = await app.newPage();
  await page.goto(`${app.origin}/`);
  await page.getByRole('link', { name: 'Collate results from many partnerships' }).click();
  await page.getByRole('heading', { level: 1, name: 'Collate results from many partnerships' }).waitFor();
  // What the page says while it works: each stage announced once, the count read shown.
  await page.evaluate(() => {
    window.seen = { status: [], progress: false };
    new MutationObserver(() => {
      const status = document.querySelector('.drop-zone ~ [role="status"]')?.textContent;
      if (status && window.seen.status.at(-1) !== status) window.seen.status.push(status);
      window.seen.progress ||= !!document.querySelector('progress');
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByLabel('Choose adviser files').setInputFiles(files);
  await page.getByText(`${good} of ${files.length} files added.`).waitFor();
  const seen = await page.evaluate(() => window.seen);
  assert.deepEqual(seen.status, [`Reading ${files.length} files\u2026`, `Checking ${files.length} files\u2026`]);
  assert.ok(seen.progress, 'how many files have been read is shown');
  assert.equal(await page.locator('progress').count(), 0, 'and goes once they are in');
  const report = page.getByRole('table', { name: 'What happened to each file' });
  const outcome = async (name) => report.getByRole('row', { name: new RegExp(`^${name.replace(/\./g, '\\.')}`) }).textContent();
  assert.match(await outcome('copy-of-first.adviser.json'), /already in the collection/);
  assert.match(await outcome('truncated.adviser.json'), /not readable JSON/);
  assert.match(await outcome('minutes.docx'), /not a text file/);
  assert.match(await outcome('a-session.json'), /saved board session, not a saved adviser file/);
  assert.match(await outcome('other-questionnaire.adviser.json'), /does not have/);

  await page.getByText(`${PARTNERSHIPS} partnerships in view (${good} files collected).`).waitFor();
  const heatmap = page.getByRole('table', { name: 'Partnerships by principle', exact: true });
  assert.equal(await heatmap.getByRole('row').count(), PARTNERSHIPS + 1);
  assert.equal(await heatmap.getByRole('rowheader', { name: 'Partnership 3 (CPP-03)' }).count(), 1, 'named only by opting in');
  assert.equal(await heatmap.getByRole('rowheader', { name: 'CPP-04' }).count(), 1);
  await page.locator('#national-profile-chart svg').waitFor();
  const profile = page.getByRole('table', { name: 'Median of partnerships by principle' });
  assert.doesNotMatch(await profile.textContent(), /Suppressed/);
  const hotSpots = page.getByRole('heading', { name: 'Disagreement hot spots' }).locator('xpath=following-sibling::ol[1]/li');
  assert.match(await hotSpots.first().textContent(), /^\d\.1: \d+ partnerships/);
  await app.checkAccessibility(page, 'adviser collation');

  // A filter that leaves few partnerships suppresses the figures across them.
  await page.getByLabel('From date').fill('2026-01-01');
  await page.getByLabel('From date').press('Tab');
  await page.getByText(/^15 partnerships in view \(\d+ files collected\)\. 15 partnerships are outside the filter or shown from an earlier file\.$/).waitFor();
  await page.getByLabel('From date').fill('2026-09-01');
  await page.getByLabel('From date').press('Tab');
  await page.getByText(/partnerships? in view .* (partnership is|partnerships are) outside the filter or shown from an earlier file\./).waitFor();
  assert.match(await profile.textContent(), /Suppressed: fewer than 5 partnerships/);

  const [workbook] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Excel workbook (.xlsx)' }).click()]);
  assert.equal((await readFile(await workbook.path())).subarray(0, 2).toString('latin1'), 'PK');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Partnerships by principle (CSV)' }).click()]);
  assert.match(await readFile(await csv.path(), 'utf8'), /^\ufeffPartnership code,Partnership name,Source,Date,Community participation and co-production,/);

  // The collection as one file: download, clear, open it again.
  const [collectionFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the collection' }).click()]);
  const collectionBytes = await readFile(await collectionFile.path());
  assert.equal(JSON.parse(collectionBytes.toString('utf8')).collection.submissions.length, good);

  // The collection survives a reload, and clearing asks first.
  await page.reload();
  await page.getByText(`${PARTNERSHIPS} partnerships in view (${good} files collected).`).waitFor();
  await page.getByRole('button', { name: 'Clear the collection' }).click();
  await page.getByRole('button', { name: 'Yes, clear the collection' }).click();
  await page.getByText('0 partnerships in view (0 files collected).').waitFor();

  // A whole folder, as an adviser keeps them: its JSON files are read, anything else is ignored.
  const folder = await mkdtemp(path.join(tmpdir(), 'adviser-files-'));
  for (const file of files.slice(0, 12)) await writeFile(path.join(folder, file.name), file.buffer);
  await writeFile(path.join(folder, 'readme.txt'), 'not for the app');
  await page.getByLabel('Or choose a whole folder').setInputFiles(folder);
  await page.getByText('12 of 12 files added.').waitFor();
  await page.getByRole('button', { name: 'Clear the collection' }).click();
  await page.getByRole('button', { name: 'Yes, clear the collection' }).click();
  await page.getByText('0 partnerships in view (0 files collected).').waitFor();

  await page.getByLabel('Open a collection file').setInputFiles({ name: 'adviser-collection.json', mimeType: 'application/json', buffer: collectionBytes });
  await page.getByText(`${good} of ${good} files added.`).waitFor();
  await page.getByText(`${PARTNERSHIPS} partnerships in view (${good} files collected).`).waitFor();
  app.assertClean();
});
