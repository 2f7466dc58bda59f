// Progress over time: next year's assessment compared with last year's, stored in this
// browser or opened from a file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startApp } from './harness.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

async function assess(page, date, ratings) {
  await page.goto(`${app.origin}/#/new`);
  await page.getByLabel('Name of the partnership').fill('Anytown CPP');
  await page.getByLabel('Date of the assessment').fill(date);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('0 of 33 expectations completed').waitFor();
  const id = new URL(page.url()).hash.split('/')[2];
  for (const [expectation, label] of Object.entries(ratings)) {
    await page.goto(`${app.origin}/#/assessments/${id}/expectations/${expectation}`);
    await page.getByLabel(label, { exact: true }).check();
    await page.getByText(/^Saved on this device at/).waitFor();
  }
  return id;
}

test('next year the board sees what changed and how far last year\'s plan got', async () => {
  const { page } = await app.newPage();
  const lastYear = await assess(page, '2025-11-20', { 'participation-1': 'Weak (2)', 'participation-2': 'Good (4)', 'inequalities-1': 'Very good (5)' });
  await page.goto(`${app.origin}/#/assessments/${lastYear}/plan`);
  await page.getByRole('button', { name: /^Add the \d+ ticked actions? to the plan$/ }).click();
  const firstAction = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^Action 1 for/ }) });
  await firstAction.getByLabel('Status').selectOption({ label: 'Done' });
  await page.getByText(/^Saved on this device at/).waitFor();
  const [backup] = await Promise.all([
    page.waitForEvent('download'),
    page.goto(`${app.origin}/#/assessments/${lastYear}`).then(() => page.getByRole('button', { name: 'Download a backup file' }).click()),
  ]);
  const lastYearFile = await readFile(await backup.path());

  const thisYear = await assess(page, '2026-11-23', { 'participation-1': 'Good (4)', 'participation-2': 'Good (4)', 'inequalities-1': 'Satisfactory (3)' });
  await page.goto(`${app.origin}/#/assessments/${thisYear}/results`);
  await page.getByRole('link', { name: 'Compare with an earlier assessment' }).click();
  await page.getByRole('heading', { level: 1, name: 'Progress since an earlier assessment' }).waitFor();
  await page.getByLabel('Self-assessment of 20 November 2025').check();
  await page.locator('#progress-chart svg').waitFor();
  const table = page.getByRole('table', { name: 'Change by principle' });
  const row = (name) => table.getByRole('row', { name: new RegExp(`^${name}`) });
  assert.equal(await row('Community participation').textContent(), 'Community participation and co-production3.0 (Satisfactory)4.0 (Good)+1.0');
  assert.equal(await row('Tackling inequalities').textContent(), 'Tackling inequalities5.0 (Very good)3.0 (Satisfactory)-2.0');
  assert.equal(await row('Shared leadership').textContent(), 'Shared leadershipNo scoreNo scoreNot comparable');
  const after = (heading) => page.getByRole('heading', { name: heading, exact: true }).locator('xpath=following-sibling::*[1]');
  assert.match(await after('Improved').textContent(), /^1\.1 from Weak \(2\) to Good \(4\)/);
  assert.match(await after('Declined').textContent(), /^2\.1 from Very good \(5\) to Satisfactory \(3\)/);
  const actions = page.getByRole('table', { name: "Earlier plan's actions" });
  assert.match(await actions.getByRole('row').nth(1).textContent(), /Done$/);
  await app.checkAccessibility(page, 'progress');

  // The same comparison from last year's file.
  await page.getByLabel('Or open an earlier assessment or session file').setInputFiles({ name: 'last-year.self-assessment.json', mimeType: 'application/json', buffer: lastYearFile });
  await page.getByRole('heading', { name: 'Compared with the self-assessment of 20 november 2025 (from a file)' }).waitFor();
  assert.equal(await row('Community participation').textContent(), 'Community participation and co-production3.0 (Satisfactory)4.0 (Good)+1.0');
  await page.getByLabel('Or open an earlier assessment or session file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('minutes') });
  await page.getByText('notes.txt: The file is not readable JSON').waitFor();
  app.assertClean();
});
