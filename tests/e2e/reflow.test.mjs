// WCAG 1.4.10 reflow: at 320 CSS pixels wide (400% zoom of a 1280 px window) no page may
// need sideways scrolling; wide tables scroll inside their own focusable region instead.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp } from './harness.mjs';
import { responseFile } from './fixtures/responses.mjs';
import { spreadList } from './fixtures/spread.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

test('every page reflows to 320 pixels wide', async () => {
  const { page } = await app.newPage({ viewport: { width: 320, height: 640 } });
  await page.goto(`${app.origin}/#/new`);
  await page.getByLabel('Name of the partnership').fill('A Partnership With A Rather Long Name For Narrow Screens');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('0 of 33 expectations completed').waitFor();
  const id = new URL(page.url()).hash.split('/')[2];

  await page.goto(`${app.origin}/#/assessments/${id}/expectations/participation-1`);
  await page.getByLabel('Weak (2)').check();
  await page.getByLabel('Evidence and comments (optional)').fill('A note with an unbroken https://example.invalid/a/very/long/address/that/could/overflow/the/page');

  const pages = ['', '#/new', `#/assessments/${id}`, `#/assessments/${id}/expectations/participation-1`,
    `#/assessments/${id}/check`, `#/assessments/${id}/results`, `#/assessments/${id}/plan`, `#/assessments/${id}/delete`,
    `#/assessments/${id}/report`, `#/assessments/${id}/progress`, `#/assessments/${id}/adviser`,
    `#/assessments/${id}/response`, '#/adviser',
    '#/accessibility', '#/privacy'];
  for (const hash of pages) {
    await page.goto(`${app.origin}/${hash}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    if (hash.endsWith('/plan')) {
      await page.getByRole('button', { name: /^Add the \d+ ticked actions? to the plan$/ }).click();
      await page.getByRole('heading', { name: /^Action 1 for/ }).waitFor();
    }
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 320, `${hash || 'start page'} is ${width} px wide`);
  }

  // Charts follow the window: wider, then narrow again, as a projector or a phone would.
  await page.goto(`${app.origin}/#/assessments/${id}/results`);
  const chart = page.locator('#principle-profile-chart svg');
  await chart.waitFor();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForFunction(() => document.querySelector('#principle-profile-chart svg')?.getBoundingClientRect().width > 600);
  await page.setViewportSize({ width: 320, height: 640 });
  await page.waitForFunction(() => document.querySelector('#principle-profile-chart svg')?.getBoundingClientRect().width <= 300);

  // A board session's pages, with five members' responses and a show of hands, so the
  // spread can be revealed beside the hands.
  const partnership = 'A Partnership With A Rather Long Name For Narrow Screens';
  await page.goto(`${app.origin}/#/sessions/new`);
  await page.getByLabel('Name of the partnership').fill(partnership);
  await page.getByLabel('Date of the session').fill('2026-11-23');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { level: 1, name: /^Board session:/ }).waitFor();
  const session = new URL(page.url()).hash.split('/')[2];
  await page.goto(`${app.origin}/#/sessions/${session}/import`);
  await page.getByLabel('Choose response files').setInputFiles([1, 2, 3, 4, 5].map((n) => responseFile({
    name: `member-${n}.board-response.json`, token: n, partnership, rate: () => 1 + n,
  })));
  await page.getByText('5 of 5 files added.').waitFor();
  await page.goto(`${app.origin}/#/sessions/${session}/hands/participation-1`);
  await page.getByLabel('Good (4)').fill('4');
  await page.getByLabel('Weak (2)').fill('3');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.getByText('Expectation 1.2').first().waitFor();
  const sessionPages = ['', '/import', '/handover', '/hands/participation-1', '/attendance', '/discuss/participation-1', '/agenda', '/results', '/plan', '/report', '/adviser'];
  for (const suffix of sessionPages) {
    await page.goto(`${app.origin}/#/sessions/${session}${suffix}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    if (suffix.startsWith('/discuss')) {
      await page.getByRole('button', { name: 'Close the ballot box and reveal' }).click();
      await spreadList(page).waitFor();
      await page.getByRole('table', { name: 'Show of hands' }).waitFor();
    }
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 320, `session page ${suffix || 'home'} is ${width} px wide`);
  }
  app.assertClean();
});
