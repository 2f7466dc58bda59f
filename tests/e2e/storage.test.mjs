// Deleting with confirmation, unknown pages, and a browser that refuses to save.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startApp } from './harness.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

async function createAssessment(page, name) {
  await page.goto(`${app.origin}/#/new`);
  await page.getByLabel('Name of the partnership').fill(name);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { level: 1, name: `Self-assessment of ${name}` }).waitFor();
}

test('deleting an assessment asks first, and only then removes it', async () => {
  const { page } = await app.newPage();
  await createAssessment(page, 'Keep Me CPP');
  await createAssessment(page, 'Delete Me CPP');
  await page.getByRole('link', { name: 'Delete this assessment' }).click();
  await page.getByRole('heading', { level: 1, name: 'Delete the assessment of Delete Me CPP?' }).waitFor();
  await app.checkAccessibility(page, 'delete confirmation');
  await page.getByRole('link', { name: 'No, keep it' }).click();
  await page.getByRole('heading', { level: 1, name: 'Self-assessment of Delete Me CPP' }).waitFor();

  await page.getByRole('link', { name: 'Delete this assessment' }).click();
  await page.getByRole('button', { name: 'Yes, delete this assessment' }).click();
  await page.getByText('The assessment of Delete Me CPP was deleted from this device').waitFor();
  const saved = page.getByRole('table', { name: 'Assessments saved in this browser' });
  await saved.getByRole('link', { name: 'Keep Me CPP', exact: true }).waitFor();
  assert.equal(await saved.getByRole('link', { name: 'Delete Me CPP', exact: true }).count(), 0);

  await page.reload();
  await saved.getByRole('link', { name: 'Keep Me CPP', exact: true }).waitFor();
  assert.equal(await saved.getByRole('row').count(), 2, 'header row and one assessment');
  app.assertClean();
});

test('an unknown or deleted assessment shows "Page not found"', async () => {
  const { page } = await app.newPage();
  await page.goto(`${app.origin}/#/assessments/no-such-id/results`);
  await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  await app.checkAccessibility(page, 'page not found');
  app.assertClean();
});

test('when the browser refuses to save, a warning offers a backup file and nothing crashes', async () => {
  const { context, page } = await app.newPage();
  await context.addInitScript(() => {
    Storage.prototype.setItem = function refuse() {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await createAssessment(page, 'Full Storage CPP');
  const warning = page.getByRole('alert').filter({ hasText: 'Your latest changes are not saved on this device' });
  await warning.waitFor();
  await app.checkAccessibility(page, 'save failure warning');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    warning.getByRole('button', { name: 'Download a backup of everything' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^cpp-self-assessment-backup-\d{4}-\d\d-\d\d\.json$/);
  const backup = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(backup.format, 'cpp-self-assessment.backup');
  assert.equal(backup.records[0].format, 'cpp-self-assessment.assessment');
  assert.equal(backup.records[0].assessment.details.partnership, 'Full Storage CPP');
  app.assertClean();
});

test('a long evidence note warns but is kept in full after a reload', async () => {
  const { page } = await app.newPage();
  await createAssessment(page, 'Long Notes CPP');
  const id = new URL(page.url()).hash.split('/')[2];
  await page.goto(`${app.origin}/#/assessments/${id}/expectations/governance-2`);
  const note = 'Evidence. '.repeat(101);
  await page.getByLabel('Evidence and comments (optional)').fill(note);
  await page.getByText('1010 characters: 10 over the suggested 1000. It is still saved in full.').waitFor();
  await app.checkAccessibility(page, 'question page with a long note');
  await page.reload();
  await page.getByRole('heading', { level: 1 }).waitFor();
  assert.equal(await page.getByLabel('Evidence and comments (optional)').inputValue(), note);
  app.assertClean();
});

test('when the browser blocks storage altogether, the start page says so and the app still works', async () => {
  const { context, page } = await app.newPage();
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() { throw new DOMException('Access is denied for this document.', 'SecurityError'); },
    });
  });
  await page.goto(`${app.origin}/`);
  await page.getByRole('alert').filter({ hasText: 'This browser is not letting the tool store data on this device' }).waitFor();
  await app.checkAccessibility(page, 'start page with storage blocked');
  await createAssessment(page, 'No Storage CPP');
  await page.getByRole('alert').filter({ hasText: 'Your latest changes are not saved on this device' }).waitFor();
  app.assertClean();
});
