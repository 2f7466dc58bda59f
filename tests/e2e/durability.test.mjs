// Works anywhere, loses nothing: an offline reload, an update that keeps unsaved work, two
// tabs on the same assessment, storage filled to quota, corrupt storage at start, a tab
// closed 100 ms after an edit, a workbook writer or a page's code that fails to arrive, and
// a backup restored into an empty browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, appendFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fillStorage, startApp, ROOT } from './harness.mjs';
import { joinLink, newSession, PHONE } from './fixtures/ballot-codes.mjs';

// A copy of the site, so the update test can publish a "new version" of it.
const site = mkdtempSync(path.join(os.tmpdir(), 'cpp-site-'));
cpSync(path.join(ROOT, 'dist'), site, { recursive: true });

let app;
before(async () => { app = await startApp({ site }); });
after(async () => {
  await app?.close();
  rmSync(site, { recursive: true, force: true });
});

async function createAssessment(page, name) {
  await page.goto(`${app.origin}/#/new`);
  await page.getByLabel('Name of the partnership').fill(name);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { level: 1, name: `Self-assessment of ${name}` }).waitFor();
}

/** Rates expectation 1.`n` "Good" from the task list of the current assessment. */
async function rateFirstPrinciple(page, taskListUrl, n, label = 'Good (4)') {
  await page.goto(taskListUrl.replace(/\/?$/, `/expectations/participation-${n}`));
  await page.getByLabel(label, { exact: true }).check();
}

const storedAssessments = (page) => page.evaluate(() => Object.keys(localStorage)
  .filter((k) => k.startsWith('cpp-self-assessment/assessment/'))
  .map((k) => JSON.parse(localStorage.getItem(k)).assessment));

test('after the first visit the app works with the network cut, and an update keeps unsaved work', async () => {
  const { context, page } = await app.newPage();
  await page.goto(`${app.origin}/`);
  await page.getByRole('heading', { level: 1, name: 'Assess your community planning partnership' }).waitFor();
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  // Network off: reload, start an assessment, see its chart, make a workbook, use the quiz
  // and the adviser's page.
  await context.setOffline(true);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Assess your community planning partnership' }).waitFor();
  await createAssessment(page, 'Offline CPP');
  const taskList = page.url();
  await rateFirstPrinciple(page, taskList, 1);
  await page.goto(taskList.replace(/\/?$/, '/results'));
  await page.locator('#principle-profile-chart svg').waitFor();
  const [workbook] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Excel workbook (.xlsx)' }).click()]);
  assert.equal((await readFile(await workbook.path())).subarray(0, 2).toString(), 'PK');
  await page.goto(`${app.origin}/#/quiz`);
  await page.getByRole('button', { name: 'Start the quiz' }).waitFor();
  // A page kept in its own chunk, precached like the rest.
  await page.goto(`${app.origin}/#/adviser`);
  await page.getByRole('heading', { level: 1, name: 'Collate results from many partnerships' }).waitFor();
  await context.setOffline(false);

  // A new version is published. The page is told, and updating keeps the change just made.
  appendFileSync(path.join(site, 'sw.js'), '\n// a new version\n');
  await page.evaluate(async () => { await (await navigator.serviceWorker.getRegistration()).update(); });
  const banner = page.getByRole('region', { name: 'Update' });
  await banner.getByText('A new version is available').waitFor();
  await app.checkAccessibility(page, 'update available');
  // A tab opened while the new version waits is told too, though the service worker's
  // script finds the waiting version before the app has started listening.
  const later = await context.newPage();
  await later.goto(`${app.origin}/`);
  await later.getByRole('region', { name: 'Update' }).getByText('A new version is available').waitFor();
  await later.close();
  await rateFirstPrinciple(page, taskList, 2, 'Excellent (6)');
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Update now' }).click()]);
  await page.getByRole('heading', { level: 1 }).waitFor();
  assert.equal(await banner.count(), 0);
  const [saved] = await storedAssessments(page);
  assert.deepEqual(saved.responses['participation-1'].rating, { level: 4 });
  assert.deepEqual(saved.responses['participation-2'].rating, { level: 6 });
  app.assertClean();
});

test('a version already waiting when the page loads is offered at once', async () => {
  const { page } = await app.newPage();
  // What the service worker's script records when it finds a waiting version, before the
  // app has started.
  await page.addInitScript(() => { window.__appUpdateWaiting = { postMessage() {} }; });
  await page.goto(`${app.origin}/`);
  await page.getByRole('heading', { level: 1, name: 'Assess your community planning partnership' }).waitFor();
  await page.getByRole('region', { name: 'Update' }).getByText('A new version is available').waitFor();
  app.assertClean();
});

test('two tabs on the same assessment see each other\'s changes and never overwrite them', async () => {
  const { context, page: first } = await app.newPage();
  await createAssessment(first, 'Two Tabs CPP');
  const taskList = first.url();
  const second = await context.newPage();
  await second.goto(taskList);
  await second.getByText('0 of 33 expectations completed').waitFor();

  await rateFirstPrinciple(first, taskList, 1);
  // The second tab follows without a reload.
  await second.getByText('1 of 33 expectations completed').waitFor();
  await rateFirstPrinciple(second, taskList, 2, 'Weak (2)');
  await first.goto(taskList);
  await first.getByText('2 of 33 expectations completed').waitFor();
  // A note typed in one tab while the other is open on the same page.
  await rateFirstPrinciple(first, taskList, 3);
  await second.goto(first.url());
  await first.getByLabel('Evidence and comments (optional)').fill('From the first tab');
  await first.waitForFunction(() => Object.values(localStorage).some((v) => v.includes('From the first tab')));
  // The second tab's field shows the first tab's text without a reload, so typing there
  // carries on from it instead of writing back its own old text.
  const secondNote = second.getByLabel('Evidence and comments (optional)');
  await second.waitForFunction(() => document.querySelector('textarea')?.value === 'From the first tab');
  await secondNote.press('End');
  await secondNote.pressSequentially(', and the second');
  await first.waitForFunction(() => document.querySelector('textarea')?.value === 'From the first tab, and the second');
  await first.waitForFunction(() => Object.values(localStorage).some((v) => v.includes('From the first tab, and the second')));
  assert.equal(await first.getByText('Changed in another tab').count(), 0, 'no change was lost, so none is reported');

  const [saved] = await storedAssessments(first);
  assert.deepEqual(Object.keys(saved.responses).sort(), ['participation-1', 'participation-2', 'participation-3']);
  app.assertClean();
});

test('with storage full, an edit warns clearly, loses nothing, and saves once there is room', async () => {
  const { page } = await app.newPage();
  await createAssessment(page, 'Full Quota CPP');
  const taskList = page.url();
  await rateFirstPrinciple(page, taskList, 1);
  // Wait for the rating itself to be written: "Saved" may still be showing from creating it.
  await page.waitForFunction(() => Object.values(localStorage).some((v) => v.includes('"participation-1"')));
  // Another site's data fills the rest of this origin's storage.
  const filler = await fillStorage(page);
  assert.ok(filler > 0);

  await rateFirstPrinciple(page, taskList, 2, 'Excellent (6)');
  await page.getByLabel('Evidence and comments (optional)').fill('Written when the storage was full');
  const warning = page.getByRole('alert').filter({ hasText: 'Your latest changes are not saved on this device' });
  await warning.waitFor();
  await app.checkAccessibility(page, 'storage full');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    warning.getByRole('button', { name: 'Download a backup of everything' }).click(),
  ]);
  const backup = JSON.parse(await readFile(await download.path(), 'utf8'));
  const inBackup = backup.records.find((r) => r.assessment?.details.partnership === 'Full Quota CPP').assessment;
  assert.equal(inBackup.responses['participation-2'].note, 'Written when the storage was full');
  // The last copy that did save is intact.
  let [stored] = await storedAssessments(page);
  assert.deepEqual(stored.responses['participation-1'].rating, { level: 4 });

  // Room again: the next change saves everything, including what was refused.
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('another-app/')).forEach((k) => localStorage.removeItem(k)));
  await page.getByLabel('Evidence and comments (optional)').fill('Written when the storage was full, then saved');
  await page.getByText(/^Saved on this device at/).waitFor();
  assert.equal(await warning.count(), 0);
  [stored] = await storedAssessments(page);
  assert.deepEqual(stored.responses['participation-2'].rating, { level: 6 });
  assert.equal(stored.responses['participation-2'].note, 'Written when the storage was full, then saved');
  app.assertClean();
});

test('a tab closed 100 ms after an edit loses nothing', async () => {
  const { context, page } = await app.newPage();
  await createAssessment(page, 'Quick Close CPP');
  const taskList = page.url();
  await rateFirstPrinciple(page, taskList, 1, 'Very good (5)');
  await page.getByText(/^Saved on this device at/).waitFor();
  // One edit, then the tab is closed 100 ms later: before the next scheduled save.
  await page.getByLabel('Evidence and comments (optional)').fill('Typed just before closing');
  await page.waitForTimeout(100);
  await page.close();
  const again = await context.newPage();
  await again.goto(taskList.replace(/\/?$/, '/expectations/participation-1'));
  assert.equal(await again.getByLabel('Very good (5)', { exact: true }).isChecked(), true);
  assert.equal(await again.getByLabel('Evidence and comments (optional)').inputValue(), 'Typed just before closing');
  app.assertClean();
});

test('corrupt storage at start is set aside and reported, and the rest still opens', async () => {
  const { context, page } = await app.newPage();
  await createAssessment(page, 'Survivor CPP');
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('cpp-self-assessment/assessment/')));
  await page.evaluate(() => {
    localStorage.setItem('cpp-self-assessment/assessment/broken', '{"format": "cpp-self-assessment.assessment", "schema_version": 2, "assessm');
    localStorage.setItem('cpp-self-assessment/session/garbage', '\u0000\u0001 not json');
    // A loaded questionnaire kept intact, whose file no longer passes the checks.
    localStorage.setItem('cpp-self-assessment/questionnaire/stale@1', JSON.stringify({
      app_version: '0.1.0', format: 'cpp-self-assessment.questionnaire', schema_version: 1,
      questionnaire: { id: 'stale@1', file_name: 'stale.json', text: '{"format": "cpp-questionnaire"}', loaded_at: '2026-11-23T09:00:00.000Z', updated_at: '2026-11-23T09:00:00.000Z' },
    }));
  });
  // Exactly one fresh start: the notice belongs to the load that sets the records aside.
  await page.goto('about:blank');
  await page.goto(`${app.origin}/`);
  await page.getByText('1 saved assessment(s) could not be read. They have been kept on this device, set aside, and were not deleted.').waitFor();
  await page.getByText('1 saved board session(s) could not be read.', { exact: false }).waitFor();
  await page.getByText('The questionnaire loaded from stale.json can no longer be read, so it is not offered. It is still kept on this device.', { exact: false }).waitFor();
  await page.getByRole('table', { name: 'Assessments saved in this browser' }).getByRole('link', { name: 'Survivor CPP', exact: true }).waitFor();
  let setAside = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('cpp-self-assessment/set-aside/')));
  assert.equal(setAside.length, 2);
  await app.checkAccessibility(page, 'start page with set-aside records');

  // The adviser's collection and quiz progress are read when their pages first open, and
  // anything unreadable among them is set aside and reported there.
  await page.evaluate(() => {
    localStorage.setItem('cpp-self-assessment/collection/adviser-collection', '{"format": "cpp-self-assessment.collection", "schema_version": 1, "collection": {"submissions": 7}}');
    localStorage.setItem('cpp-self-assessment/quiz-progress/understanding-community-planning', '[1, 2');
  });
  await page.getByRole('link', { name: 'Collate results from many partnerships' }).click();
  await page.getByRole('heading', { level: 1, name: 'Collate results from many partnerships' }).waitFor();
  await page.getByText('1 saved adviser collection(s) could not be read. They have been kept on this device, set aside, and were not deleted.').waitFor();
  await page.goto(`${app.origin}/#/quiz`);
  await page.getByRole('button', { name: 'Start the quiz' }).waitFor();
  await page.getByText('1 saved quiz progress(s) could not be read.', { exact: false }).waitFor();
  setAside = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('cpp-self-assessment/set-aside/')));
  assert.equal(setAside.length, 4);
  await app.checkAccessibility(page, 'quiz page with set-aside progress');
  await context.close();
  app.assertClean();
});

test('when the workbook writer cannot be fetched, the person is told and can try again', async () => {
  const { context, page } = await app.newPage({ serviceWorkers: 'block' });
  await createAssessment(page, 'Flaky Line CPP');
  const taskList = page.url();
  await rateFirstPrinciple(page, taskList, 1);
  await page.goto(taskList.replace(/\/?$/, '/results'));
  await page.getByRole('heading', { level: 1, name: 'Results' }).waitFor();
  await context.route('**/app/*/split_workbook_writer.wasm', (route) => route.abort());
  await page.getByRole('button', { name: 'Excel workbook (.xlsx)' }).click();
  await page.getByRole('alert').filter({ hasText: 'The workbook could not be made (part of the app could not be loaded: check the connection and try again). Try the CSV files instead.' }).waitFor();
  await app.checkAccessibility(page, 'results with a workbook problem');
  await context.unroute('**/app/*/split_workbook_writer.wasm');
  const [workbook] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Excel workbook (.xlsx)' }).click()]);
  assert.equal((await readFile(await workbook.path())).subarray(0, 2).toString(), 'PK');
  await page.getByRole('alert').filter({ hasText: 'The workbook could not be made' }).waitFor({ state: 'detached' });
  await context.close();
  app.assertClean();
});

test('when a page\'s code cannot be fetched, the person is told and can try again', async () => {
  const { context, page } = await app.newPage({ serviceWorkers: 'block' });
  await page.goto(`${app.origin}/`);
  await page.getByRole('heading', { level: 1, name: 'Assess your community planning partnership' }).waitFor();
  await context.route('**/app/*/split_*.wasm', (route) => route.abort());
  await page.goto(`${app.origin}/#/adviser`);
  await page.getByRole('heading', { level: 1, name: 'This page could not be loaded' }).waitFor();
  await page.getByRole('alert').filter({ hasText: 'Part of the app did not arrive.' }).waitFor();
  await app.checkAccessibility(page, 'a page that could not be loaded');
  await context.unroute('**/app/*/split_*.wasm');
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('heading', { level: 1, name: 'Collate results from many partnerships' }).waitFor();

  await context.close();
  app.assertClean();
});

test('when the backup\'s code cannot be fetched, the button says so and works on a second try', async () => {
  const { context, page } = await app.newPage({ serviceWorkers: 'block' });
  await createAssessment(page, 'Offline Backup CPP');
  await page.goto(`${app.origin}/#/backup`);
  await page.getByRole('heading', { level: 1, name: 'Back up or restore' }).waitFor();
  // The backup is made by a chunk of its own, fetched at the first click.
  await context.route('**/app/*/split_backup_download*.wasm', (route) => route.abort());
  const backup = page.getByRole('button', { name: 'Download a backup of everything' });
  await backup.click();
  await page.getByRole('alert').filter({ hasText: 'The backup could not be made: part of the tool did not arrive.' }).waitFor();
  await app.checkAccessibility(page, 'a backup that could not be made');
  await context.unroute('**/app/*/split_backup_download*.wasm');
  const [download] = await Promise.all([page.waitForEvent('download'), backup.click()]);
  assert.match(download.suggestedFilename(), /\.json$/);
  assert.equal(await page.getByText('The backup could not be made').count(), 0);
  await context.close();
  app.assertClean();
});

test('a file that cannot be offered for saving is reported on the page, never dropped', async () => {
  const { page } = await app.newPage();
  await createAssessment(page, 'Blocked Download CPP');
  const taskList = page.url();
  await page.goto(taskList.replace(/\/?$/, '/results'));
  await page.getByRole('heading', { level: 1, name: 'Results' }).waitFor();
  // A browser that will not make the download link (a policy, an extension).
  await page.evaluate(() => {
    window.realCreateElement = document.createElement.bind(document);
    document.createElement = (tag, ...rest) => {
      if (tag === 'a') throw new Error('blocked');
      return window.realCreateElement(tag, ...rest);
    };
  });
  for (const name of ['Ratings (CSV)', 'Backup file (JSON)']) {
    await page.getByRole('button', { name }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'The file was not saved' });
    await alert.getByText(/could not be saved\. The download link could not be made\./).waitFor();
    // The button is far down the page; the warning takes focus, so it is seen.
    await page.waitForFunction(() => document.activeElement?.id === 'download-problem');
    assert.ok(await alert.isVisible() && await alert.evaluate((e) => e.getBoundingClientRect().top >= 0 && e.getBoundingClientRect().top < innerHeight));
    await page.getByRole('button', { name }).scrollIntoViewIfNeeded();
  }
  await app.checkAccessibility(page, 'a file that could not be saved');
  await page.evaluate(() => { document.createElement = window.realCreateElement; });
  // It belongs to the page it happened on.
  await page.goto(taskList);
  await page.getByRole('heading', { level: 1, name: 'Self-assessment of Blocked Download CPP' }).waitFor();
  assert.equal(await page.getByText('The file was not saved').count(), 0);
  await page.goto(taskList.replace(/\/?$/, '/results'));
  await page.getByRole('heading', { level: 1, name: 'Results' }).waitFor();
  assert.equal(await page.getByText('The file was not saved').count(), 0);
  await page.evaluate(() => { document.createElement = (tag, ...rest) => { if (tag === 'a') throw new Error('blocked'); return window.realCreateElement(tag, ...rest); }; });
  await page.getByRole('button', { name: 'Ratings (CSV)' }).click();
  await page.getByText('The file was not saved').waitFor();
  await page.evaluate(() => { document.createElement = window.realCreateElement; });
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ratings (CSV)' }).click()]);
  assert.match(csv.suggestedFilename(), /\.ratings\.csv$/);
  assert.equal(await page.getByText('The file was not saved').count(), 0);
  app.assertClean();
});

test('a backup restores everything exactly into an empty browser', async () => {
  const { page } = await app.newPage();
  await createAssessment(page, 'Backed Up CPP');
  const taskList = page.url();
  await rateFirstPrinciple(page, taskList, 1, 'Satisfactory (3)');
  await page.getByLabel('Evidence and comments (optional)').fill('Note with <b>markup</b> and =SUM(A1)');
  await page.goto(`${app.origin}/#/backup`);
  await page.getByRole('heading', { level: 1, name: 'Back up or restore' }).waitFor();
  await app.checkAccessibility(page, 'backup page');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download a backup of everything' }).click(),
  ]);
  const backupText = await readFile(await download.path(), 'utf8');
  const before = await storedAssessments(page);
  await page.getByText(/^You last downloaded a backup from this browser on /).waitFor();

  const { page: fresh } = await app.newPage();
  await fresh.goto(`${app.origin}/#/backup`);
  await fresh.getByLabel('Choose a backup or saved file').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(backupText) });
  await fresh.getByText(/^Restored from cpp-self-assessment-backup-.*: \d+ record\(s\) read\. \d+ added, 0 updated\./).waitFor();
  assert.deepEqual(await storedAssessments(fresh), before);
  // Restoring again changes nothing.
  await fresh.getByLabel('Choose a backup or saved file').setInputFiles({ name: 'again.json', mimeType: 'application/json', buffer: Buffer.from(backupText) });
  await fresh.getByText(/0 added, 0 updated\. \d+ already here as in the file\./).waitFor();
  // Several files at once: each is restored or refused on its own.
  await fresh.getByLabel('Choose a backup or saved file').setInputFiles([
    { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "cpp-self-assessment.backup", "records": [') },
    { name: 'copy.json', mimeType: 'application/json', buffer: Buffer.from(backupText) },
  ]);
  await fresh.getByRole('alert').filter({ hasText: 'A file was not restored' }).getByText(/^broken\.json: .*Nothing in this browser was changed\.$/).waitFor();
  await fresh.getByText(/^Restored from copy\.json: /).waitFor();
  await fresh.goto(`${app.origin}/`);
  await fresh.getByRole('link', { name: 'Backed Up CPP', exact: true }).waitFor();
  app.assertClean();
});

test('the browser is asked to keep the data when something is first saved, not at the first visit, and again from "Privacy and storage"', async () => {
  const { page } = await app.newPage();
  // The browser's answers, and every time it is asked.
  await page.addInitScript(() => {
    window.__asked = 0;
    window.__kept = false;
    navigator.storage.persist = async () => { window.__asked += 1; window.__kept = window.__asked > 1; return window.__kept; };
    navigator.storage.persisted = async () => window.__kept;
  });
  await page.goto(`${app.origin}/`);
  await page.getByRole('heading', { level: 1, name: 'Assess your community planning partnership' }).waitFor();
  await page.getByRole('link', { name: 'Start a new assessment' }).click();
  await page.getByRole('heading', { level: 1, name: 'Start a new assessment' }).waitFor();
  assert.equal(await page.evaluate(() => window.__asked), 0, 'no question before there is anything to keep');
  await page.getByLabel('Name of the partnership').fill('Anytown Community Planning Partnership');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('Assessment saved to this device').waitFor();
  assert.equal(await page.evaluate(() => window.__asked), 1, 'asked once, on the first save');
  // Back to the start page within the same visit.
  await page.evaluate(() => { location.hash = '#/'; });
  await page.getByRole('link', { name: 'Start a new assessment' }).click();
  await page.getByLabel('Name of the partnership').fill('Othertown Community Planning Partnership');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('Assessment saved to this device').waitFor();
  assert.equal(await page.evaluate(() => window.__asked), 1, 'and only once a visit');

  await page.goto(`${app.origin}/#/privacy`);
  await page.getByText('This browser may clear the tool\u2019s data when the device runs short of space.', { exact: false }).waitFor();
  await page.getByText('Safari on a Mac, and every browser on an iPhone or iPad', { exact: false }).waitFor();
  await app.checkAccessibility(page, 'privacy and storage, data not kept');
  await page.getByRole('button', { name: 'Ask this browser to keep the tool\u2019s data' }).click();
  await page.getByText('This browser has agreed to keep the tool\u2019s data when the device runs short of space.').waitFor();
  assert.equal(await page.evaluate(() => window.__asked), 2);
  app.assertClean();
});

test('a member\'s ballot on their own phone does not ask the browser to keep the data', async () => {
  const { page: laptop } = await app.newPage();
  await newSession(app, laptop);
  const link = await joinLink(laptop);
  const { page: phone } = await app.newPage(PHONE);
  await phone.addInitScript(() => {
    window.__asked = 0;
    navigator.storage.persist = async () => { window.__asked += 1; return true; };
  });
  await phone.goto(link);
  await phone.getByRole('button', { name: 'Start rating' }).click();
  await phone.getByRole('button', { name: /^Good \(4\)/ }).click();
  await phone.locator('.ballot-progress__count').getByText('2 of 33').waitFor();
  // Once the ballot is written, any question would have been asked.
  await phone.waitForFunction(() => Object.keys(localStorage).some((k) => k.includes('/assessment/')));
  assert.equal(await phone.evaluate(() => window.__asked), 0, 'a ballot for one meeting brings no permission prompt');
  app.assertClean();
});

test('Safari\'s engine is reminded to back up after 6 days, since it deletes a site\'s data after 7 unvisited', async () => {
  const { page } = await app.newPage({ userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1' });
  await page.goto(`${app.origin}/`);
  await page.getByRole('heading', { level: 1, name: 'Assess your community planning partnership' }).waitFor();
  await page.getByRole('link', { name: 'Start a new assessment' }).click();
  await page.getByLabel('Name of the partnership').fill('Anytown Community Planning Partnership');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('Assessment saved to this device').waitFor();
  await page.goto(`${app.origin}/`);
  await page.getByText('deletes what this tool keeps if you do not open it for 7 days of use, unless you added it to your Home Screen. You have not downloaded a backup in the last 6 days.', { exact: false }).waitFor();
  app.assertClean();
});
