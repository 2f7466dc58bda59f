// The footer's pages: the accessibility statement, and privacy and storage with "Delete
// everything from this browser", which asks first and removes only this tool's data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, waitForHeadingFocus } from './harness.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

const OTHER_APP_KEY = 'another-app/settings';

/** The local storage keys that belong to this tool. */
const ourKeys = (page) => page.evaluate(
  () => Object.keys(localStorage).filter((key) => key.startsWith('cpp-self-assessment/')),
);

/** Changes are written a moment after they are made: waits until something is stored. */
const waitUntilSaved = (page) => page.waitForFunction(
  () => Object.keys(localStorage).some((key) => key.startsWith('cpp-self-assessment/')),
);

async function followFooterLink(page, name, heading) {
  await page.getByRole('contentinfo').getByRole('link', { name }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await waitForHeadingFocus(page);
}

test('the footer links to the accessibility statement', async () => {
  const { page } = await app.newPage();
  await page.goto(`${app.origin}/`);
  await page.getByRole('heading', { level: 1, name: 'Assess your community planning partnership' }).waitFor();
  await followFooterLink(page, 'Accessibility statement', 'Accessibility statement for Community planning self-assessment');
  assert.equal(new URL(page.url()).hash, '#/accessibility');
  assert.match(await page.title(), /^Accessibility statement/);
  for (const heading of ['How accessible this tool is', 'Feedback and contact information', 'Enforcement procedure',
    "Technical information about this tool's accessibility", 'How we tested this tool',
    'Preparation of this accessibility statement']) {
    await page.getByRole('heading', { level: 2, name: heading, exact: true }).waitFor();
  }
  await page.getByText('partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard').waitFor();
  await app.checkAccessibility(page, 'accessibility statement');
  app.assertClean();
});

test('the privacy page deletes everything this tool keeps, after asking, and nothing else', async () => {
  const { page } = await app.newPage();
  await page.goto(`${app.origin}/`);
  await page.evaluate((key) => localStorage.setItem(key, 'keep me'), OTHER_APP_KEY);

  await page.getByRole('link', { name: 'Start a new assessment' }).click();
  await page.getByLabel('Name of the partnership').fill('Erase Me CPP');
  await page.getByLabel('Date of the assessment').fill('2026-11-23');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { level: 1, name: 'Self-assessment of Erase Me CPP' }).waitFor();
  await waitUntilSaved(page);

  await followFooterLink(page, 'Privacy and storage', 'Privacy and storage');
  assert.equal(new URL(page.url()).hash, '#/privacy');
  for (const heading of ['What the tool stores, and where', 'Nothing is sent anywhere', 'Cookies and similar technologies',
    'Who can see it', 'How long it is kept', 'Files you download', 'How to delete it']) {
    await page.getByRole('heading', { level: 2, name: heading, exact: true }).waitFor();
  }
  await app.checkAccessibility(page, 'privacy and storage');

  // "Cancel" keeps everything and puts focus back on the button.
  const deleteEverything = page.getByRole('button', { name: 'Delete everything from this browser' });
  await deleteEverything.click();
  const confirmation = page.getByRole('alert').filter({ hasText: 'This cannot be undone' });
  await confirmation.waitFor();
  await app.checkAccessibility(page, 'delete everything confirmation');
  await confirmation.getByRole('button', { name: 'Cancel' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'delete-everything');
  assert.ok((await ourKeys(page)).length > 0, 'nothing was deleted on "Cancel"');

  await deleteEverything.click();
  await confirmation.getByRole('button', { name: 'Yes, delete everything' }).click();
  await page.getByText('Everything this tool kept in this browser has been deleted.').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'delete-everything-outcome');
  await app.checkAccessibility(page, 'everything deleted');
  assert.deepEqual(await ourKeys(page), []);
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), OTHER_APP_KEY), 'keep me');

  await page.getByRole('link', { name: 'Community planning self-assessment' }).click();
  await page.getByText('You have no assessments saved in this browser yet.').waitFor();
  await page.reload();
  await page.getByText('You have no assessments saved in this browser yet.').waitFor();
  assert.deepEqual(await ourKeys(page), []);
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), OTHER_APP_KEY), 'keep me');
  app.assertClean();
});

test('when the browser refuses to delete, the privacy page says so', async () => {
  const { context, page } = await app.newPage();
  await context.addInitScript(() => {
    Storage.prototype.removeItem = function refuse() {
      throw new DOMException('Access is denied for this document.', 'SecurityError');
    };
  });
  await page.goto(`${app.origin}/#/new`);
  await page.getByLabel('Name of the partnership').fill('Stuck CPP');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { level: 1, name: 'Self-assessment of Stuck CPP' }).waitFor();
  await waitUntilSaved(page);

  await followFooterLink(page, 'Privacy and storage', 'Privacy and storage');
  await page.getByRole('button', { name: 'Delete everything from this browser' }).click();
  await page.getByRole('button', { name: 'Yes, delete everything' }).click();
  const problem = page.getByRole('alert').filter({ hasText: 'Not everything was deleted' });
  await problem.waitFor();
  await problem.getByText('This browser is not letting the tool store data on this device').waitFor();
  await app.checkAccessibility(page, 'delete everything failed');
  await page.getByRole('button', { name: 'Delete everything from this browser' }).waitFor();
  app.assertClean();
});
