// Loading times beside a plain-HTML floor: the app's own pages saved as static HTML with
// no scripts, served by the same server, so the floor is what the same pages would cost
// as a static site. Each figure is a median of `runs`, cold (a new browser profile, no
// service worker) and warm (a second visit, from the service worker's copy).
//   - The start page, from navigation until its start button shows.
//   - The new assessment form, from navigation until its first field shows.
//   - The first question of a new assessment: the form from navigation, then from
//     "Continue" to the task list, then from the first task to its question, added up.
//     The floor walks the same three pages as static pages linked to each other, and the
//     typing in between is not counted in either.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { benchContext, clickAt, median, readyAt, timeClick } from './measure.mjs';

const START = { selector: 'a.button--start' };
const FORM = { selector: '#partnership' };
const TASKS = { selector: '.task-list a' };
const QUESTION = { selector: 'input[name="rating"]' };

/** Saves the page as it is now as plain HTML with no scripts, its form and first task
 * pointing at the floor's next pages. */
async function snapshot(page, file) {
  const html = await page.evaluate(() => {
    const copy = document.documentElement.cloneNode(true);
    copy.querySelectorAll('script, link[rel="modulepreload"], link[rel="preload"], link[rel="manifest"], meta[http-equiv]').forEach((e) => e.remove());
    copy.querySelector('form')?.setAttribute('action', 'floor-tasks.html');
    copy.querySelector('.task-list a')?.setAttribute('href', 'floor-question.html');
    return `<!DOCTYPE html>\n${copy.outerHTML}`;
  });
  writeFileSync(file, html);
}

/** Milliseconds from navigation to `ready`. */
async function load(page, url, ready) {
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'commit' });
  const at = await readyAt(page, ready);
  return at - await page.evaluate(() => performance.timeOrigin);
}

/** The app's form, task list and first question, as three steps added up. */
async function appFirstQuestion(page, origin) {
  const form = await load(page, `${origin}/#/new`, FORM);
  await page.fill('#partnership', 'Benchmark CPP');
  const tasks = await timeClick(page, 'button[type="submit"]', TASKS);
  const question = await timeClick(page, '.task-list a', QUESTION);
  return form + tasks + question;
}

/** The same three pages as static HTML. */
async function floorFirstQuestion(page, floor) {
  const form = await load(page, `${floor}/floor-form.html`, FORM);
  await page.fill('#partnership', 'Benchmark CPP');
  let clicked = await clickAt(page, 'button[type="submit"]');
  await page.waitForURL(/floor-tasks/, { waitUntil: 'commit' });
  const tasks = await readyAt(page, TASKS) - clicked;
  clicked = await clickAt(page, '.task-list a');
  await page.waitForURL(/floor-question/, { waitUntil: 'commit' });
  const question = await readyAt(page, QUESTION) - clicked;
  return form + tasks + question;
}

/** Saves the floor's pages from the app itself. */
async function makeFloor(browser, origin, floorDir) {
  const context = await benchContext(browser, { serviceWorkers: 'block' });
  const page = await context.newPage();
  await load(page, `${origin}/`, START);
  await snapshot(page, path.join(floorDir, 'floor-start.html'));
  await load(page, `${origin}/#/new`, FORM);
  await snapshot(page, path.join(floorDir, 'floor-form.html'));
  await page.fill('#partnership', 'Benchmark CPP');
  await timeClick(page, 'button[type="submit"]', TASKS);
  await snapshot(page, path.join(floorDir, 'floor-tasks.html'));
  await timeClick(page, '.task-list a', QUESTION);
  await snapshot(page, path.join(floorDir, 'floor-question.html'));
  await context.close();
}

/** Median of `runs` of `measure`, each in a new profile (cold) or all in one whose service
 * worker has taken over (warm). */
async function medianOf(browser, runs, cache, measure) {
  const times = [];
  if (cache === 'cold') {
    for (let i = 0; i < runs; i += 1) {
      const context = await benchContext(browser, { serviceWorkers: 'block' });
      times.push(await measure(await context.newPage()));
      await context.close();
    }
  } else {
    const context = await benchContext(browser);
    const page = await context.newPage();
    await measure(page);
    await page.evaluate(async () => { if (await navigator.serviceWorker?.getRegistration()) await navigator.serviceWorker.ready; });
    for (let i = 0; i < runs; i += 1) times.push(await measure(page));
    await context.close();
  }
  return median(times);
}

/** Rows `{ label, cache, app, floor }` for the start page, the form and the first question. */
export async function navigationTimes(browser, origin, floorDir, runs) {
  await makeFloor(browser, origin, floorDir);
  const floor = `${origin}/floor`;
  const cases = [
    ['Start page, interactive', (p) => load(p, `${origin}/`, START), (p) => load(p, `${floor}/floor-start.html`, START)],
    ['New assessment form, from navigation', (p) => load(p, `${origin}/#/new`, FORM), (p) => load(p, `${floor}/floor-form.html`, FORM)],
    ['First question of a new assessment (form, task list, question)', (p) => appFirstQuestion(p, origin), (p) => floorFirstQuestion(p, floor)],
  ];
  const rows = [];
  for (const [label, app, plain] of cases) {
    for (const cache of ['cold', 'warm']) {
      rows.push({ label, cache, app: await medianOf(browser, runs, cache, app), floor: await medianOf(browser, runs, cache, plain) });
    }
  }
  return rows;
}
