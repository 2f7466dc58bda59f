// A new board member tests their understanding: the whole quiz, some answers wrong on
// purpose, feedback after each, a reload part way that keeps progress, the results with
// topics to revisit, a topic page, and a retake in a new order.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startApp, waitForHeadingFocus } from './harness.mjs';

const quiz = JSON.parse(
  readFileSync(new URL('../../questionnaires/understanding-community-planning.quiz.json', import.meta.url), 'utf8'),
);
const byText = new Map(quiz.questions.map((q) => [q.question, q]));

/** The labels of the right answer, or of a wrong one. */
function answerLabels(question, right) {
  if (question.type === 'true_false') {
    return [question.answer === right ? 'True' : 'False'];
  }
  const correct = question.options.filter((o) => o.correct).map((o) => o.text);
  if (right) return correct;
  return [question.options.find((o) => !o.correct).text];
}

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

async function currentQuestion(page) {
  // After a reload the page's code may still be arriving; the question's caption says it is here.
  await page.getByText(new RegExp(`^Question \\d+ of ${quiz.questions.length}:`)).waitFor();
  const text = (await page.getByRole('heading', { level: 1 }).textContent()).trim();
  const question = byText.get(text);
  assert.ok(question, `the page shows a question not in the bank: ${text}`);
  return question;
}

async function answer(page, question, right) {
  for (const label of answerLabels(question, right)) {
    await page.getByLabel(label, { exact: true }).check();
  }
  await page.getByRole('button', { name: 'Check answer' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'quiz-feedback');
  const feedback = await page.locator('.feedback').textContent();
  assert.ok(feedback.startsWith(right ? 'Correct' : 'Not quite'), feedback);
  assert.ok(feedback.includes(question.explanation), 'the explanation is shown');
  assert.match(feedback, /Source: /);
  if (question.type === 'multiple_choice') {
    // Each option is marked: right ones chosen or missed, wrong ones chosen or left.
    const marks = await page.getByRole('list', { name: 'Each option' }).getByRole('listitem').allTextContents();
    assert.equal(marks.length, question.options.length);
    for (const option of question.options) {
      const mark = marks.find((m) => m.endsWith(option.text));
      const chosen = answerLabels(question, right).includes(option.text);
      const expected = option.correct
        ? (chosen ? 'Right, and you chose it' : 'Right, but you did not choose it')
        : (chosen ? 'Not right, but you chose it' : 'Not right, and you left it');
      assert.ok(mark?.startsWith(expected), `${option.text}: ${mark}`);
    }
  }
  // The question says once how many answers to choose.
  assert.equal(await page.getByText('Select all that apply').count(), question.type === 'multiple_choice' ? 1 : 0);
}

test('a board member takes the quiz, sees feedback and results, and retakes it', async () => {
  const { page } = await app.newPage();
  await page.goto(`${app.origin}/`);
  await page.getByRole('link', { name: 'Test your understanding' }).click();
  await page.getByRole('heading', { level: 1, name: quiz.title }).waitFor();
  await app.checkAccessibility(page, 'quiz start');
  await page.getByRole('button', { name: 'Start the quiz' }).click();
  await waitForHeadingFocus(page);
  await page.getByText(`Question 1 of ${quiz.questions.length}:`).waitFor();
  await app.checkAccessibility(page, 'quiz question');

  // Checking with nothing chosen.
  await page.getByRole('button', { name: 'Check answer' }).click();
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  await page.getByRole('link', { name: /^Select (an answer|at least one answer)$/ }).waitFor();
  assert.match(await page.title(), /^Error: Question 1 of/);

  // Every third answer wrong, on purpose.
  const wrongTopics = new Set();
  let right = 0;
  for (let i = 0; i < quiz.questions.length; i += 1) {
    const question = await currentQuestion(page);
    const answerRight = i % 3 !== 1;
    await answer(page, question, answerRight);
    if (answerRight) right += 1;
    else wrongTopics.add(question.topic);
    if (i === 0) await app.checkAccessibility(page, 'quiz feedback');
    // An answer, once checked, is final.
    assert.equal(await page.getByRole('button', { name: 'Check answer' }).count(), 0);
    assert.equal(await page.locator('input[name="quiz-answer"]:not([disabled])').count(), 0);
    if (i === 4) {
      // Leave and come back: progress is kept in this browser.
      await page.reload();
      await currentQuestion(page);
      await page.getByRole('link', { name: 'Back to the quiz' }).click();
      await page.getByText(`You have answered 5 of ${quiz.questions.length} questions in this attempt.`).waitFor();
      await page.getByRole('link', { name: 'Continue where you left off' }).click();
      await waitForHeadingFocus(page);
      await page.getByText(`Question 6 of ${quiz.questions.length}:`).waitFor();
      continue;
    }
    const last = i === quiz.questions.length - 1;
    await page.getByRole('link', { name: last ? 'See your results' : 'Next question' }).click();
    if (!last) await page.getByText(`Question ${i + 2} of ${quiz.questions.length}:`).waitFor();
  }

  await page.getByRole('heading', { level: 1, name: 'Your results' }).waitFor();
  assert.equal(
    (await page.locator('.quiz-score').textContent()).trim(),
    `You answered ${right} of ${quiz.questions.length} questions right.`,
  );
  const revisit = page.getByRole('heading', { name: 'Topics to revisit' }).locator('xpath=following-sibling::ul[1]/li');
  assert.equal(await revisit.count(), wrongTopics.size);
  await app.checkAccessibility(page, 'quiz results');

  // A topic page: what to know, where to read more, and the questions missed.
  const topic = quiz.topics.find((t) => wrongTopics.has(t.id));
  // Review every answer beside the right one.
  await page.getByText('Review all my answers').click();
  const review = page.getByRole('table', { name: 'Your answers beside the right ones' });
  assert.equal(await review.getByRole('row').count(), quiz.questions.length + 1);
  const missed = review.getByRole('row').filter({ hasText: 'Not quite' });
  assert.equal(await missed.count(), quiz.questions.length - right);
  const firstMissed = byText.get((await missed.first().getByRole('rowheader').textContent()).trim());
  const cells = await missed.first().getByRole('cell').allTextContents();
  const inWords = (labels) => labels.map((l) => l.replace(/\.$/, '')).join('; ');
  assert.equal(cells[1], inWords(answerLabels(firstMissed, false)), 'what the member chose');
  assert.equal(cells[2], inWords(answerLabels(firstMissed, true)), 'the answer');
  await app.checkAccessibility(page, 'quiz results with the review open');
  await page.getByRole('link', { name: `Read about: ${topic.title}` }).click();
  await page.getByRole('heading', { level: 1, name: topic.title }).waitFor();
  await page.getByText(topic.summary).waitFor();
  await page.getByRole('heading', { name: 'Questions to look at again' }).waitFor();
  const guidance = quiz.sources.find((s) => s.id === topic.references[0].source);
  assert.ok(await page.getByRole('link', { name: new RegExp(`^${guidance.title.replace(/[()]/g, '.')}`) }).count() > 0);
  await app.checkAccessibility(page, 'quiz topic');

  // Retake in a new order; the finished attempt's mark is kept.
  const firstOrder = await page.evaluate(() => JSON.parse(localStorage.getItem('cpp-self-assessment/quiz-progress/understanding-community-planning'))['quiz-progress'].current.order);
  await page.getByRole('link', { name: 'Back to your results' }).click();
  await page.getByRole('button', { name: 'Retake the quiz in a new order' }).click();
  await page.getByText(`Question 1 of ${quiz.questions.length}:`).waitFor();
  // Saved a moment after the change.
  await page.waitForFunction((first) => {
    const stored = JSON.parse(localStorage.getItem('cpp-self-assessment/quiz-progress/understanding-community-planning'));
    return JSON.stringify(stored['quiz-progress'].current.order) !== JSON.stringify(first);
  }, firstOrder);
  const secondOrder = await page.evaluate(() => JSON.parse(localStorage.getItem('cpp-self-assessment/quiz-progress/understanding-community-planning'))['quiz-progress'].current.order);
  assert.notDeepEqual(secondOrder, firstOrder);
  assert.deepEqual([...secondOrder].sort(), [...firstOrder].sort());
  await page.getByRole('link', { name: 'Back to the quiz' }).click();
  await page.getByRole('table', { name: 'Your earlier attempts' }).getByText(`${right} of ${quiz.questions.length}`).waitFor();

  app.assertClean();
});
