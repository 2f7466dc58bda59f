// What a screen-reader user hears. A virtual screen reader runs in the page (bundled here
// from npm, injected only into test pages): it reads a page from top to bottom as someone
// moving through it line by line would, and it speaks what keyboard focus lands on and
// what live regions say, as the page changes. The tests turn what it says into
// transcripts, check them against rules (short names, nothing said twice, a heading
// outline, each status said once), and compare them with the readable snapshots in
// `tests/e2e/transcripts/`.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { ROOT } from './harness.mjs';

const TRANSCRIPTS = path.join(ROOT, 'tests/e2e/transcripts');

/** The longest name a group or control may have: one sentence, the longest expectation
 * statement (322 characters) with its number. Anything longer is a paragraph read out
 * every time someone reaches the control. */
export const LONGEST_NAME = 350;

let bundled;
/** The virtual screen reader and the name and description computation it uses, as one
 * script that puts them on `window.__screenReader`. */
async function screenReaderScript() {
  bundled ??= build({
    stdin: {
      contents: `
        import { Virtual, virtual } from '@guidepup/virtual-screen-reader';
        import { computeAccessibleName, computeAccessibleDescription } from 'dom-accessibility-api';
        window.__screenReader = { Virtual, virtual, computeAccessibleName, computeAccessibleDescription };`,
      resolveDir: ROOT,
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  }).then((result) => result.outputFiles[0].text);
  return bundled;
}

/** Puts the screen reader in the page unless it is there already (a full load clears it;
 * moving between the app's pages does not). Evaluated through the browser's debugging
 * protocol, so the page's own content security policy is untouched. */
async function inject(page) {
  if (await page.evaluate(() => Boolean(window.__screenReader))) return;
  await page.evaluate(await screenReaderScript());
  await page.evaluate(`Object.assign(window.__screenReader, { browserState: ${browserState}, liveAnnouncements: ${liveAnnouncements}, walkOnce: ${walkOnce} })`);
}

/**
 * Moves a started reader through its container once, from the top, calling `visit` at
 * each item until it returns true or the reader is back at the top (it goes round after the
 * last item). Runs in the page.
 */
async function walkOnce(reader, visit) {
  const first = reader.activeNode;
  const firstPhrase = await reader.lastSpokenPhrase();
  for (let i = 0; i < 5000; i += 1) {
    if (await visit()) return;
    await reader.next();
    if (reader.activeNode === first && (await reader.lastSpokenPhrase()) === firstPhrase) return;
  }
}

/**
 * Puts right what the reader says about `element` where it differs from what browsers tell
 * screen readers: it reads a radio's or checkbox's `checked` attribute, where browsers give
 * the live state and the position in the group; it gives a summary, a date field and a
 * file chooser no role. Runs in the page.
 */
function browserState(element, phrase) {
  if (element.matches('input[type="radio"], input[type="checkbox"]')) {
    const parts = phrase.split(', ').filter((part) => !['checked', 'not checked'].includes(part) && !/^(position|set size) \d+$/.test(part));
    parts.push(element.checked ? 'checked' : 'not checked');
    if (element.type === 'radio' && element.name) {
      const group = [...(element.form ?? document).querySelectorAll(`input[type="radio"][name="${element.name}"]`)];
      parts.push(`${group.indexOf(element) + 1} of ${group.length}`);
    }
    return parts.join(', ');
  }
  if (element.localName === 'summary') {
    return ['button', phrase, element.parentElement.open ? 'expanded' : 'collapsed'].join(', ');
  }
  const unnamedRoles = { date: 'date', file: 'button', time: 'time' };
  if (element.localName === 'input' && unnamedRoles[element.type] && !phrase.startsWith(`${unnamedRoles[element.type]}, `)) {
    return `${unnamedRoles[element.type]}, ${phrase}`;
  }
  return phrase;
}

/** Lets the page finish what an event started: an animation frame and a macrotask, twice
 * (the app moves focus in an animation frame, and saves in a timer). */
async function settle(page) {
  await page.evaluate(async () => {
    for (let i = 0; i < 2; i += 1) {
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    }
  });
}

/**
 * Reads the page (or the element `selector` finds, `main` by default) from top to bottom,
 * as a person pressing the down arrow in a screen reader's reading mode hears it.
 */
export async function readPage(page, selector = 'main') {
  await inject(page);
  return page.evaluate(async (selector) => {
    const { virtual, browserState, walkOnce } = window.__screenReader;
    const container = document.querySelector(selector);
    if (!container) throw new Error(`nothing on the page matches ${selector}`);
    // What a page without scripts would show is not read when scripts run.
    for (const fallback of container.querySelectorAll('noscript')) fallback.remove();
    await virtual.start({ container });
    const phraseNow = async () => {
      const node = virtual.activeNode;
      const phrase = await virtual.lastSpokenPhrase();
      // What a closed <details> holds, past its summary, is not shown, so not read.
      const element = node?.nodeType === 1 ? node : node?.parentElement;
      const folded = element?.closest('details:not([open])');
      if (folded && element !== folded && !element.closest('summary')) return null;
      // An image's content (a chart's drawing) is presentational: only its name is read.
      const image = element?.closest('[role="img"]');
      if (image && (image !== element || phrase.startsWith('end of'))) return null;
      // An empty live region waiting for its words is not read out.
      if (node?.nodeType === 1 && node.matches('[role="status"], [role="alert"], [aria-live]') && !node.textContent.trim()) return null;
      // "end of …" is said on leaving an element, not about it.
      return node?.nodeType === 1 && !phrase.startsWith('end') ? browserState(node, phrase) : phrase;
    };
    const read = [];
    await walkOnce(virtual, async () => { read.push(await phraseNow()); return false; });
    await virtual.stop();
    return read.filter((phrase) => phrase !== null);
  }, selector);
}

/**
 * Starts listening: from now on, what keyboard focus lands on (`press`) and what live
 * regions say (`heard`) is heard.
 */
export async function listen(page) {
  await inject(page);
  await page.evaluate(async () => {
    const reader = window.__screenReader;
    const { Virtual, computeAccessibleName, computeAccessibleDescription } = reader;
    /** What the reader says about `element` as it is now: role, name, value, description
     * and state ("checked", "expanded"), in its words. */
    reader.phraseFor = async (element) => {
      if (!element || element === document.body) return '';
      // The reader speaks an element where it meets it among its parent's content; an
      // element it does not speak (a plain focusable <div>) is heard by its first content.
      const one = new Virtual();
      await one.start({ container: element.parentElement });
      let phrase = null;
      await reader.walkOnce(one, async () => {
        if (one.activeNode === element) phrase = await one.lastSpokenPhrase();
        return phrase !== null;
      });
      await one.stop();
      if (phrase === null) {
        await one.start({ container: element });
        [phrase = ''] = await one.spokenPhraseLog();
        await one.stop();
      }
      return reader.browserState(element, phrase);
    };
    /** The groups and dialogs around `element`, outermost first. */
    reader.groupsOf = (element) => {
      const groups = [];
      for (let node = element?.parentElement; node; node = node.parentElement) {
        if (node.matches('fieldset, [role="group"], [role="radiogroup"], dialog, [role="dialog"], [role="alertdialog"]')) groups.unshift(node);
      }
      return groups;
    };
    reader.groupPhrase = (group) => {
      const role = group.localName === 'fieldset' ? 'group' : group.localName === 'dialog' ? 'dialog' : group.getAttribute('role');
      return [role, computeAccessibleName(group), computeAccessibleDescription(group)].filter(Boolean).join(', ');
    };
    reader.focused = document.activeElement;
    reader.focusedPhrase = await reader.phraseFor(reader.focused);
    reader.live = [];
    reader.reported = 0;
    reader.observer?.disconnect();
    reader.observer = new MutationObserver((mutations) => reader.live.push(...reader.liveAnnouncements(mutations)));
    reader.observer.observe(document.body, { childList: true, characterData: true, subtree: true });
  });
}

/**
 * What live regions say for one batch of changes, as browsers report them to screen
 * readers: a role="alert" added to the page is said at once; a change inside a live region
 * (aria-live, or role status, alert or log) says the whole region when it is atomic (status
 * and alert are), otherwise the text added. Changes to one region in one batch are said
 * once, as browsers coalesce them. Runs in the page.
 */
function liveAnnouncements(mutations) {
  const politeness = (element) => {
    const live = element.getAttribute('aria-live');
    if (live) return live;
    return { status: 'polite', log: 'polite', alert: 'assertive' }[element.getAttribute('role')] ?? null;
  };
  const regionOf = (node) => {
    for (let element = node.nodeType === 1 ? node : node.parentElement; element; element = element.parentElement) {
      if (politeness(element)) return element;
    }
    return null;
  };
  const textOf = (node) => (node.nodeType === 1 ? node.innerText ?? node.textContent : node.textContent).replace(/\s+/g, ' ').trim();
  const said = [];
  const regionsSaid = new Set();
  for (const mutation of mutations) {
    for (const added of mutation.addedNodes) {
      if (added.nodeType !== 1) continue;
      const alerts = [added, ...added.querySelectorAll('[role="alert"]')].filter((e) => e.getAttribute('role') === 'alert');
      for (const alert of alerts) {
        if (regionsSaid.has(alert) || !textOf(alert)) continue;
        regionsSaid.add(alert);
        said.push(`assertive: ${textOf(alert)}`);
      }
    }
    const region = regionOf(mutation.target);
    if (!region || !region.isConnected || regionsSaid.has(region) || politeness(region) === 'off') continue;
    const atomic = region.getAttribute('aria-atomic') === 'true'
      || (['status', 'alert'].includes(region.getAttribute('role')) && region.getAttribute('aria-atomic') !== 'false');
    let text;
    if (atomic) {
      regionsSaid.add(region);
      text = textOf(region);
    } else {
      text = mutation.type === 'characterData' ? textOf(mutation.target) : [...mutation.addedNodes].map(textOf).join(' ');
    }
    if (text) said.push(`${politeness(region)}: ${text}`);
  }
  return said;
}

/**
 * Presses `key` (as Playwright names it) and returns what is heard: the key, as `> key`;
 * when focus moves, the groups it enters and the element it lands on; when it stays, what
 * changed ("checked"); then anything a live region said meanwhile.
 */
export async function press(page, key) {
  await page.keyboard.press(key);
  await settle(page);
  return page.evaluate(async (key) => {
    const reader = window.__screenReader;
    const now = document.activeElement;
    const phrase = await reader.phraseFor(now);
    const heard = [`> ${key}`];
    if (now !== reader.focused) {
      const left = new Set(reader.groupsOf(reader.focused));
      heard.push(...reader.groupsOf(now).filter((group) => !left.has(group)).map(reader.groupPhrase));
      if (phrase) heard.push(phrase);
    } else if (phrase !== reader.focusedPhrase) {
      // Focus stayed: a changed state is said alone ("checked"), a changed name in full.
      const old = new Set(reader.focusedPhrase.split(', '));
      const changed = phrase.split(', ').filter((part) => !old.has(part));
      heard.push(changed.includes(reader.computeAccessibleName(now)) ? phrase : changed.join(', '));
    }
    reader.focused = now;
    reader.focusedPhrase = phrase;
    heard.push(...reader.live.slice(reader.reported));
    reader.reported = reader.live.length;
    return heard;
  }, key);
}

/** Presses each key in turn (see `press`) and returns all that was heard. */
export async function pressKeys(page, keys) {
  const said = [];
  for (const key of keys) said.push(...await press(page, key));
  return said;
}

/**
 * Puts focus on `control` (a locator), starts listening, presses `key`, waits for
 * `outcome` (a locator) to show, and returns all that was heard, live regions included.
 */
export async function pressOn(page, control, key, outcome) {
  await control.focus();
  await listen(page);
  const said = await press(page, key);
  await outcome.waitFor();
  said.push(...await heard(page));
  return said;
}

/** What live regions have said that has not been heard yet (by `press` or an earlier
 * `heard`), once the page settles. */
export async function heard(page) {
  await settle(page);
  return page.evaluate(() => {
    const reader = window.__screenReader;
    const unheard = reader.live.slice(reader.reported);
    reader.reported = reader.live.length;
    return unheard;
  });
}

/** The name and description of every group and control in `selector`, as a screen reader
 * computes them, with the role it would say. */
export async function namesOfControls(page, selector = 'main') {
  await inject(page);
  return page.evaluate((selector) => {
    const { computeAccessibleName, computeAccessibleDescription } = window.__screenReader;
    const controls = document.querySelector(selector).querySelectorAll(
      'fieldset, [role="group"], [role="radiogroup"], [role="region"], section[aria-label], section[aria-labelledby], '
      + 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="img"], table, [role="status"], [role="alert"]',
    );
    return [...controls]
      .filter((element) => element.getClientRects().length > 0 || element.matches('input'))
      .map((element) => ({
        element: element.outerHTML.slice(0, 120),
        name: computeAccessibleName(element).trim(),
        description: computeAccessibleDescription(element).trim(),
      }));
  }, selector);
}

/** Fails when a name is longer than a sentence, or is said again in its own description. */
export function assertShortNames(controls, label) {
  for (const { element, name, description } of controls) {
    assert.ok(name.length <= LONGEST_NAME, `${label}: a name of ${name.length} characters (more than a sentence): "${name.slice(0, 200)}…" on ${element}`);
    // A sentence ends with a word and a stop, then a capital: "1. Community" is a number.
    const sentences = name.split(/(?<=[a-z)]{2}[.!?])\s+(?=[A-Z])/).length;
    assert.ok(sentences <= 1, `${label}: a name of ${sentences} sentences: "${name}" on ${element}`);
    if (name && description) {
      assert.ok(!description.includes(name) && !name.includes(description),
        `${label}: "${name}" is said twice, as the name and in the description "${description}" of ${element}`);
    }
  }
}

/** The headings in what was read, as an indented outline. */
export function headingOutline(phrases) {
  return phrases
    .map((phrase) => phrase.match(/^heading, (.*), level (\d)$/))
    .filter(Boolean)
    .map(([, text, level]) => `${'  '.repeat(Number(level) - 1)}${level} ${text}`);
}

/** Fails unless the page has one level 1 heading, first, and no level is skipped. */
export function assertHeadingOutline(phrases, label) {
  const levels = headingOutline(phrases).map((line) => Number(line.trim().split(' ')[0]));
  assert.ok(levels.length > 0, `${label}: no headings`);
  assert.equal(levels[0], 1, `${label}: the first heading is not level 1`);
  assert.equal(levels.filter((l) => l === 1).length, 1, `${label}: more than one level 1 heading`);
  levels.forEach((level, i) => {
    if (i > 0) assert.ok(level <= levels[i - 1] + 1, `${label}: heading level ${levels[i - 1]} is followed by level ${level}`);
  });
}

/** Fails unless a live region said `text` exactly once in `phrases`. */
export function assertAnnouncedOnce(phrases, text, label) {
  const live = phrases.filter((p) => /^(polite|assertive): /.test(p) && p.includes(text));
  assert.equal(live.length, 1, `${label}: "${text}" was announced ${live.length} times: ${JSON.stringify(phrases.filter((p) => /^(polite|assertive): /.test(p)))}`);
}

/** Fails when the same thing is said twice in a row (table cells apart: two cells in a
 * row can hold the same number). */
export function assertNoRepeats(phrases, label) {
  phrases.forEach((phrase, i) => {
    if (i > 0 && !/^(> |cell, )/.test(phrase)) assert.notEqual(phrase, phrases[i - 1], `${label}: "${phrase}" is said twice in a row`);
  });
}

/**
 * Compares a transcript with its snapshot `tests/e2e/transcripts/<name>.txt`, with what
 * changes from run to run written as a placeholder: times of day (HH:MM), a ballot's code
 * and its receipt (made from a random token). A missing snapshot is
 * written (and fails under CI); `UPDATE_TRANSCRIPTS=1` rewrites them all.
 */
export function matchTranscript(name, sections) {
  const text = Object.entries(sections)
    .map(([title, phrases]) => `## ${title}\n\n${phrases.join('\n')}\n`)
    .join('\n')
    .replace(/\b\d{1,2}:\d{2}\b/g, 'HH:MM')
    .replace(/\b[0-9A-Z]{5}(-[0-9A-Z]{5}){8}\b/g, 'BALLOT-CODE')
    .replace(/…[0-9A-Z]{4}\)/g, '…RECEIPT)');
  const file = path.join(TRANSCRIPTS, `${name}.txt`);
  if (process.env.UPDATE_TRANSCRIPTS === '1' || !existsSync(file)) {
    assert.ok(process.env.CI !== 'true' || process.env.UPDATE_TRANSCRIPTS === '1', `no transcript ${file}: run the tests once with UPDATE_TRANSCRIPTS=1 and read it`);
    mkdirSync(TRANSCRIPTS, { recursive: true });
    writeFileSync(file, text);
    return;
  }
  const kept = readFileSync(file, 'utf8');
  if (text === kept) return;
  const [now, before] = [text.split('\n'), kept.split('\n')];
  const line = now.findIndex((said, i) => said !== before[i]);
  assert.fail(`${name}: what a screen reader says has changed from line ${line + 1} of ${file}:\n`
    + `  was: ${before.slice(line, line + 3).join(' / ')}\n  now: ${now.slice(line, line + 3).join(' / ')}\n`
    + 'Read the difference; if it is right, run again with UPDATE_TRANSCRIPTS=1.');
}

/** Reads `main` (see `readPage`), checks its heading outline, its groups' and controls'
 * names, that nothing is said twice in a row, and (through `app`) that axe finds no WCAG
 * A/AA violation; returns what was read. */
export async function readAndCheck(app, page, label) {
  await app.checkAccessibility(page, label);
  const read = await readPage(page);
  assertHeadingOutline(read, label);
  assertShortNames(await namesOfControls(page), label);
  assertNoRepeats(read, label);
  return read;
}
