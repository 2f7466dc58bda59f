// Every page at the scale people can bring: a board session file of 10,000 ballots, an
// adviser's collection of 1,000 partnerships' files, and a questionnaire of 5,000
// expectations with an assessment rating them all. Each page is timed from the link (a
// change of address in the app) to its content showing at an animation frame; the
// largest time of each kind is what the benchmark reports.
import { EXPECTATIONS, collectionRecord, largeQuestionnaire, sessionFile } from './synthetic.mjs';
import { benchContext, openStartPage, readyAt } from './measure.mjs';

/** Milliseconds from going to `hash` in the app to `ready`, inside the page. */
function timeHash(page, hash, ready) {
  return page.evaluate(([to, want]) => new Promise((resolve, reject) => {
    const start = performance.now();
    location.hash = to;
    const frame = () => {
      if (window.benchHolds(want)) resolve(performance.now() - start);
      else if (performance.now() - start > 120_000) reject(new Error(`never ready: ${to}`));
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }), [hash, ready]);
}

const heading = (text) => ({ selector: 'h1', text });
const SESSION_BALLOTS = Number(process.env.BENCH_SESSION_BALLOTS ?? 10_000);

/** Each page in turn, `[label, hash, ready]`, timed; returns `{ label, ms }` per page. */
async function timePages(page, pages) {
  const times = [];
  for (const [label, hash, ready] of pages) {
    // From the start page, so each page is made anew.
    await timeHash(page, '#/', heading('^Assess your community planning partnership$'));
    times.push({ label, ms: await timeHash(page, hash, ready) });
    if (process.env.BENCH_VERBOSE) console.error(label, times.at(-1).ms.toFixed(0));
  }
  return times;
}

/** Stores records (key to record) and reloads, so the app reads them at start; returns
 * the time from the reload to `ready`, or the browser's refusal to store them. */
async function storeAndOpen(page, origin, records, ready) {
  await openStartPage(page, origin);
  const refused = await page.evaluate((entries) => {
    try {
      for (const [key, text] of entries) localStorage.setItem(key, text);
      return null;
    } catch (error) {
      return String(error.message ?? error);
    }
  }, Object.entries(records).map(([key, record]) => [key, JSON.stringify(record)]));
  if (refused) return { refused };
  await page.reload({ waitUntil: 'commit' });
  return { ms: await readyAt(page, ready) - await page.evaluate(() => performance.timeOrigin) };
}

async function sessionPages(page, origin, ballots) {
  const file = sessionFile({ ballots });
  const session = file.session;
  session.ballot_box_closed = true;
  session.revealed = [...EXPECTATIONS];
  session.consensus = Object.fromEntries(EXPECTATIONS.filter((_, i) => i % 2 === 0).map((e) => [e, { rating: { level: 4 }, rationale: 'Agreed', actions_arising: '' }]));
  const base = `#/sessions/${session.id}`;
  await page.goto(`${origin}/${base}`);
  const opened = await storeAndOpen(page, origin, { [`cpp-self-assessment/session/${session.id}`]: file }, heading('^Assess'));
  const size = `${(JSON.stringify(file).length / 1024 / 1024).toFixed(1)} MB`;
  if (opened.refused) return [{ label: `Storing the session (${size}): refused by the browser (${opened.refused})`, ms: Infinity }];
  const [first] = EXPECTATIONS;
  return [{ label: `Opening the app with the session stored (${size})`, ms: opened.ms }, ...await timePages(page, [
    ['Home', base, { selector: 'h1', text: '^Board session' }],
    ['Agenda', `${base}/agenda`, { selector: 'h1', not: '^Loading|^Assess' }],
    ['Discussion (an expectation revealed)', `${base}/discuss/${first}`, { selector: '.spread-chart' }],
    ["Projector's view", `${base}/present/${first}`, { selector: '.spread-chart' }],
    ['Results (chart drawn)', `${base}/results`, { selector: '#session-profile-chart svg' }],
    ['Plan', `${base}/plan`, heading('^Improvement plan$')],
    ['Board report', `${base}/report`, { selector: 'h1', not: '^Loading|^Assess' }],
    ['Show of hands', `${base}/hands/${first}`, { selector: 'h1', not: '^Loading|^Assess' }],
    ['Adviser file', `${base}/adviser`, { selector: 'h1', not: '^Loading|^Assess' }],
  ])];
}

async function adviserPages(page, origin) {
  await openStartPage(page, origin);
  await page.evaluate((record) => localStorage.setItem('cpp-self-assessment/collection/adviser-collection', record), JSON.stringify(collectionRecord(1_000)));
  await page.reload();
  await readyAt(page, heading('^Assess'));
  const pages = await timePages(page, [
    ['Collation (every view, chart drawn)', '#/adviser', { selector: '#national-profile-chart svg' }],
  ]);
  const filter = await page.evaluate(() => new Promise((resolve) => {
    const year = document.getElementById('filter-year');
    const start = performance.now();
    year.value = '2024';
    year.dispatchEvent(new Event('change', { bubbles: true }));
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - start)));
  }));
  return [...pages, { label: 'A year chosen as the view', ms: filter }];
}

async function largePlan(page, origin) {
  const { questionnaireRecord, assessmentRecord } = largeQuestionnaire(5_000);
  await openStartPage(page, origin);
  await page.evaluate(([q, a]) => {
    localStorage.setItem('cpp-self-assessment/questionnaire/bench-large@1.0.0', q);
    localStorage.setItem('cpp-self-assessment/assessment/bench-large-assessment', a);
  }, [JSON.stringify(questionnaireRecord), JSON.stringify(assessmentRecord)]);
  await page.reload();
  await readyAt(page, heading('^Assess'));
  const base = '#/assessments/bench-large-assessment';
  const pages = await timePages(page, [
    ['Task list', base, { selector: '.task-list a' }],
    ['Results (chart drawn)', `${base}/results`, { selector: '#principle-profile-chart svg' }],
    ['Plan, with its draft offered', `${base}/plan`, { selector: 'button', text: '^Add the \\d+ ticked actions? to the plan$' }],
  ]);
  const added = await page.evaluate(() => new Promise((resolve, reject) => {
    const button = [...document.querySelectorAll('button')].find((b) => /^Add the \d+ ticked/.test(b.textContent.trim()));
    if (!button) { reject(new Error('no draft to add')); return; }
    const start = performance.now();
    button.click();
    const frame = () => {
      if (/actions? added to the plan/.test(document.body.textContent)) resolve(performance.now() - start);
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }));
  return [...pages, { label: 'Drafting: the ticked actions added to the plan', ms: added }];
}

export async function scaleTimes(browser, origin) {
  const run = async (measure) => {
    const context = await benchContext(browser);
    try {
      return await measure(await context.newPage(), origin);
    } finally {
      await context.close();
    }
  };
  return {
    session: await run((page) => sessionPages(page, origin, SESSION_BALLOTS)),
    adviser: await run(adviserPages),
    plan: await run(largePlan),
  };
}
