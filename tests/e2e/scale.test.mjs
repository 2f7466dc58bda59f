// Data at the scale people can bring: a questionnaire of 300 expectations, whose draft
// and plan come a page of 50 at a time, and a board session of 2,000 ballots, which the
// browser stores (its ballots in columns) and the app opens and reveals.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { EXPECTATIONS, largeQuestionnaire, sessionFile } from '../../scripts/bench/synthetic.mjs';
import { startApp, storeRecords } from './harness.mjs';
import { spreadCount, spreadList } from './fixtures/spread.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

test('a plan of 300 actions is drafted and edited a page of 50 at a time', async () => {
  const { page } = await app.newPage();
  const { questionnaireRecord, assessmentRecord } = largeQuestionnaire(300);
  // Every expectation rated below the target, so each offers its action.
  for (const response of Object.values(assessmentRecord.assessment.responses)) response.rating = { level: 1 };
  await storeRecords(app, page, {
    'cpp-self-assessment/questionnaire/bench-large@1.0.0': questionnaireRecord,
    'cpp-self-assessment/assessment/bench-large-assessment': assessmentRecord,
  });
  await page.goto(`${app.origin}/#/assessments/bench-large-assessment/plan`);
  const offered = page.getByRole('group', { name: 'Actions to add (300 offered)' });
  await offered.waitFor();
  assert.equal(await offered.getByRole('checkbox', { name: /^Expectation / }).count(), 50);
  const draftPages = page.getByRole('navigation', { name: 'Pages of the actions offered' });
  await draftPages.getByText('Actions offered 1 to 50 of 300').waitFor();
  await draftPages.getByRole('button', { name: 'Next actions offered' }).click();
  await draftPages.getByText('Actions offered 51 to 100 of 300').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'draft-candidates');
  // Unticked on the second page, and still unticked when added from there.
  await offered.getByRole('checkbox', { name: /^Expectation / }).first().uncheck();
  await page.getByRole('button', { name: 'Add the 299 ticked actions to the plan' }).click();
  await page.getByText('299 actions added to the plan.').waitFor();
  await page.getByRole('heading', { name: 'Actions in the plan (299)' }).waitFor();

  const planPages = page.getByRole('navigation', { name: "Pages of the plan's actions" });
  await planPages.getByText('Actions 1 to 50 of 299').waitFor();
  assert.equal(await page.locator('.plan-action').count(), 50);
  assert.ok(await planPages.getByRole('button', { name: 'Previous actions' }).isDisabled());
  await planPages.getByRole('button', { name: 'Next actions' }).click();
  // The new page is read from its top: the list's heading takes the focus.
  await page.waitForFunction(() => document.activeElement?.id === 'plan-actions-heading');
  for (let i = 0; i < 4; i += 1) await planPages.getByRole('button', { name: 'Next actions' }).click();
  await planPages.getByText('Actions 251 to 299 of 299').waitFor();
  assert.ok(await planPages.getByRole('button', { name: 'Next actions' }).isDisabled());
  await page.getByRole('heading', { level: 3, name: /^Action 251 for expectation \d+\.\d+$/ }).waitFor();
  assert.equal(await page.locator('ol.plan-actions').getAttribute('start'), '251');
  await app.checkAccessibility(page, 'a plan of 299 actions, its last page');
  app.assertClean();
});

test('a board session of 2,000 ballots is stored, opened and revealed', async () => {
  const { page } = await app.newPage();
  const file = sessionFile({ id: 'large-board', ballots: 2_000 });
  file.session.ballot_box_closed = true;
  const text = JSON.stringify(file);
  assert.ok(text.length < 200_000, `${text.length} characters`);
  await storeRecords(app, page, { 'cpp-self-assessment/session/large-board': file });
  await page.goto(`${app.origin}/#/sessions/large-board/discuss/${EXPECTATIONS[0]}`);
  await page.getByRole('button', { name: 'Reveal the ratings' }).click();
  await spreadList(page).waitFor();
  // The spread, against the file's own column for that expectation.
  const { expectations, ballots } = file.session.ballots;
  const column = ballots.map((b) => b.ratings[expectations.indexOf(EXPECTATIONS[0])]);
  const labels = [['6', 'Excellent (6)'], ['5', 'Very good (5)'], ['4', 'Good (4)'], ['3', 'Satisfactory (3)'], ['2', 'Weak (2)'], ['1', 'Unsatisfactory (1)'], ['?', "Don't know / not enough evidence"]];
  for (const [code, label] of labels) {
    assert.equal(await spreadCount(spreadList(page), label), column.filter((c) => c === code).length, label);
  }
  // Saved back (a moment later) in the same compact form.
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('cpp-self-assessment/session/large-board')).session.revealed.length === 1);
  const stored = await page.evaluate(() => localStorage.getItem('cpp-self-assessment/session/large-board'));
  assert.ok(stored.length < 200_000, `${stored.length} characters stored`);
  assert.deepEqual(JSON.parse(stored).session.revealed, [EXPECTATIONS[0]]);
  app.assertClean();
});
