// A whole self-assessment through the UI, as a board member would do it: all 33
// expectations (the first principle by keyboard alone), check answers, results, the plan,
// then a reload that must keep everything.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { startApp, tabUntil, waitForHeadingFocus } from './harness.mjs';

const questionnaire = JSON.parse(
  readFileSync(new URL('../../questionnaires/principles-of-effective-community-planning.json', import.meta.url), 'utf8'),
);
const LABELS = { 6: 'Excellent (6)', 5: 'Very good (5)', 4: 'Good (4)', 3: 'Satisfactory (3)', 2: 'Weak (2)', 1: 'Unsatisfactory (1)', dk: "Don't know / not enough evidence" };

// Ratings in questionnaire order, one list per principle. Principle 1 is done by keyboard;
// its second rating is later changed from 6 to 3 on "Check your answers".
const RATINGS = [
  [4, 6, 2, 5, 'dk'],
  [2, 2, 3, 1],
  [5, 5, 6],
  [4, 4, 4, 4],
  ['dk', 'dk'],
  [3, 4, 5],
  [6, 6, 5, 5],
  [1, 2, 3, 4, 5],
  [4, 5, 6],
];

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

/** Selects a rating with the keyboard only: Tab into the radios, Space, arrow keys. */
async function rateByKeyboard(page, rating, note) {
  await waitForHeadingFocus(page);
  await tabUntil(page, () => document.activeElement?.type === 'radio');
  await page.keyboard.press('Space');
  const steps = rating === 'dk' ? 6 : 6 - rating;
  for (let i = 0; i < steps; i += 1) await page.keyboard.press('ArrowDown');
  assert.equal(await page.getByLabel(LABELS[rating], { exact: true }).isChecked(), true);
  if (note) {
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'evidence-note');
    await page.keyboard.type(note);
  }
  await tabUntil(page, () => document.activeElement?.textContent === 'Continue');
  await page.keyboard.press('Enter');
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('a board member completes a whole assessment and gets results and a plan', async () => {
  const { page } = await app.newPage();
  await page.goto(`${app.origin}/`);
  await page.getByRole('heading', { level: 1, name: 'Assess your community planning partnership' }).waitFor();
  await app.checkAccessibility(page, 'start page');

  // New assessment, first with nothing filled in.
  await page.getByRole('link', { name: 'Start a new assessment' }).click();
  await page.getByRole('heading', { level: 1, name: 'Start a new assessment' }).waitFor();
  await page.getByLabel('Date of the assessment').fill('');
  await page.getByRole('button', { name: 'Continue' }).click();
  const summary = page.getByRole('heading', { name: 'There is a problem' });
  await summary.waitFor();
  assert.match(await page.title(), /^Error: /);
  await page.waitForFunction(() => document.activeElement?.id === 'error-summary');
  await page.getByRole('link', { name: 'Enter the name of the partnership' }).waitFor();
  await app.checkAccessibility(page, 'new assessment with errors');

  await page.getByLabel('Name of the partnership').fill('Anytown Community Planning Partnership');
  await page.getByLabel('Date of the assessment').fill('2026-11-23');
  await page.getByLabel('Your role (optional)').fill('Board member, health board');
  await page.getByRole('button', { name: 'Continue' }).click();

  // Task list.
  await page.getByText('Assessment saved to this device').waitFor();
  await page.getByText('0 of 33 expectations completed').waitFor();
  await app.checkAccessibility(page, 'task list');
  const taskListUrl = page.url();

  // Principle 1 by keyboard alone.
  await page.getByRole('heading', { level: 1 }).focus();
  await tabUntil(page, () => document.activeElement?.textContent?.startsWith('1. Community participation'));
  await page.keyboard.press('Enter');
  for (const [index, rating] of RATINGS[0].entries()) {
    await rateByKeyboard(page, rating, index === 0 ? 'Minutes of the March board meeting' : undefined);
  }

  // The rest with the mouse; one "Continue" without a rating first, to see the error.
  let first = true;
  for (const ratings of RATINGS.slice(1)) {
    for (const rating of ratings) {
      await page.getByRole('group', { name: 'How well does your partnership meet this expectation?' }).waitFor();
      if (first) {
        await app.checkAccessibility(page, 'question page');
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
        assert.match(await page.title(), /^Error: Expectation 2\.1/);
        await app.checkAccessibility(page, 'question page with error');
        first = false;
      }
      const heading = await page.getByRole('heading', { level: 1 }).textContent();
      await page.getByLabel(LABELS[rating], { exact: true }).check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.waitForFunction((previous) => document.querySelector('h1')?.textContent !== previous, heading);
    }
  }

  // Check your answers, changing expectation 1.2.
  await page.getByRole('heading', { level: 1, name: 'Check your answers' }).waitFor();
  await app.checkAccessibility(page, 'check your answers');
  await page.getByRole('link', { name: 'Change your answer to expectation 1.2' }).click();
  await page.getByLabel(LABELS[3], { exact: true }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { level: 1, name: 'Check your answers' }).waitFor();
  const row12 = page.getByRole('term').filter({ hasText: /^1\.2/ }).locator('xpath=..');
  assert.match(await row12.textContent(), /Satisfactory \(3\)/);
  assert.match(await page.locator('main').textContent(), /Evidence: Minutes of the March board meeting/);

  // Results.
  await page.getByRole('link', { name: 'See the results' }).click();
  await page.getByRole('heading', { level: 1, name: 'Results' }).waitFor();
  // The chart is drawn from its option: an axis per principle, named.
  await page.locator('#principle-profile-chart svg text', { hasText: 'Shared leadership' }).waitFor();
  assert.equal(
    await page.locator('#results-summary').textContent(),
    "Overall score 3.9 (Good) out of 6. 30 of 33 expectations rated, 3 marked \u201cDon't know\u201d, 0 not answered.",
  );
  const principleTable = page.getByRole('table', { name: /Scores by principle/ });
  const scoreOf = async (principle) =>
    (await principleTable.getByRole('row', { name: new RegExp(`^${principle}`) }).getByRole('cell').first().textContent());
  assert.equal(await scoreOf('Community participation'), '3.5 (Good)');
  assert.equal(await scoreOf('Tackling inequalities'), '2.0 (Weak)');
  assert.equal(await scoreOf('Understanding of local'), 'No score');
  assert.equal(await scoreOf('Resourcing improvement'), '3.0 (Satisfactory)');
  const areas = page.getByRole('heading', { name: 'Top areas for improvement' }).locator('xpath=following-sibling::ol[1]/li');
  assert.match(await areas.first().textContent(), /^2\.4 Unsatisfactory \(1\)/);
  assert.equal(await areas.count(), 5);
  const strengths = page.getByRole('heading', { name: 'Top strengths' }).locator('xpath=following-sibling::ol[1]/li');
  assert.match(await strengths.first().textContent(), /^3\.3 Excellent \(6\)/);
  await app.checkAccessibility(page, 'results');

  // Data downloads, made in the browser.
  const download = async (name) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
    return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
  };
  const ratingsCsv = await download('Ratings (CSV)');
  assert.equal(ratingsCsv.name, 'anytown-community-planning-partnership-2026-11-23.ratings.csv');
  const csvText = ratingsCsv.bytes.toString('utf8');
  assert.ok(csvText.startsWith('\ufeffNo.,Principle,Expectation,Rating,Rating label,Evidence and comments\r\n'));
  assert.match(csvText, /\r\n1\.1,Community participation and co-production,.*,4,Good,Minutes of the March board meeting\r\n/);
  assert.equal(csvText.trim().split('\r\n').length, 34);
  const workbook = await download('Excel workbook (.xlsx)');
  assert.equal(workbook.name, 'anytown-community-planning-partnership-2026-11-23.workbook.xlsx');
  assert.equal(workbook.bytes.subarray(0, 2).toString('latin1'), 'PK', 'an XLSX file is a zip archive');
  for (const part of ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/worksheets/sheet3.xml']) {
    assert.ok(workbook.bytes.includes(Buffer.from(part)), `workbook has ${part}`);
  }
  const backup = await download('Backup file (JSON)');
  assert.equal(JSON.parse(backup.bytes.toString('utf8')).assessment.details.partnership, 'Anytown Community Planning Partnership');

  // Improvement plan: draft, edit, remove, add. Leaving the results lets ECharts forget
  // their chart, so none is kept per visit.
  await page.evaluate(() => { window.resultsChart = document.querySelector('#principle-profile-chart'); });
  assert.ok(await page.evaluate(() => window.echarts.getInstanceByDom(window.resultsChart) !== undefined));
  await page.getByRole('link', { name: 'Draft the improvement plan' }).click();
  await page.getByRole('heading', { level: 1, name: 'Improvement plan' }).waitFor();
  await page.waitForFunction(() => window.echarts.getInstanceByDom(window.resultsChart) === undefined);
  await app.checkAccessibility(page, 'plan before drafting');
  const weak = RATINGS.flat().map((r, i) => [r, i]).filter(([r]) => r !== 'dk' && r < 4).map(([, i]) => i);
  // 1.2 was changed to 3, which is below "Good" too.
  const expectations = questionnaire.principles.flatMap((p) => p.expectations);
  // One action for each expectation below target, ticked to start with; the board
  // unticks the last before adding.
  const offered = weak.length + 1;
  await page.getByRole('group', { name: `Actions to add (${offered} offered)` }).waitFor();
  const candidates = page.locator('input[id^="candidate-"]');
  assert.equal(await candidates.count(), offered);
  await page.getByRole('checkbox', { name: new RegExp(`^Expectation \\d\\.\\d: ${escapeRegExp(expectations[weak.at(-1)].actions[0].text)}`) }).uncheck();
  const drafted = offered - 1;
  await page.getByRole('button', { name: `Add the ${drafted} ticked actions to the plan` }).click();
  await page.getByText(`${drafted} actions added to the plan.`).waitFor();
  await page.getByRole('heading', { name: `Actions in the plan (${drafted})` }).waitFor();
  await page.getByRole('group', { name: 'Actions to add (1 offered)' }).waitFor();

  const action = (n) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: new RegExp(`^Action ${n} for`) }) });
  assert.match(await action(1).getByRole('heading').textContent(), /for expectation 2\.4/);
  await action(1).getByLabel('Who leads it').selectOption('Police Scotland');
  await action(1).getByLabel('Timescale').selectOption('long');
  await action(1).getByLabel('Measure of success').fill('Community bodies report they can take part');
  assert.match(await action(1).textContent(), /Why this is here: Rated Unsatisfactory \(1\), below the target of Good \(4\)/);
  await action(1).getByLabel('Resources (optional)').fill('Two community development officers');
  await action(1).getByLabel('Risks (optional)').fill('Consultation fatigue');
  await action(1).getByLabel('Due date (optional)').fill('2027-06-30');
  await action(1).getByLabel('Status').selectOption({ label: 'In progress' });
  await action(1).getByRole('button', { name: 'Link action 1 to another expectation' }).click();
  const alsoAddresses = action(1).getByLabel('Also addresses');
  await alsoAddresses.selectOption({ label: await alsoAddresses.locator('option', { hasText: /^3\.1 / }).textContent() });
  await action(1).getByRole('button', { name: 'Link to action 1' }).click();
  await action(1).getByRole('heading', { name: /for expectation 2\.4, 3\.1$/ }).waitFor();
  await page.getByLabel('Date the board will review the plan (optional)').fill('2027-11-23');
  await action(2).getByRole('button', { name: 'Remove action 2' }).click();
  await page.getByRole('heading', { name: `Actions in the plan (${drafted - 1})` }).waitFor();
  await page.getByRole('status').getByText('1 action removed.').waitFor();

  const addressed = page.getByLabel('Expectation the action addresses');
  const option51 = await addressed.locator('option', { hasText: /^5\.1 / }).textContent();
  await addressed.selectOption({ label: option51 });
  await page.getByRole('button', { name: 'Add an action' }).click();
  await page.getByRole('heading', { name: `Actions in the plan (${drafted})` }).waitFor();
  const own = action(drafted);
  assert.match(await own.getByRole('heading').textContent(), /for expectation 5\.1/);
  await own.getByLabel('What will be done').fill('Hold a data workshop with the third sector interface');
  await own.getByLabel('Who leads it').selectOption({ label: 'Someone else (name them)' });
  await own.getByLabel('Name of the lead').fill('Third sector interface');
  await page.getByText(/^Saved on this device at \d\d:\d\d$/).waitFor();
  await app.checkAccessibility(page, 'plan with actions');

  // A reload (deep link, plain static server) keeps everything.
  await page.reload();
  await page.getByRole('heading', { name: `Actions in the plan (${drafted})` }).waitFor();
  assert.equal(await action(1).getByLabel('Who leads it').inputValue(), 'Police Scotland');
  assert.equal(await action(1).getByLabel('Timescale').inputValue(), 'long');
  assert.equal(await action(1).getByLabel('Measure of success').inputValue(), 'Community bodies report they can take part');
  assert.equal(await action(1).getByLabel('Resources (optional)').inputValue(), 'Two community development officers');
  assert.equal(await action(1).getByLabel('Risks (optional)').inputValue(), 'Consultation fatigue');
  assert.equal(await action(1).getByLabel('Due date (optional)').inputValue(), '2027-06-30');
  assert.equal(await action(1).getByLabel('Status').inputValue(), 'in_progress');
  assert.match(await action(1).getByRole('heading').textContent(), /for expectation 2\.4, 3\.1$/);
  assert.equal(await page.getByLabel('Date the board will review the plan (optional)').inputValue(), '2027-11-23');
  assert.equal(await action(drafted).getByLabel('What will be done').inputValue(), 'Hold a data workshop with the third sector interface');
  assert.equal(await action(drafted).getByLabel('Name of the lead').inputValue(), 'Third sector interface');
  // The board report, on screen, in print and as files.
  await page.goto(taskListUrl.replace(/\/?$/, '/report'));
  await page.getByRole('heading', { level: 1, name: 'Self-assessment of Anytown Community Planning Partnership' }).waitFor();
  await page.locator('#report-chart svg').waitFor();
  await app.checkAccessibility(page, 'board report');
  const reportTable = page.getByRole('table', { name: 'Actions' });
  assert.match(await reportTable.getByRole('row').nth(1).textContent(), /^12\.4, 3\.1.*Police Scotland.*Long term \(10 years\)30 June 2027Community bodies report they can take partIn progress$/);
  assert.match(await page.locator('article').textContent(), /An individual self-assessment by one person \(\u2068Board member, health board\u2069\), dated 23 November 2026\./);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('header').isVisible(), false, 'navigation is not printed');
  assert.equal(await page.getByRole('button', { name: 'Print or save as PDF' }).isVisible(), false);
  assert.equal(await page.locator('#report-chart svg').isVisible(), true, 'the chart is printed');
  assert.equal(await page.getByRole('heading', { name: 'Improvement plan' }).evaluate((h) => getComputedStyle(h).breakBefore), 'page');
  const pdf = await page.pdf({ format: 'A4' });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.ok(pages >= 2, `the printed report has ${pages} pages`);
  await page.emulateMedia({ media: 'screen' });
  const html = await download('Download as a web page (opens in Word)');
  assert.equal(html.name, 'anytown-community-planning-partnership-2026-11-23.report.html');
  const htmlText = html.bytes.toString('utf8');
  assert.match(htmlText, /^<!DOCTYPE html>/);
  assert.match(htmlText, /<div class="chart"[^>]*><svg/);
  assert.match(htmlText, /<td>Police Scotland<\/td>/);
  const markdown = await download('Download as Markdown');
  assert.match(markdown.bytes.toString('utf8'), /^# Self-assessment of Anytown Community Planning Partnership\n\n23 November 2026\n/);

  await page.goto(taskListUrl);
  await page.getByText('33 of 33 expectations completed').waitFor();
  assert.equal(await page.getByRole('listitem').filter({ hasText: '1. Community participation' }).getByText('Completed').count(), 1);

  // The start page lists it with its progress, worked out once the questionnaires are read.
  await page.goto(`${app.origin}/`);
  const saved = page.getByRole('table', { name: 'Assessments saved in this browser' });
  await saved.getByRole('row').filter({ hasText: 'Anytown Community Planning Partnership' }).getByRole('cell', { name: '33 of 33 completed' }).waitFor();

  app.assertClean();
});
