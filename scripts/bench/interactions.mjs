// The time from a click to what it leads to, as the person sees it (the first animation
// frame showing it), for what people do most: moving between questions, opening the
// results (chart drawn), opening the plan, revealing a spread in a board's discussion,
// and adding 200 adviser files at once. Each is reported as its 95th percentile over
// many clicks, the first click (which may fetch the page's code) included.
import { EXPECTATIONS, adviserFiles, smallSession } from './synthetic.mjs';
import { benchContext, exactText, openStartPage, readyAt, timeClick } from './measure.mjs';

/** Stores a record, and reloads so the app reads it. */
async function seed(page, origin, key, record) {
  await openStartPage(page, origin);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, JSON.stringify(record)]);
  await page.reload();
}

/** A new assessment with every expectation rated, as a member would: the id, and the time
 * from each "Continue" to the next question. `afterRating` runs once each is rated. */
export async function rateEveryExpectation(page, origin, afterRating = async () => {}) {
  await page.goto(`${origin}/#/new`);
  await readyAt(page, { selector: '#partnership' });
  await page.fill('#partnership', 'Benchmark CPP');
  await timeClick(page, 'button[type="submit"]', { selector: '.task-list a' });
  await timeClick(page, '.task-list a', { selector: 'input[name="rating"]' });
  const id = page.url().match(/#\/assessments\/([^/]+)/)[1];
  const questions = [];
  for (let i = 0; i < EXPECTATIONS.length; i += 1) {
    const heading = (await page.textContent('h1')).trim();
    await page.check('input[name="rating"] >> nth=2');
    await afterRating();
    questions.push(await timeClick(page, 'button[type="submit"]', { selector: 'h1', not: `${exactText(heading)}|^Loading` }));
  }
  return { id, questions };
}

async function assessmentTimes(page, origin, samples) {
  const { id, questions } = await rateEveryExpectation(page, origin);
  const results = [];
  const plan = [];
  for (let i = 0; i < samples; i += 1) {
    await page.goto(`${origin}/#/assessments/${id}/check`);
    await readyAt(page, { selector: 'a.button', text: 'See the results' });
    results.push(await timeClick(page, { selector: 'a.button', text: 'See the results' }, { selector: '#principle-profile-chart svg' }));
    plan.push(await timeClick(page, { selector: 'a.button', text: 'Draft the improvement plan' }, { selector: 'h1', text: '^Improvement plan$' }));
  }
  return { questions, results, plan };
}

async function revealTimes(page, origin, samples) {
  const session = smallSession();
  session.session.ballot_box_closed = true;
  await seed(page, origin, `cpp-self-assessment/session/${session.session.id}`, session);
  const reveals = [];
  for (const expectation of EXPECTATIONS.slice(0, samples)) {
    await page.goto(`${origin}/#/sessions/${session.session.id}/discuss/${expectation}`);
    await readyAt(page, { selector: 'button', text: 'Reveal the ratings' });
    reveals.push(await timeClick(page, { selector: 'button', text: 'Reveal the ratings' }, { selector: '.spread-chart' }));
  }
  return reveals;
}

/** From the files being chosen to the report saying all were added, with what the page
 * showed in between. */
async function importTime(page, origin, count) {
  await page.goto(`${origin}/#/adviser`);
  await readyAt(page, { selector: 'h1', text: '^Collate results' });
  await page.evaluate(() => {
    window.benchProgress = [];
    document.addEventListener('change', () => { window.benchChosen = performance.now(); }, { capture: true, once: true });
    new MutationObserver(() => {
      const status = document.querySelector('[role="status"]')?.textContent.trim();
      if (status && window.benchProgress.at(-1) !== status) window.benchProgress.push(status);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByLabel('Choose adviser files').setInputFiles(adviserFiles(count));
  const done = await readyAt(page, { selector: 'body', text: `${count} of ${count} files added\\.` });
  const { chosen, origin: t0, progress } = await page.evaluate(() => ({ chosen: window.benchChosen, origin: performance.timeOrigin, progress: window.benchProgress }));
  return { time: done - t0 - chosen, progress };
}

export async function interactionTimes(browser, origin, samples) {
  const context = await benchContext(browser);
  const page = await context.newPage();
  try {
    const assessment = await assessmentTimes(page, origin, samples);
    const reveals = await revealTimes(page, origin, samples);
    const imported = await importTime(page, origin, 200);
    return { ...assessment, reveals, imported };
  } finally {
    await context.close();
  }
}
