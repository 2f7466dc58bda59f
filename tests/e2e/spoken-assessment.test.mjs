// How a board member's own assessment sounds in a screen reader: the start page, a new
// assessment (with its error and its success), a question by keyboard, "Check your
// answers", the results and the plan's action editor. Each page is read from the top and,
// where it has controls, worked by keyboard; the transcripts are kept in
// `tests/e2e/transcripts/`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, steadyPage, storeRecords, waitForHeadingFocus } from './harness.mjs';
import { expectations, questionnaire } from './fixtures/responses.mjs';
import {
  assertAnnouncedOnce, assertHeadingOutline, assertNoRepeats, assertShortNames, heard, listen, matchTranscript, namesOfControls, press, pressKeys, readAndCheck, readPage,
} from './screen-reader.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { app.assertClean(); await app?.close(); });

/** An assessment with every expectation rated, some low, one with a note. */
function ratedAssessment(id) {
  const responses = {};
  expectations.forEach((e, i) => {
    responses[e.id] = { rating: i % 7 === 6 ? 'dont_know' : { level: 1 + (i % 6) } };
  });
  responses[expectations[0].id].note = 'Community councils say they are not asked.';
  return {
    format: 'cpp-self-assessment.assessment',
    schema_version: 4,
    app_version: '0.1.0',
    assessment: {
      id,
      questionnaire_id: questionnaire.id,
      questionnaire_version: questionnaire.version,
      details: { partnership: 'Anytown Community Planning Partnership', date: '2026-11-23' },
      responses,
      plan: { actions: [], next_action_number: 0 },
      updated_at: '2026-11-23T10:00:00.000Z',
    },
  };
}

test('the start page, a new assessment and a question are heard as a person would want', async () => {
  const page = await steadyPage(app);
  await page.goto(`${app.origin}/`);
  await page.getByRole('heading', { level: 1, name: 'Assess your community planning partnership' }).waitFor();
  const start = await readPage(page, 'body');
  assertHeadingOutline(start, 'start page');
  assertShortNames(await namesOfControls(page, 'body'), 'start page');
  assertNoRepeats(start, 'start page');
  assert.equal(start.find((p) => p.startsWith('link, ')), 'link, Skip to main content', 'the skip link comes first');
  matchTranscript('start', { 'The start page, read from the top': start });

  // A new assessment: read, then "Continue" with nothing filled in, then filled in.
  await page.getByRole('link', { name: 'Start a new assessment' }).click();
  await page.getByRole('heading', { level: 1, name: 'Start a new assessment' }).waitFor();
  const form = await readAndCheck(app, page, 'new assessment');
  await page.getByLabel('Date of the assessment').fill('');
  await listen(page);
  await page.getByLabel('Your role (optional)').focus();
  const refused = await pressKeys(page, ['Tab', 'Enter']);
  await page.waitForFunction(() => document.activeElement?.id === 'error-summary');
  refused.push(...await heard(page));
  assert.ok(refused.some((p) => p.includes('There is a problem')), 'the error summary is heard when focus moves to it');
  const errorLink = await pressKeys(page, ['Tab']);
  assert.match(errorLink.at(-1), /^link, Enter the name of the partnership/);
  await page.getByLabel('Name of the partnership').fill('Anytown Community Planning Partnership');
  await page.getByLabel('Date of the assessment').fill('2026-11-23');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('0 of 33 expectations completed').waitFor();
  const created = await heard(page);
  assertAnnouncedOnce(created, 'Assessment saved to this device', 'new assessment');
  matchTranscript('new-assessment', {
    'Start a new assessment, read from the top': form,
    'Continue with nothing filled in, then Tab to the first problem': [...refused, ...errorLink],
    'Continue once filled in': created,
  });

  // A question, by keyboard: into the rating group from the "Back" link.
  const tasks = page.url();
  // Some minutes after the new assessment was written, so the next save says a new time.
  await page.getByText('Saved on this device at 10:00').waitFor();
  await page.clock.setFixedTime(new Date('2026-11-30T10:05:00'));
  await page.goto(`${tasks}/expectations/${expectations[0].id}`);
  await waitForHeadingFocus(page);
  const question = await readAndCheck(app, page, 'question');
  await page.keyboard.press('Shift+Tab');
  await listen(page);
  const keys = await pressKeys(page, ['Tab', 'Tab', 'Shift+Tab']);
  await page.getByRole('link', { name: 'Back', exact: true }).focus();
  await listen(page);
  const intoGroup = await pressKeys(page, ['Tab', 'Tab', 'Space']);
  const group = intoGroup.find((p) => p.startsWith('group, '));
  assert.equal(group, 'group, How well does your partnership meet this expectation?',
    'the rating group is named by the question alone');
  assert.ok(intoGroup.at(-1) === 'checked' || intoGroup.includes('checked'), 'choosing a rating is heard');
  await page.getByText('Saved on this device at 10:05').waitFor();
  const rated = [...intoGroup, ...await heard(page)];
  assertAnnouncedOnce(rated, 'Saved on this device at 10:05', 'question');
  const onward = await pressKeys(page, ['ArrowDown', 'ArrowDown', 'Tab']);
  assert.match(onward.at(-1), /^textbox, Evidence and comments \(optional\), What you based your rating on/);
  await page.keyboard.type('Minutes of the community council forum.');
  await page.getByText('Saved on this device at 10:05').waitFor();
  const typed = await heard(page);
  assert.deepEqual(typed, [], 'saving again in the same minute is not said again');
  matchTranscript('question', {
    'Expectation 1.1, read from the top': question,
    'From the heading, Tab, Tab, Shift+Tab': keys,
    'From "Back" into the ratings, choosing one': rated,
    'Down two ratings, then on to the evidence note': onward,
  });
});

test('check answers, results and the plan are heard as a person would want', async () => {
  const page = await steadyPage(app);
  await storeRecords(app, page, { 'cpp-self-assessment/assessment/spoken': ratedAssessment('spoken') });
  await page.goto(`${app.origin}/#/assessments/spoken/check`);
  await page.getByRole('heading', { level: 1, name: 'Check your answers' }).waitFor();
  const check = await readAndCheck(app, page, 'check answers');
  assert.ok(check.includes('link, Change your answer to expectation 1.1'), 'each "Change" link says what it changes');
  matchTranscript('check-answers', { 'Check your answers, read from the top': check });

  await page.goto(`${app.origin}/#/assessments/spoken/results`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.locator('.chart canvas, .chart svg').first().waitFor();
  const results = await readAndCheck(app, page, 'results');
  assert.equal(results.find((p) => p.startsWith('image, ')),
    'image, Chart of the score for each principle; the same scores are in the table below.',
    'the chart is an image named by what it shows, not by a generated list of numbers');
  assert.ok(results.some((p) => p.startsWith('table, Scores by principle')), 'the scores are a table too');
  matchTranscript('results', { 'Results, read from the top': results });

  // The plan: drafted from the suggestions, then one action's fields by keyboard.
  await page.goto(`${app.origin}/#/assessments/spoken/plan`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await listen(page);
  await page.getByRole('button', { name: /^Add the \d+ ticked actions? to the plan$/ }).click();
  await page.getByRole('heading', { name: /^Actions in the plan \([1-9]/ }).waitFor();
  const drafted = await heard(page);
  assert.equal(drafted.filter((p) => /action/i.test(p)).length, 1, `the draft is said once: ${JSON.stringify(drafted)}`);
  const plan = await readAndCheck(app, page, 'plan');
  await page.getByRole('button', { name: 'Remove action 1', exact: true }).focus();
  await listen(page);
  const next = await pressKeys(page, ['Tab', 'Tab', 'Tab']);
  assert.ok(next.some((p) => /^group, Action 2 for expectation/.test(p)), `moving into the next action says which one it is: ${next.join(' / ')}`);
  matchTranscript('plan', {
    'Drafting the plan': drafted,
    'The plan, read from the top': plan,
    'From "Remove action 1" on into action 2': next,
  });
});
