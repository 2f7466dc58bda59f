// Every place that reads a file refuses broken and hostile files with a message naming the
// file and what is wrong, and leaves the data already in the browser exactly as it was.
// Text with markup in a file that is accepted is shown as text, never run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp } from './harness.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

const json = (name, value) => ({ name, mimeType: 'application/json', buffer: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)) });
const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"format": "cpp-self-assessment.session"}', 'utf16le')]);

/** Files that every reader must refuse, with words the message must contain. */
const BAD_FILES = [
  [{ name: 'empty.json', mimeType: 'application/json', buffer: Buffer.alloc(0) }, 'empty'],
  [{ name: 'photo.json', mimeType: 'application/json', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe]) }, 'not a text file'],
  [{ name: 'unicode.json', mimeType: 'application/json', buffer: utf16 }, 'UTF-16'],
  [json('huge.json', `{"padding": "${'x'.repeat(6 * 1024 * 1024)}"}`), 'too large'],
  [json('cut-short.json', '{"format": "cpp-self-assessment.session", "schema_version": 2, "app_version": "0.1.0", "session": {"id": "s'), ''],
  [json('nested.json', `${'['.repeat(3000)}${']'.repeat(3000)}`), ''],
  [json('wrong-types.json', { format: 'cpp-self-assessment.session', schema_version: 2, app_version: '0.1.0', session: { id: 5, participants: 'many' } }), ''],
  [json('<img src=x onerror=alert(1)>.json', '<script>alert(1)</script>'), ''],
];

async function snapshot(page) {
  return page.evaluate(() => Object.fromEntries(Object.keys(localStorage).sort().map((k) => [k, localStorage.getItem(k)])));
}

async function createAssessment(page, name) {
  await page.goto(`${app.origin}/#/new`);
  await page.getByLabel('Name of the partnership').fill(name);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { level: 1, name: `Self-assessment of ${name}` }).waitFor();
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('cpp-self-assessment/assessment/')));
  return page.url().split('#/assessments/')[1];
}

test('broken and hostile files are refused everywhere, and nothing changes', async () => {
  const { page } = await app.newPage();
  page.on('dialog', (dialog) => { app.panics.push(`a script in a file ran: ${dialog.message()}`); dialog.dismiss(); });
  const id = await createAssessment(page, 'Careful CPP');
  const places = [
    ['#/sessions/import', 'Choose a session file'],
    ['#/backup', 'Choose a backup or saved file'],
    ['#/questionnaires', 'Load a questionnaire file'],
    ['#/adviser', 'Choose adviser files'],
    [`#/assessments/${id}/compare`, 'Or open a board session file or adviser file'],
  ];
  for (const [hash, label] of places) {
    await page.goto(`${app.origin}/${hash}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const before = await snapshot(page);
    for (const [file, words] of BAD_FILES) {
      await page.getByLabel(label, { exact: true }).setInputFiles(file);
      await page.waitForFunction(
        ([name, expected]) => {
          const text = document.querySelector('main').innerText;
          return text.includes(name) && text.toLowerCase().includes(expected.toLowerCase());
        },
        [file.name, words],
        { timeout: 10_000 },
      ).catch(() => assert.fail(`${hash}: no message naming ${file.name}${words ? ` and saying "${words}"` : ''}`));
    }
    await app.checkAccessibility(page, `refused files on ${hash}`);
    assert.deepEqual(await snapshot(page), before, `${hash}: a refused file changed stored data`);
  }
  app.assertClean();
});

test('markup in a file that is accepted is shown as text and never runs', async () => {
  const { page } = await app.newPage();
  page.on('dialog', (dialog) => { app.panics.push(`a script in a file ran: ${dialog.message()}`); dialog.dismiss(); });
  const hostileName = '<img src=x onerror=alert(1)><script>alert(2)</script>Evil CPP';
  await page.goto(`${app.origin}/#/new`);
  await page.getByLabel('Name of the partnership').fill(hostileName);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { level: 1, name: `Self-assessment of ${hostileName}` }).waitFor();
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('cpp-self-assessment/assessment/')));
  const saved = await page.evaluate(() => localStorage.getItem(Object.keys(localStorage).find((k) => k.startsWith('cpp-self-assessment/assessment/'))));

  // The same assessment restored into another browser, then shown and reported.
  const { page: other } = await app.newPage();
  other.on('dialog', (dialog) => { app.panics.push(`a script in a file ran: ${dialog.message()}`); dialog.dismiss(); });
  const requests = [];
  other.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await other.goto(`${app.origin}/#/backup`);
  await other.getByLabel('Choose a backup or saved file').setInputFiles(json('evil.self-assessment.json', saved));
  await other.getByText(/1 added, 0 updated/).waitFor();
  await other.goto(`${app.origin}/`);
  await other.getByRole('link', { name: hostileName, exact: true }).waitFor();
  assert.equal(await other.locator('main img').count(), 0);
  assert.equal(await other.locator('main script').count(), 0);
  const id = JSON.parse(saved).assessment.id;
  await other.goto(`${app.origin}/#/assessments/${id}/report`);
  await other.getByText(hostileName).first().waitFor();
  assert.equal(await other.locator('main img').count(), 0);
  assert.ok(!requests.includes('/x'), 'the markup loaded an image');
  app.assertClean();
});
