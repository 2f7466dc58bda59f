// Typing re-renders nothing but the text typed: on a question page and on a plan with
// several actions, each keystroke is saved without rebuilding any other part of the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp } from './harness.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

/** Starts recording every element added to or removed from the page, outside the save status. */
const recordRebuilds = (page) => page.evaluate(() => {
  window.rebuilt = [];
  const isSaveStatus = (node) => node.nodeType === Node.ELEMENT_NODE && node.closest('.save-status');
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.target.closest('.save-status')) continue;
      for (const node of [...record.addedNodes, ...record.removedNodes]) {
        if (node.nodeType === Node.ELEMENT_NODE && !isSaveStatus(node)) {
          window.rebuilt.push(`${node.nodeName} in ${record.target.nodeName}.${record.target.className}`);
        }
      }
    }
  }).observe(document.body, { childList: true, subtree: true });
});

async function typeAndSave(page, field, text) {
  await recordRebuilds(page);
  await field.pressSequentially(text);
  await page.waitForFunction((typed) => Object.values(localStorage).some((v) => v.includes(typed)), text);
  return page.evaluate(() => window.rebuilt);
}

test('typing in a question or a plan action rebuilds nothing else on the page', async () => {
  const { page } = await app.newPage();
  await page.goto(`${app.origin}/#/new`);
  await page.getByLabel('Name of the partnership').fill('Keystroke CPP');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { level: 1, name: 'Self-assessment of Keystroke CPP' }).waitFor();
  const taskList = page.url();

  for (const n of [1, 2]) {
    await page.goto(taskList.replace(/\/?$/, `/expectations/participation-${n}`));
    await page.getByLabel('Weak (2)', { exact: true }).check();
  }
  const evidence = page.getByLabel('Evidence and comments (optional)');
  assert.deepEqual(await typeAndSave(page, evidence, 'Typed one key at a time'), []);
  assert.equal(await evidence.inputValue(), 'Typed one key at a time');

  await page.goto(taskList.replace(/\/?$/, '/plan'));
  await page.getByLabel('Offer every suggested action, not only the first for each expectation').check();
  await page.getByRole('button', { name: /^Add the \d+ ticked actions to the plan$/ }).click();
  await page.getByRole('heading', { name: /^Action 2 for/ }).waitFor();
  const first = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^Action 1 for/ }) });
  const measure = first.getByLabel('Measure of success');
  assert.deepEqual(await typeAndSave(page, measure, 'Partners report taking part'), []);
  assert.equal(await measure.inputValue(), 'Partners report taking part');
  app.assertClean();
});
