// How the quiz and the adviser's import sound in a screen reader: a quiz question by
// keyboard and the feedback after "Check answer"; the adviser adding files, some refused,
// and the report of what happened to each. The transcripts are kept in
// `tests/e2e/transcripts/`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startApp, waitForHeadingFocus } from './harness.mjs';
import { adviserFiles } from './fixtures/adviser-files.mjs';
import {
  assertAnnouncedOnce, heard, listen, matchTranscript, press, pressKeys, readAndCheck, readPage,
} from './screen-reader.mjs';

const quiz = JSON.parse(
  readFileSync(new URL('../../questionnaires/understanding-community-planning.quiz.json', import.meta.url), 'utf8'),
);

let app;
before(async () => { app = await startApp(); });
after(async () => { app.assertClean(); await app?.close(); });



test('a quiz question and its feedback, by keyboard', async () => {
  const { page, context } = await app.newPage();
  // The quiz shuffles its questions from the clock and a random number: both fixed, so the
  // question is numbered the same in every run.
  await context.clock.setFixedTime(new Date('2026-11-30T10:00:00'));
  await context.addInitScript(() => { Math.random = () => 0.5; });
  await page.goto(`${app.origin}/`);
  await page.getByRole('link', { name: 'Test your understanding' }).click();
  await page.getByRole('button', { name: 'Start the quiz' }).click();
  await waitForHeadingFocus(page);
  const multiple = quiz.questions.find((q) => q.type === 'multiple_choice');
  await page.goto(`${app.origin}/#/quiz/questions/${multiple.id}`);
  await page.getByRole('heading', { level: 1, name: multiple.question }).waitFor();
  await waitForHeadingFocus(page);
  const question = await readAndCheck(app, page, 'quiz question');
  await page.getByRole('link', { name: 'Back to the quiz' }).focus();
  await listen(page);
  // Tick the right answers and one wrong one, so the feedback marks each kind.
  const ticked = new Set([...multiple.options.filter((o) => o.correct).map((o) => o.text), multiple.options.find((o) => !o.correct).text]);
  const keys = [];
  for (let i = 0; i < multiple.options.length; i += 1) {
    keys.push(...await press(page, 'Tab'));
    const label = await page.evaluate(() => document.activeElement?.labels?.[0]?.textContent.trim());
    if (ticked.has(label)) keys.push(...await press(page, 'Space'));
  }
  const group = keys.find((p) => p.startsWith('group, '));
  assert.equal(group, `group, ${multiple.question}, Select all that apply.`, 'the group is the question, described by how many to choose');
  keys.push(...await pressKeys(page, ['Tab', 'Enter']));
  await page.waitForFunction(() => document.activeElement?.id === 'quiz-feedback');
  keys.push(...await heard(page));
  assert.ok(keys.some((p) => /^(Correct|Not quite)/.test(p.replace(/^[a-z]+, /, ''))), `focus moves to the verdict: ${keys.slice(-3).join(' / ')}`);
  const feedback = await readAndCheck(app, page, 'quiz feedback');
  matchTranscript('quiz', {
    'A question with several answers, read from the top': question,
    'Choosing answers by keyboard, then "Check answer"': keys,
    'The feedback, read from the top': feedback,
  });
});

test('the adviser adds files and hears what happened to each', async () => {
  const { files } = adviserFiles();
  const chosen = [files[0], files[1], files[2], files.find((f) => f.name === 'copy-of-first.adviser.json'), files.find((f) => f.name === 'minutes.docx')];
  const { page, context } = await app.newPage();
  await context.clock.setFixedTime(new Date('2026-11-30T12:00:00'));
  await page.goto(`${app.origin}/`);
  await page.getByRole('link', { name: 'Collate results from many partnerships' }).click();
  await page.getByRole('heading', { level: 1, name: 'Collate results from many partnerships' }).waitFor();
  const empty = await readAndCheck(app, page, 'adviser, empty');
  await listen(page);
  await page.getByLabel('Choose adviser files').setInputFiles(chosen);
  await page.getByText('3 of 5 files added.').waitFor();
  const added = await heard(page);
  assertAnnouncedOnce(added, '3 of 5 files added.', 'adviser import');
  const report = await readPage(page, '[role="region"][aria-label="What happened to each file"]');
  assert.ok(report.some((p) => p.startsWith('table, What happened to each file')), 'the report is a table named for what it holds');
  assert.ok(report.some((p) => /Not added: .*already/.test(p)), 'a refused file says why');
  matchTranscript('adviser-import', {
    'The adviser page before any file, read from the top': empty,
    'Adding five files, two of them refused': added,
    'The report, read from the top': report,
  });
});
