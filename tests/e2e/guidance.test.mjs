// The guidance at hand, and the checklist for the statutory plans: a board member opens
// what a cited paragraph says, in place and offline; a community planning officer runs
// the statutory plans checklist on the LOIP and the locality plans, and leaves with
// results, a plan whose actions name the paragraphs they draw on, and a report.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startApp } from './harness.mjs';

const read = (path) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const digests = read('../../questionnaires/guidance/paragraph-digests.json');
const national = read('../../questionnaires/principles-of-effective-community-planning.json');
const plans = read('../../questionnaires/statutory-plans-checklist.json');
const digestOf = (n) => digests.paragraphs.find((p) => p.number === n).digest;

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

async function newAssessment(page, title) {
  await page.goto(`${app.origin}/#/new`);
  await page.getByRole('radio', { name: title }).check();
  await page.getByLabel('Name of the partnership').fill('Anytown Community Planning Partnership');
  await page.getByLabel('Date of the assessment').fill('2026-11-23');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('Assessment saved to this device').waitFor();
  return page.url();
}

test('what a cited paragraph says opens in place, and offline', async () => {
  const { context, page } = await app.newPage();
  await page.goto(`${app.origin}/`);
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const tasks = await newAssessment(page, national.title);
  const first = national.principles[0].expectations[0];
  await page.goto(`${tasks}/expectations/${first.id}`);
  await page.getByRole('heading', { level: 1 }).waitFor();

  await context.setOffline(true);
  const numbers = first.guidance_paragraphs;
  const summary = page.getByText(`What paragraphs ${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)} say`);
  await summary.click();
  for (const n of numbers) {
    await page.getByText(digestOf(n)).waitFor();
    await page.locator('dt').filter({ hasText: new RegExp(`^Paragraph ${n} \\(Part 2 section A: `) }).waitFor();
  }
  await page.getByText("Summaries in this tool's own words, not the guidance's text.").waitFor();
  const official = page.getByRole('link', { name: /^Read the guidance on the Scottish Government's website/ });
  assert.equal(await official.getAttribute('href'), digests.source.url);
  await app.checkAccessibility(page, 'a question with its paragraphs open');
  await context.setOffline(false);
  app.assertClean();
});

test('if the summaries cannot arrive, the page says so, and opening them again tries again', async () => {
  const { context, page } = await app.newPage({ serviceWorkers: 'block' });
  const tasks = await newAssessment(page, national.title);
  const first = national.principles[0].expectations[1];
  await page.goto(`${tasks}/expectations/${first.id}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await context.route('**/split_guidance_digests*.wasm', (route) => route.abort());
  const summary = page.getByText(/^What paragraphs? [\d, and]+ says?$/);
  await summary.click();
  await page.getByText(/^The summaries could not be shown: .*Close this and open it again to try again\.$/).waitFor();
  await context.unroute('**/split_guidance_digests*.wasm');
  await summary.click();
  await summary.click();
  await page.getByText(digestOf(first.guidance_paragraphs[0])).waitFor();
  app.assertClean();
});

test('a community planning officer checks the statutory plans and leaves with a plan and a report', async () => {
  const { page } = await app.newPage({ viewport: { width: 1280, height: 900 } });
  const tasks = await newAssessment(page, plans.title);
  const items = plans.principles.flatMap((p) => p.expectations);
  await page.getByText(`0 of ${items.length}`, { exact: false }).first().waitFor();
  // The officer rates every item: the first two not in place, the rest in place.
  await page.goto(`${tasks}/expectations/${items[0].id}`);
  for (const [index, item] of items.entries()) {
    await page.getByRole('heading', { level: 1, name: new RegExp(item.statement.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).waitFor();
    // Every item names the paragraphs it rests on.
    assert.match(await page.locator('#expectation-guidance').textContent(), /^Statutory guidance, Part 2 section B, paragraphs? \d+/);
    if (index === 0) await app.checkAccessibility(page, 'a statutory plans checklist item');
    await page.getByLabel(index < 2 ? 'Not in place (1)' : 'In place (3)', { exact: true }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
  }
  await page.getByRole('heading', { level: 1, name: 'Check your answers' }).waitFor();
  await page.goto(`${tasks}/results`);
  await page.getByRole('heading', { level: 1, name: 'Results' }).waitFor();
  await app.checkAccessibility(page, 'statutory plans results');

  // The plan: one action for each item not in place, each naming its paragraph.
  await page.goto(`${tasks}/plan`);
  await page.getByRole('button', { name: 'Add the 2 ticked actions to the plan' }).click();
  await page.getByText('2 actions added to the plan.').waitFor();
  const action = items[0].actions[0];
  await page.getByText(`Draws on paragraph ${action.guidance_paragraph}: what it says`).first().click();
  await page.getByText(digestOf(action.guidance_paragraph)).first().waitFor();
  await app.checkAccessibility(page, 'statutory plans plan');

  await page.goto(`${tasks}/report`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  assert.match(await page.locator('article').textContent(), new RegExp(plans.principles[0].title));
  app.assertClean();
});
