// Adapting the materials: a partnership downloads the writing aids, loads its own
// questionnaire (a broken file first, then a good one) and uses it for an assessment, a
// plan, a report, an adviser file and a board session; a board member works through the CPP Board expectations on the agreement scale; and an
// individual compares their view with the board's agreed ratings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { startApp, waitForHeadingFocus } from './harness.mjs';

const exampleText = readFileSync(new URL('../../questionnaires/examples/worked-example.json', import.meta.url), 'utf8');
const example = JSON.parse(exampleText);
const checklist = JSON.parse(readFileSync(new URL('../../questionnaires/board-member-checklist.json', import.meta.url), 'utf8'));

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

const file = (name, text) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) });

/** Starts an assessment on the questionnaire with this title. */
async function startAssessment(page, questionnaireTitle, partnership) {
  await page.goto(`${app.origin}/#/new`);
  await page.getByRole('heading', { level: 1, name: 'Start a new assessment' }).waitFor();
  await page.getByRole('radio', { name: questionnaireTitle }).check();
  await page.getByLabel('Name of the partnership').fill(partnership);
  await page.getByLabel('Date of the assessment').fill('2026-11-23');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('Assessment saved to this device').waitFor();
}

/** Rates every statement in order from the first task, then opens the results. */
async function rateAll(page, firstTask, labels) {
  await page.getByRole('link', { name: new RegExp(`^1\\. ${firstTask}`) }).click();
  for (const label of labels) {
    await waitForHeadingFocus(page);
    const heading = await page.getByRole('heading', { level: 1 }).textContent();
    await page.getByLabel(label, { exact: true }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForFunction((previous) => document.querySelector('h1')?.textContent !== previous, heading);
  }
  await page.getByRole('heading', { level: 1, name: 'Check your answers' }).waitFor();
  await page.getByRole('link', { name: 'See the results' }).click();
  await page.getByRole('heading', { level: 1, name: 'Results' }).waitFor();
}

test('a partnership loads its own questionnaire and uses it from assessment to adviser file', async () => {
  const { page } = await app.newPage();
  await page.goto(`${app.origin}/`);
  await page.getByRole('link', { name: 'Load or manage questionnaires' }).click();
  await page.getByRole('heading', { level: 1, name: 'Questionnaires' }).waitFor();
  await app.checkAccessibility(page, 'questionnaires');

  // The writing aids download as the files in the repository.
  const aid = async (button) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
    return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
  };
  assert.deepEqual(await aid('Download the worked example'), { name: 'questionnaire-worked-example.json', text: exampleText });
  const template = await aid('Download the template');
  assert.equal(template.name, 'questionnaire-template.json');
  assert.equal(template.text, readFileSync(new URL('../../questionnaires/examples/template.json', import.meta.url), 'utf8'));
  const guide = await aid('Download the format guide');
  assert.equal(guide.name, 'questionnaire-format-guide.md');
  assert.equal(guide.text, readFileSync(new URL('../../questionnaires/README.md', import.meta.url), 'utf8'));

  // A broken file: two rule problems, each named with its line.
  const broken = JSON.parse(exampleText);
  broken.principles[1].title = '';
  broken.principles[0].expectations[1].actions[0].timescale = 'soon';
  const brokenText = JSON.stringify(broken, null, 2);
  const lineOf = (needle) => brokenText.split('\n').findIndex((l) => l.includes(needle)) + 1;
  const picker = page.getByLabel('Load a questionnaire file');
  await picker.setInputFiles(file('our-questionnaire.json', brokenText));
  const problems = page.getByRole('alert').filter({ hasText: 'The questionnaire was not loaded' });
  await problems.waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'questionnaire-problems');
  const items = await problems.getByRole('listitem').allTextContents();
  assert.deepEqual(items, [
    `Line ${lineOf('"timescale": "soon"')}, principles[0].expectations[1].actions[0].timescale: "soon" is not a timescale: use short, medium or long`,
    `Line ${lineOf('"title": ""')}, principles[1].title: is empty: write the text between the quotes`,
  ]);
  await app.checkAccessibility(page, 'questionnaire with problems');

  // Not JSON at all, and a missing field: the first problem, with its place.
  await picker.setInputFiles(file('notes.json', 'title: our questionnaire'));
  await problems.getByText(/^Line 1, column \d+: this is not valid JSON/).waitFor();
  const missing = JSON.parse(exampleText);
  delete missing.principles[0].expectations[0].statement;
  await picker.setInputFiles(file('missing.json', JSON.stringify(missing, null, 2)));
  await problems.getByText(/principles\[0\]\.expectations\[0\]: the field "statement" is missing: add it$/).waitFor();
  assert.equal(await page.getByRole('radio').count(), 0);
  assert.equal(await page.getByRole('row').count(), 4, 'nothing was added to the three built in');

  // The good file.
  await picker.setInputFiles(file('worked-example.json', exampleText));
  await page.getByText(`Loaded \u201c${example.title}\u201d version ${example.version}.`, { exact: false }).waitFor();
  const row = page.getByRole('row', { name: new RegExp(example.title) });
  await row.getByText('Loaded from worked-example.json').waitFor();
  // Loading it twice changes nothing.
  await picker.setInputFiles(file('worked-example.json', exampleText));
  await problems.getByText(/is already available in this browser, so nothing was changed/).waitFor();

  // It is used for an assessment, on its own scale.
  await startAssessment(page, example.title, 'Anytown Community Planning Partnership');
  await page.getByText('0 of 4 expectations completed').waitFor();
  await rateAll(page, example.principles[0].title, ['Fully in place (5)', 'Just started (2)', 'Partly in place (3)', "Don't know"]);
  assert.match(await page.locator('#results-summary').textContent(), /out of 5\. 3 of 4 expectations rated, 1 marked/);
  await app.checkAccessibility(page, 'results on a custom questionnaire');
  const resultsUrl = page.url();
  assert.equal(
    await page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('cpp-self-assessment/assessment/'));
      const { assessment } = JSON.parse(localStorage.getItem(key));
      return `${assessment.questionnaire_id}@${assessment.questionnaire_version}`;
    }),
    `${example.id}@${example.version}`,
  );

  // The plan drafts from the questionnaire's own actions, below its own target (4).
  await page.getByRole('link', { name: 'Draft the improvement plan' }).click();
  // By default, one action for each of the two expectations below target.
  await page.getByRole('button', { name: 'Add the 2 ticked actions to the plan' }).click();
  await page.getByText('2 actions added to the plan.').waitFor();
  const firstSuggestions = [example.principles[0].expectations[1], example.principles[1].expectations[0]].map((e) => e.actions[0].text);
  assert.deepEqual((await page.getByLabel('What will be done').evaluateAll((els) => els.map((e) => e.value))).sort(), firstSuggestions.sort());

  // The report names the questionnaire's statements.
  await page.goto(resultsUrl.replace(/\/results$/, '/report'));
  await page.locator('#report-chart svg').waitFor();
  await page.getByText(example.principles[0].expectations[1].statement).first().waitFor();

  // An adviser file, which the adviser view collates under this questionnaire.
  await page.goto(resultsUrl.replace(/\/results$/, '/adviser'));
  // Its own questionnaire would name the partnership: the page says so.
  await page.getByText(`names the questionnaire it answers, \u201c${example.id}\u201d. This is your partnership's own questionnaire`, { exact: false }).waitFor();
  await page.getByLabel('Partnership code').fill('CPP-07');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the adviser file' }).click()]);
  const adviserText = await readFile(await download.path(), 'utf8');
  assert.equal(JSON.parse(adviserText).adviser.questionnaire_id, example.id);
  await page.goto(`${app.origin}/#/adviser`);
  await page.getByLabel('Choose adviser files').setInputFiles(file('cpp-07.adviser.json', adviserText));
  await page.getByText('1 of 1 files added.').waitFor();
  await page.getByRole('row', { name: /Choosing our localities|CPP-07/ }).first().waitFor();
  await page.getByText('1 partnership in view (1 file collected).').waitFor();

  // A board session on it: a member passes the device and rates on its own scale.
  await page.goto(`${app.origin}/#/sessions/new`);
  await page.getByRole('radio', { name: example.title }).check();
  await page.getByLabel('Name of the partnership').fill('Anytown Community Planning Partnership');
  await page.getByLabel('Date of the session').fill('2026-11-24');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('Board session saved to this device').waitFor();
  await page.getByRole('link', { name: "Start the next member's turn" }).click();
  await page.getByRole('button', { name: 'Start my turn' }).click();
  for (let i = 0; i < 4; i += 1) {
    const heading = await page.getByRole('heading', { level: 1 }).textContent();
    await page.getByLabel('Mostly in place (4)', { exact: true }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForFunction((previous) => document.querySelector('h1')?.textContent !== previous, heading);
  }
  await page.getByText('You have rated 4 of 4 expectations. Any you have not rated count as not answered.').waitFor();
  await page.getByRole('button', { name: 'Finish my turn' }).click();
  await page.getByText('Your ratings are in the ballot box. Hand the device on.').waitFor();
  await page.waitForFunction((id) => Object.keys(localStorage).some((k) => k.startsWith('cpp-self-assessment/session/')
    && JSON.parse(localStorage.getItem(k)).session.questionnaire_id === id), example.id);

  // After a reload it is still there, and cannot be removed while an assessment uses it.
  await page.goto(`${app.origin}/#/questionnaires`);
  await page.reload();
  await row.getByRole('button', { name: `Remove ${example.title}` }).click();
  await page.getByText(`\u201c${example.title}\u201d is used by 2 saved assessment(s) or board session(s) in this browser, so it was not removed.`, { exact: false }).waitFor();
  assert.equal(await page.getByRole('row').count(), 5);

  app.assertClean();
});

test('a board member completes the CPP Board expectations on the agreement scale, and compares with the board', async () => {
  const { page } = await app.newPage();
  await startAssessment(page, checklist.title, 'Anytown Community Planning Partnership');
  await page.getByText('0 of 5 expectations completed').waitFor();
  await page.getByRole('link', { name: new RegExp(`^1\\. ${checklist.principles[0].title}`) }).click();
  await page.getByRole('heading', { level: 1, name: new RegExp(checklist.principles[0].expectations[0].statement.slice(0, 40)) }).waitFor();
  await page.getByText(checklist.source.guidance_reference).waitFor();
  await app.checkAccessibility(page, 'checklist question');
  await page.goBack();
  await rateAll(page, checklist.principles[0].title, ['Strongly agree (4)', 'Disagree (2)', 'Agree (3)', 'Strongly disagree (1)', "Don't know"]);
  assert.match(await page.locator('#results-summary').textContent(), /out of 4\. 4 of 5 expectations rated/);

  // Statements below "Agree" get the checklist's suggested actions.
  await page.getByRole('link', { name: 'Draft the improvement plan' }).click();
  // Every suggestion, when asked for.
  await page.getByLabel('Offer every suggested action, not only the first for each expectation').check();
  const all = checklist.principles.flatMap((p) => p.expectations);
  const every = all[1].actions.length + all[3].actions.length;
  await page.getByRole('button', { name: `Add the ${every} ticked actions to the plan` }).click();
  await page.getByText(`${every} actions added to the plan.`).waitFor();
  await app.checkAccessibility(page, 'checklist plan');
  await page.getByRole('link', { name: 'Back' }).first().click();

  // Compare with the board's agreed ratings, from the adviser file of its session.
  await page.getByRole('heading', { level: 1, name: 'Results' }).waitFor();
  await page.getByRole('link', { name: "Compare your ratings with your board's agreed ratings" }).click();
  await page.getByRole('heading', { level: 1, name: "Your view and the board's" }).waitFor();
  await page.getByText('There are no board sessions with agreed ratings on this questionnaire in this browser.').waitFor();
  const boardFile = (source) => JSON.stringify({
    format: 'cpp-self-assessment.adviser',
    schema_version: 1,
    app_version: '0.1.0',
    adviser: {
      partnership_code: 'CPP-07',
      partnership_name: 'Anytown CPP board',
      questionnaire_id: checklist.id,
      questionnaire_version: checklist.version,
      date: '2026-10-01',
      source,
      ratings: { [all[0].id]: { level: 4 }, [all[1].id]: { level: 4 }, [all[2].id]: { level: 2 }, [all[3].id]: { level: 3 }, [all[4].id]: { level: 2 } },
      planned: [],
    },
  });
  const picker = page.getByLabel('Or open a board session file or adviser file');
  await picker.setInputFiles(file('one-person.adviser.json', boardFile('assessment')));
  await page.getByText("one-person.adviser.json: This adviser file holds one person's assessment, not a board's agreed ratings").waitFor();
  await picker.setInputFiles(file('board.adviser.json', boardFile('session')));
  await page.getByRole('heading', { name: 'Compared with Anytown CPP board, 1 October 2026' }).waitFor();
  await page.getByText('Of the 5 expectations you and the board both rated, you gave the same rating on 1, were one level apart on 1, and differ by two levels or more on 2. On 1 of them one of you said \u201cdon\u2019t know\u201d.').waitFor();
  const differing = page.getByRole('table', { name: 'Where your view differs' });
  const rows = await differing.getByRole('row').allTextContents();
  assert.equal(rows.length, 4);
  assert.match(rows[1], /^1\.2 .*Disagree \(2\)Strongly agree \(4\)You rated it 2 lower$/);
  assert.match(rows[2], /^2\.1 .*Strongly disagree \(1\)Agree \(3\)You rated it 2 lower$/);
  assert.match(rows[3], /^2\.2 .*Don't knowDisagree \(2\)One said don't know$/);
  await page.locator('#comparison-chart svg').waitFor();
  await app.checkAccessibility(page, 'compare with the board');

  app.assertClean();
});
