// Shared set-up for the end-to-end tests: serves dist/ with a plain static server, drives
// Debian's Chromium through Playwright, and watches every page for the three things every
// run must show: no request to another origin, no accessibility violation, no panic.
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { serve } from '../../scripts/static-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Serves the built site (or another folder holding a copy of it) and starts Chromium;
 * `chromiumArgs` adds switches (a fake camera, say); `onServed(path, bytes)` hears of
 * every file the server sends.
 */
export async function startApp({ site = path.join(root, 'dist'), chromiumArgs = [], onServed } = {}) {
  const server = await serve(site, 0, '127.0.0.1', { onServed });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...chromiumArgs],
  });
  const app = { origin, browser, server, foreignRequests: [], panics: [], axeChecked: new Set() };

  app.newPage = async (contextOptions = {}) => {
    const context = await browser.newContext(contextOptions);
    context.on('request', (request) => {
      const url = new URL(request.url());
      if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== origin) {
        app.foreignRequests.push(request.url());
      }
    });
    // Every page of the context is watched, windows the app opens included.
    context.on('page', (page) => app.watch(page));
    const page = await context.newPage();
    return { context, page };
  };

  /** Records any panic or uncaught error on `page`. */
  app.watch = (page) => {
    page.on('console', (message) => {
      if (/panicked|RuntimeError|unreachable/i.test(message.text())) app.panics.push(message.text());
    });
    page.on('pageerror', (error) => app.panics.push(String(error)));
  };

  /** Fails on any WCAG 2.x A/AA violation on the page as it is now. */
  app.checkAccessibility = async (page, label) => {
    const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
    const summary = results.violations.map(
      (v) => `${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
    );
    assert.deepEqual(summary, [], `accessibility violations on ${label}`);
    app.axeChecked.add(label);
  };

  /** The checks every run ends with. */
  app.assertClean = () => {
    assert.deepEqual(app.foreignRequests, [], 'requests went to another origin');
    assert.deepEqual(app.panics, [], 'the app panicked or threw');
  };

  app.close = async () => {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  };
  return app;
}

export const ROOT = root;

/**
 * A page whose clock (fixed at 10:00 on 30 November 2026) and random numbers (a seeded
 * sequence) are the same in every run, so what it shows from them (a save time, a
 * session's code) is too.
 */
export async function steadyPage(app, options) {
  const { page } = await app.newPage(options);
  await page.clock.setFixedTime(new Date('2026-11-30T10:00:00'));
  await page.addInitScript(() => {
    let state = 20261130;
    Math.random = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
  });
  return page;
}

/** Stores records as the app keeps them (key to record), once it has started, and
 * reloads so it reads them. */
export async function storeRecords(app, page, records) {
  await page.goto(`${app.origin}/#/`);
  await page.getByRole('heading', { level: 1, name: 'Assess your community planning partnership' }).waitFor();
  await page.evaluate((entries) => { for (const [key, text] of entries) localStorage.setItem(key, text); },
    Object.entries(records).map(([key, record]) => [key, JSON.stringify(record)]));
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Assess your community planning partnership' }).waitFor();
}

/** Waits until keyboard focus is on the page's main heading (after a page change). */

export async function waitForHeadingFocus(page) {
  await page.waitForFunction(() => document.activeElement?.id === 'page-heading');
}

/**
 * Presses Tab until the focused element matches `test` (run in the page), as a keyboard
 * user would; fails after `limit` presses.
 */
export async function tabUntil(page, test, arg, limit = 60) {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(test, arg)) return;
  }
  assert.fail(`focus never reached the element after ${limit} Tab presses`);
}

/** Fills the rest of this origin's storage, as another site's data would. */
export async function fillStorage(page) {
  return page.evaluate(() => {
    // Fill with ever smaller pieces, each size until it no longer fits.
    let count = 0;
    for (let size = 256 * 1024; size >= 1; size = Math.floor(size / 4)) {
      try {
        for (;;) {
          localStorage.setItem(`another-app/filler-${count}`, 'x'.repeat(size));
          count += 1;
        }
      } catch {
        // This size no longer fits: try a smaller one.
      }
    }
    return count;
  });
}
