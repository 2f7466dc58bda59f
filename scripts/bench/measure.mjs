// What every timing in the benchmark shares: statistics, and times taken inside the page,
// so the harness's own round trips never count. A step ends at the first animation frame
// at which the page shows what the step leads to (the frame the person would see).

export const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
/** The 95th percentile (nearest rank): with 20 samples, the second highest. */
export const p95 = (list) => [...list].sort((a, b) => a - b)[Math.ceil(list.length * 0.95) - 1];

export const ms = (value) => (value >= 100 ? `${value.toFixed(0)} ms` : value >= 1 ? `${value.toFixed(1)} ms` : `${(value * 1000).toFixed(1)} µs`);
export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
/** A regular expression (as source) matching exactly `text`. */
export const exactText = (text) => `^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;

/** What a step waits for: an element, optionally with text matching `text` and not `not`
 * (regular expressions, as source). */
const holds = ({ selector, text, not }) => [...document.querySelectorAll(selector)].some((element) => {
  const content = element.textContent;
  return (!text || new RegExp(text).test(content)) && (!not || !new RegExp(not).test(content));
});

/** A browser context whose every page can tell when a step's `ready` holds. */
export async function benchContext(browser, options = {}) {
  const context = await browser.newContext(options);
  await context.addInitScript(`window.benchHolds = ${holds.toString()};`);
  return context;
}

/** The page's clock as wall-clock time (ms), at the first animation frame at which `ready` holds. */
export async function readyAt(page, ready, timeout = 60_000) {
  const handle = await page.waitForFunction(
    (want) => window.benchHolds(want) && performance.timeOrigin + performance.now(),
    ready,
    { polling: 'raf', timeout },
  );
  return handle.jsonValue();
}

/** Milliseconds from clicking `click` (a selector, optionally with `text`) to `ready`,
 * both inside the page, for steps that stay on the page (the app's own navigation). */
export function timeClick(page, click, ready) {
  return page.evaluate(([clickOn, want]) => new Promise((resolve, reject) => {
    const target = [...document.querySelectorAll(clickOn.selector)]
      .find((e) => !clickOn.text || e.textContent.trim() === clickOn.text);
    if (!target) { reject(new Error(`nothing to click: ${JSON.stringify(clickOn)}`)); return; }
    const start = performance.now();
    target.click();
    const frame = () => {
      if (window.benchHolds(want)) resolve(performance.now() - start);
      else if (performance.now() - start > 60_000) reject(new Error(`never ready: ${JSON.stringify(want)}`));
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }), [typeof click === 'string' ? { selector: click } : click, ready]);
}

/** Opens the start page and waits until the app has started, and so has read storage: a
 * record stored after this is read by the next start (a reload), never by this one. */
export async function openStartPage(page, origin) {
  await page.goto(`${origin}/#/`);
  await readyAt(page, { selector: 'h1', text: '^Assess your community planning partnership$' });
}

/** Clicks in the page and returns the wall-clock time of the click: for steps that load a
 * new document (the plain-HTML floor), timed with `readyAt` on the page that follows. */
export function clickAt(page, selector) {
  return page.evaluate((s) => {
    const at = performance.timeOrigin + performance.now();
    document.querySelector(s).click();
    return at;
  }, selector);
}
