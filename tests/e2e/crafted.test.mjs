// Crafted files and hand-edited storage, as a hostile or careless user would bring them:
// nothing crashes the app or leaves a page unusable, every path applies the same checks,
// and suppression cannot be defeated by spelling a code differently or by a date filter.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fillStorage, startApp } from './harness.mjs';
import { assessmentFile, expectations, questionnaire } from './fixtures/responses.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

const COLLECTION_KEY = 'cpp-self-assessment/collection/adviser-collection';

/** One partnership's adviser file body, everyone rated `level`. */
function submission(code, { date = '2026-06-15', level = 4, counts } = {}) {
  const ratings = Object.fromEntries(expectations.map((e) => [e.id, { level }]));
  return {
    partnership_code: code,
    questionnaire_id: questionnaire.id,
    questionnaire_version: questionnaire.version,
    date,
    source: counts ? 'session' : 'assessment',
    ratings,
    ...(counts ? { counts } : {}),
    planned: [],
  };
}

const envelope = (kind, body) => JSON.stringify({ format: `cpp-self-assessment.${kind}`, schema_version: 1, app_version: '0.1.0', [kind]: body });
const adviserFile = (name, body) => ({ name, mimeType: 'application/json', buffer: Buffer.from(envelope('adviser', body)) });
const collection = (submissions, threshold = 5) => envelope('collection', { submissions, threshold, updated_at: '2026-11-20T10:00:00.000Z' });

async function openAdviser(page) {
  await page.goto(`${app.origin}/#/adviser`);
  await page.getByRole('heading', { level: 1, name: 'Collate results from many partnerships' }).waitFor();
}

test('a stored collection claiming a billion members is set aside, and the adviser page still works', async () => {
  const { page } = await app.newPage();
  await page.goto(`${app.origin}/`);
  await page.getByRole('heading', { level: 1, name: 'Assess your community planning partnership' }).waitFor();
  const billion = submission('CPP-01', { counts: { 'participation-1': { levels: { 4: 1000000000 }, dont_know: 0 } } });
  await page.evaluate(([key, text]) => localStorage.setItem(key, text), [COLLECTION_KEY, collection([billion])]);
  await openAdviser(page);
  // One sentence after another, each with its full stop.
  await page.getByText(/^The saved adviser collection cannot be used\. Its file number 1 cannot be used\. .*more than any board has[^.]*\. It has been kept on this device, set aside, and was not deleted\.$/).waitFor();
  await page.getByText('0 partnerships in view (0 files collected).').waitFor();
  await app.checkAccessibility(page, 'adviser page with a collection set aside');
  // Kept, not deleted; and every later visit works.
  assert.ok(await page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('cpp-self-assessment/set-aside/'))));
  await page.reload();
  await page.getByText('0 partnerships in view (0 files collected).').waitFor();
  // The same file chosen by hand is refused with the reason.
  await page.getByLabel('Choose adviser files').setInputFiles([adviserFile('billion.adviser.json', billion)]);
  await page.getByText('0 of 1 files added.').waitFor();
  await page.getByText('more than any board has', { exact: false }).waitFor();
  app.assertClean();
});

test('codes spelt five ways are one partnership, and a year cannot show one partnership by difference', async () => {
  const { page } = await app.newPage();
  await openAdviser(page);
  await page.getByLabel('Choose adviser files').setInputFiles(
    ['SOLO-1', ' SOLO-1', 'SOLO-1 ', 'solo-1', ' solo-1 '].map((code, i) => adviserFile(`solo-${i}.adviser.json`, submission(code, { level: 1 + i }))),
  );
  await page.getByText('1 of 5 files added.').waitFor();
  await page.getByText('1 partnership in view (1 file collected).').waitFor();
  const profile = page.getByRole('table', { name: 'Median of partnerships by principle' });
  assert.match(await profile.textContent(), /Suppressed: fewer than 5 partnerships/);
  // Nothing to draw: no empty chart.
  assert.equal(await page.locator('#national-profile-chart').count(), 0);
  await page.getByRole('button', { name: 'Clear the collection' }).click();
  await page.getByRole('button', { name: 'Yes, clear the collection' }).click();

  // Six partnerships in 2025; one of them sent a newer file in 2026. The 2025 view shows
  // its older file instead: it and the view of all files differ by that one partnership.
  const earlier = [1, 2, 3, 4, 5, 6].map((n) => adviserFile(`cpp-${n}.json`, submission(`CPP-0${n}`, { date: '2025-06-15', level: 4 })));
  const newer = adviserFile('cpp-1-2026.json', submission('CPP-01', { date: '2026-10-15', level: 1 }));
  await page.getByLabel('Choose adviser files').setInputFiles([...earlier, newer]);
  await page.getByText('7 of 7 files added.').waitFor();
  await page.getByText('6 partnerships in view (7 files collected).').waitFor();
  assert.doesNotMatch(await profile.textContent(), /Suppressed/);
  // Only whole years are offered, so every view can be checked against every other.
  assert.deepEqual(await page.getByLabel('Files dated').locator('option').allTextContents(), ['All dates', '2025', '2026']);
  await page.getByLabel('Files dated').selectOption('2025');
  await page.getByText('6 partnerships in view (7 files collected). 1 partnership is outside this view or shown from another file.').waitFor();
  // Six are enough, but the one that differs could be worked out by difference: said so.
  assert.match(await profile.textContent(), /Suppressed: another view differs from this one by fewer than 5 partnerships/);
  assert.doesNotMatch(await profile.textContent(), /Suppressed: fewer than/);
  assert.doesNotMatch(await profile.textContent(), /\d\.\d/, 'no figure is shown');
  await app.checkAccessibility(page, 'adviser view with a year that swaps a file');
  await page.getByLabel('Files dated').selectOption('2026');
  await page.getByText('1 partnership in view (7 files collected).', { exact: false }).waitFor();
  assert.match(await profile.textContent(), /Suppressed: fewer than 5 partnerships/);
  app.assertClean();
});

test('a backup is checked like every other path, and its collection joins the one here', async () => {
  const { page } = await app.newPage();
  await openAdviser(page);
  await page.getByLabel('Choose adviser files').setInputFiles([1, 2, 3, 4, 5].map((n) => adviserFile(`cpp-${n}.json`, submission(`CPP-0${n}`))));
  await page.getByText('5 of 5 files added.').waitFor();

  await page.goto(`${app.origin}/#/backup`);
  const picker = page.getByLabel('Choose a backup or saved file');
  const crafted = [
    ['rating-200.json', collection([{ ...submission('CPP-09'), ratings: { 'participation-1': { level: 200 } } }]), /rating 200/],
    ['threshold-0.json', collection([submission('CPP-09')], 0), /threshold is 0/],
    ['markup-code.json', collection([submission('<b>CPP</b>')]), /partnership code/],
  ];
  for (const [name, text, reason] of crafted) {
    await picker.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
    const alert = page.getByRole('alert').filter({ hasText: 'A file was not restored' });
    await alert.getByText(new RegExp(`^${name.replace('.', '\\.')}: `)).waitFor();
    assert.match(await alert.textContent(), reason);
  }
  // A newer collection with one new file is added to the five, never put in their place.
  await picker.setInputFiles({ name: 'newer.json', mimeType: 'application/json', buffer: Buffer.from(collection([submission('CPP-09')])) });
  await page.getByText(/^Restored from newer\.json: 1 record\(s\) read\. 0 added, 1 updated\./).waitFor();
  await openAdviser(page);
  await page.getByText('6 partnerships in view (6 files collected).').waitFor();
  app.assertClean();
});

test('records edited by hand in storage are checked before any page uses them', async () => {
  const { page } = await app.newPage();
  await page.goto(`${app.origin}/`);
  // Started, and so done reading storage, before the records are edited: the next start
  // is the one to find them.
  await page.getByRole('heading', { level: 1, name: 'Assess your community planning partnership' }).waitFor();
  const edited = JSON.parse(assessmentFile({ id: 'edited' }).buffer.toString());
  edited.assessment.responses['participation-1'].rating = { level: 200 };
  const victim = JSON.parse(assessmentFile({ id: 'victim/delete' }).buffer.toString());
  await page.evaluate(([a, b]) => {
    localStorage.setItem('cpp-self-assessment/assessment/edited', a);
    localStorage.setItem('cpp-self-assessment/assessment/victim/delete', b);
  }, [JSON.stringify(edited), JSON.stringify(victim)]);
  await page.reload();
  // An id no page address can carry is set aside at start, and said so.
  await page.getByText('A saved assessment cannot be used: The assessment has an id this tool does not make', { exact: false }).waitFor();
  assert.equal(await page.locator('a[href*="victim"]').count(), 0);
  // A rating off the scale: its pages say so instead of scoring it.
  await page.goto(`${app.origin}/#/assessments/edited/results`);
  await page.getByRole('heading', { level: 1, name: 'This cannot be opened' }).waitFor();
  await page.getByText('its rating 200 for "participation-1" is not on the', { exact: false }).waitFor();
  await app.checkAccessibility(page, 'a record that cannot be opened');
  assert.doesNotMatch(await page.locator('main').textContent(), /100\.0/);
  app.assertClean();
});

test('inside another page the tool does not start, so no click can be stolen', async () => {
  const { page } = await app.newPage();
  // Another page of the same site, with no policy of its own against frames.
  const framing = `${app.origin}/another-page.html`;
  await page.route(framing, (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!DOCTYPE html><title>Another page</title><main><h1>Another page</h1><iframe title="The tool, framed" src="${app.origin}/#/privacy" width="900" height="600"></iframe></main>`,
  }));
  await page.goto(framing);
  const framed = page.frameLocator('iframe');
  await framed.getByRole('heading', { level: 1, name: 'Open this tool in its own window' }).waitFor();
  assert.equal(await framed.getByRole('button', { name: /Delete everything/ }).count(), 0);
  assert.equal(await framed.getByRole('link', { name: 'Open the self-assessment tool in its own window' }).getAttribute('target'), '_top');
  app.assertClean();
});

test('names with direction overrides are isolated wherever they are shown', async () => {
  const { page } = await app.newPage();
  // Shown unisolated, the override would make the text after it read backwards.
  const name = 'Anytown \u202Eelif.exe';
  await page.goto(`${app.origin}/#/sessions/new`);
  await page.getByLabel('Name of the partnership').fill(name);
  await page.getByLabel('Date of the session').fill('2026-11-23');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('Board session saved to this device').waitFor();
  assert.equal(await page.locator('h1 bdi').textContent(), name);
  assert.equal(await page.locator('.caption-l bdi').textContent(), name);
  // A window title cannot hold markup: the name is isolated there by Unicode's own marks.
  await page.waitForFunction((n) => document.title.startsWith(`Board session: \u2068${n}\u2069 - `), name);
  await page.goto(`${app.origin}/`);
  assert.equal(await page.locator('table a bdi').filter({ hasText: 'Anytown' }).textContent(), name);

  await page.goto(`${app.origin}/#/new`);
  await page.getByLabel('Name of the partnership').fill(name);
  await page.getByLabel('Your role (optional)').fill('Chair \u202E');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { level: 1, name: `Self-assessment of ${name}` }).waitFor();
  await page.waitForFunction((n) => document.title.startsWith(`Self-assessment of \u2068${n}\u2069 - `), name);
  const taskList = page.url();
  await page.goto(taskList.replace(/\/?$/, '/results'));
  await page.getByRole('heading', { level: 1, name: 'Results' }).waitFor();
  assert.equal(await page.locator('.caption-l bdi').textContent(), name);
  await page.goto(taskList.replace(/\/?$/, '/plan'));
  await page.getByRole('heading', { level: 1, name: 'Improvement plan' }).waitFor();
  assert.equal(await page.locator('.caption-l bdi').textContent(), name);
  await page.goto(taskList.replace(/\/?$/, '/report'));
  await page.locator('h1 bdi').filter({ hasText: 'Anytown' }).waitFor();
  assert.equal(await page.locator('h1').textContent(), `Self-assessment of ${name}`);
  assert.equal(await page.locator('h1 bdi').textContent(), name);
  assert.match(await page.locator('article').textContent(), /by one person \(\u2068Chair \u202E\u2069\), dated/);
  await page.waitForFunction((n) => document.title.startsWith(`Report: Self-assessment of \u2068${n}\u2069 - `), name);
  app.assertClean();
});

test('a file added while the browser refuses to save is reported as not saved, never as added', async () => {
  const { page } = await app.newPage();
  await openAdviser(page);
  // Another site's data fills this origin's storage.
  await fillStorage(page);
  await page.getByLabel('Choose adviser files').setInputFiles([adviserFile('cpp-01.json', submission('CPP-01'))]);
  await page.getByText('0 of 1 files added.').waitFor();
  const report = page.getByRole('table', { name: 'What happened to each file' });
  assert.match(await report.textContent(), /Read, but not saved on this device/);
  await page.getByRole('heading', { name: 'Your latest changes are not saved on this device' }).waitFor();
  app.assertClean();
});

test('a loaded questionnaire cannot put a live formula in the collation CSV, its header row included', async () => {
  const { page } = await app.newPage();
  const hostile = JSON.parse(readFileSync(new URL('../../questionnaires/examples/worked-example.json', import.meta.url), 'utf8'));
  hostile.id = 'formula-titles';
  // A title that is a formula reaches the export's first row.
  hostile.title = '@SUM(1+1) titles';
  hostile.principles[0].title = '=HYPERLINK("http://example.invalid")';
  // Some spreadsheets read the full-width plus as a plus.
  hostile.principles[1].title = '\uff0b1+1';
  await page.goto(`${app.origin}/#/questionnaires`);
  await page.getByLabel('Load a questionnaire file').setInputFiles({ name: 'formula.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(hostile)) });
  await page.getByText('Loaded \u201c@SUM(1+1) titles\u201d', { exact: false }).waitFor();

  const ratings = Object.fromEntries(hostile.principles.flatMap((p) => p.expectations).map((e) => [e.id, { level: 4 }]));
  await openAdviser(page);
  await page.getByLabel('Choose adviser files').setInputFiles([adviserFile('formula.adviser.json', {
    partnership_code: 'CPP-01', questionnaire_id: hostile.id, questionnaire_version: hostile.version,
    date: '2026-06-15', source: 'assessment', ratings, planned: [],
  })]);
  await page.getByText('1 of 1 files added.').waitFor();
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Partnerships by principle (CSV)' }).click()]);
  const [note, header] = (await readFile(await csv.path(), 'utf8')).replace(/^\ufeff/, '').split('\r\n');
  assert.match(note, /^"'@SUM\(1\+1\) titles \(version /);
  assert.equal(header, 'Partnership code,Partnership name,Source,Date,Chosen by hand,"\'=HYPERLINK(""http://example.invalid"")",\'\uff0b1+1');
  app.assertClean();
});

test("quiz progress that another tab changes is checked again before it is shown", async () => {
  const { page, context } = await app.newPage();
  await page.goto(`${app.origin}/#/quiz`);
  await page.getByRole('button', { name: 'Start the quiz' }).click();
  await page.getByText(/^Question 1 of 40:/).waitFor();
  const key = 'cpp-self-assessment/quiz-progress/understanding-community-planning';
  await page.waitForFunction((k) => localStorage.getItem(k) !== null, key);
  // Another tab (or someone with the browser's tools) writes 20,000 invented questions.
  const other = await context.newPage();
  await other.goto(`${app.origin}/#/privacy`);
  await other.evaluate((k) => {
    const stored = JSON.parse(localStorage.getItem(k));
    stored['quiz-progress'].current.order = Array.from({ length: 20000 }, (_, i) => `invented-${i}`);
    localStorage.setItem(k, JSON.stringify(stored));
  }, key);
  await page.goto(`${app.origin}/#/quiz`);
  await page.getByText('Your saved quiz progress cannot be used', { exact: false }).waitFor();
  assert.equal(await page.getByText(/of 20000/).count(), 0);
  await page.getByRole('button', { name: 'Start the quiz' }).waitFor();
  await app.checkAccessibility(page, 'quiz with progress from another tab set aside');
  app.assertClean();
});
