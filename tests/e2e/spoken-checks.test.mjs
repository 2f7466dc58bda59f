// The spoken-output checks themselves, on small pages made for them: each must fail on the
// mistake it is there to catch (a group named by a whole page, a name said again as its
// description, a skipped heading level, a status region added with its words, a status
// said twice), and pass on the pattern the app uses instead.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp } from './harness.mjs';
import {
  assertAnnouncedOnce, assertHeadingOutline, assertShortNames, heard, listen, namesOfControls, press, readPage,
} from './screen-reader.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { app.assertClean(); await app?.close(); });

const prompts = Array.from({ length: 12 }, (_, i) => `<li>Evidence could include example ${i + 1}, described at some length so that it reads as a sentence.</li>`).join('');

async function pageWith(html) {
  const { page } = await app.newPage();
  await page.setContent(`<!doctype html><html lang="en"><body><main>${html}</main></body></html>`);
  return page;
}

test('a group named by its whole legend, prompts and all, fails; one named by its question passes', async () => {
  const whole = await pageWith(`
    <fieldset><legend><h1>Expectation 1.1 The partnership does this.</h1><p>Paragraphs 2 and 3.</p><ul>${prompts}</ul></legend>
      <input type="radio" id="a" name="r"><label for="a">Good (4)</label></fieldset>`);
  await assert.rejects(async () => assertShortNames(await namesOfControls(whole), 'whole'), /more than a sentence|sentences/);
  const question = await pageWith(`
    <h1>Expectation 1.1 The partnership does this.</h1><ul>${prompts}</ul>
    <fieldset><legend>How well does your partnership meet this expectation?</legend>
      <input type="radio" id="a" name="r" aria-describedby="a-hint"><label for="a">Good (4)</label><p id="a-hint">Important strengths.</p></fieldset>`);
  assertShortNames(await namesOfControls(question), 'question');
  await question.locator('h1').evaluate((h) => { h.tabIndex = -1; h.focus(); });
  await listen(question);
  assert.deepEqual(await press(question, 'Tab'), [
    '> Tab',
    'group, How well does your partnership meet this expectation?',
    'radio, Good (4), Important strengths., not checked, 1 of 1',
  ]);
  assert.deepEqual(await press(question, 'Space'), ['> Space', 'checked']);
});

test('a name said again as its description fails', async () => {
  const page = await pageWith('<p id="d">Choose files</p><button aria-describedby="d">Choose files</button>');
  await assert.rejects(async () => assertShortNames(await namesOfControls(page), 'repeat'), /said twice/);
});

test('a skipped heading level, or a second level 1, fails', async () => {
  const skipped = await pageWith('<h1>Results</h1><h3>Scores</h3>');
  const read = await readPage(skipped);
  assert.throws(() => assertHeadingOutline(read, 'skipped'), /level 1 is followed by level 3/);
  assert.throws(() => assertHeadingOutline(['heading, A, level 1', 'heading, B, level 1'], 'two'), /more than one level 1/);
  assert.throws(() => assertHeadingOutline(['heading, A, level 2'], 'none'), /first heading is not level 1/);
});

test('a status region added with its words is not heard; words changed in one already there are heard once', async () => {
  const page = await pageWith('<div id="slot"></div><p role="status" id="status"></p>');
  await listen(page);
  await page.evaluate(() => { document.getElementById('slot').innerHTML = '<p role="status">3 of 5 files added.</p>'; });
  assert.throws(() => assertAnnouncedOnce([], '3 of 5 files added.', 'added'), /announced 0 times/);
  assert.deepEqual(await heard(page), [], 'a region added with its words says nothing');
  await page.evaluate(() => { document.getElementById('status').textContent = 'Ratings revealed.'; });
  const said = await heard(page);
  assertAnnouncedOnce(said, 'Ratings revealed.', 'changed');
  await page.evaluate(() => { document.getElementById('status').textContent = 'Ratings revealed.'; });
  await page.evaluate(() => { document.getElementById('status').textContent = 'Ratings revealed.'; });
  const twice = await heard(page);
  assert.throws(() => assertAnnouncedOnce([...said, ...twice], 'Ratings revealed.', 'twice'), /announced 3 times/);
  await page.evaluate(() => { document.getElementById('slot').innerHTML = '<div role="alert">This ballot is for a different board session.</div>'; });
  assert.deepEqual(await heard(page), ['assertive: This ballot is for a different board session.'], 'an alert added is said');
});
