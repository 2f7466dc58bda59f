// Shared set-up for the cross-engine journeys: serves a copy of the built site with
// `watch.js` at the top of each page, and drives Firefox ESR (geckodriver) or WebKitGTK
// (WebKitWebDriver and its MiniBrowser) through WebDriver, chosen by ENGINE. Every journey
// ends by asserting what every run must show: no console error, no uncaught error, no
// request to another origin.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Builder, By, until } from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox.js';
import { serve } from '../../scripts/static-server.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ENGINE = process.env.ENGINE ?? 'firefox';
const WATCH = readFileSync(new URL('./watch.js', import.meta.url), 'utf8');
const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const WAIT = 20_000;

/** The page's HTML with the watch first in its head, ahead of its policy. */
export function watched(html) {
  return html.replace(/<head>/i, `<head><script>${WATCH}</script>`);
}

/** A copy of `site` whose pages carry the watch. */
export function watchedCopy(site, pages = ['index.html']) {
  const copy = mkdtempSync(path.join(os.tmpdir(), `cpp-${ENGINE}-`));
  cpSync(site, copy, { recursive: true });
  for (const page of pages) {
    const file = path.join(copy, page);
    writeFileSync(file, watched(readFileSync(file, 'utf8')));
  }
  return copy;
}

async function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function webkitDriver() {
  const port = await freePort();
  const server = spawn('WebKitWebDriver', [`--port=${port}`], { stdio: 'ignore' });
  const deadline = Date.now() + WAIT;
  for (;;) {
    const ready = await fetch(`http://127.0.0.1:${port}/status`).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) throw new Error('WebKitWebDriver did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const driver = await new Builder()
    .usingServer(`http://127.0.0.1:${port}`)
    .withCapabilities({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
    })
    .build();
  return { driver, stop: () => server.kill() };
}

async function firefoxDriver() {
  const options = new firefox.Options()
    .setBinary(process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr')
    .addArguments('-headless')
    // A fresh profile must not reach out to Mozilla's services on this closed network.
    .setPreference('app.update.enabled', false)
    .setPreference('datareporting.policy.dataSubmissionEnabled', false)
    .setPreference('toolkit.telemetry.enabled', false)
    .setPreference('browser.safebrowsing.malware.enabled', false)
    .setPreference('browser.safebrowsing.phishing.enabled', false)
    .setPreference('network.captive-portal-service.enabled', false)
    .setPreference('network.connectivity-service.enabled', false);
  const geckodriver = process.env.GECKODRIVER_PATH ?? path.join(os.homedir(), '.cargo/bin/geckodriver');
  const driver = await new Builder()
    .forBrowser('firefox')
    .setFirefoxOptions(options)
    .setFirefoxService(new firefox.ServiceBuilder(geckodriver))
    .build();
  return { driver, stop: () => {} };
}

/**
 * Serves a watched copy of the built site and starts the engine. `site` is the folder to
 * serve (dist unless given).
 */
export async function startEngine({ site = path.join(ROOT, 'dist') } = {}) {
  const copy = watchedCopy(site);
  let server = await serve(copy, 0);
  const port = server.address().port;
  const origin = `http://127.0.0.1:${port}`;
  const { driver, stop } = ENGINE === 'webkit' ? await webkitDriver() : await firefoxDriver();
  await driver.manage().setTimeouts({ implicit: 0, pageLoad: 60_000, script: 30_000 });
  const engine = { driver, origin, copy };
  const folders = [copy];

  /** A temporary folder, removed when the engine closes. */
  engine.folder = (name) => {
    const folder = mkdtempSync(path.join(os.tmpdir(), `${name}-`));
    folders.push(folder);
    return folder;
  };

  /** Stops serving, as if the network went away; `goOnline` serves again on the same port. */
  engine.goOffline = () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); });
  engine.goOnline = async () => { server = await serve(copy, port); };

  /** Opens a page of the app (a hash route, or '' for the start page). */
  engine.open = async (route = '') => {
    await driver.get(`${origin}/${route}`);
  };

  /** Forgets what the watch recorded, so each journey answers for itself. */
  engine.fresh = async () => {
    await engine.open();
    await driver.executeScript("sessionStorage.removeItem('__engineWatch')");
    // ENGINE_DEBUG=1 adds where each console error came from.
    if (process.env.ENGINE_DEBUG) await driver.executeScript("sessionStorage.setItem('__engineDebug', '1')");
  };

  /** What the watch recorded on the current page's origin. */
  engine.watched = () => driver.executeScript(
    "return JSON.parse(sessionStorage.getItem('__engineWatch') || '{\"errors\":[],\"foreign\":[],\"downloads\":[]}')",
  );

  /** The checks every journey ends with. */
  engine.assertClean = async () => {
    const { errors, foreign } = await engine.watched();
    assert.deepEqual(foreign, [], 'requests went to another origin');
    assert.deepEqual(errors, [], 'console errors, uncaught errors or panics');
  };

  engine.close = async () => {
    await driver.quit().catch(() => {});
    stop();
    await new Promise((resolve) => server.close(resolve));
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  };
  return engine;
}

/** XPath for text: a literal whatever quotes it holds. */
function literal(text) {
  if (!text.includes("'")) return `'${text}'`;
  return `concat('${text.split("'").join(`', "'", '`)}')`;
}

/** Waits for an element and returns it, as a person would look for it. */
export async function find(driver, locator) {
  return driver.wait(until.elementLocated(locator), WAIT, `waiting for ${locator}`);
}

export const heading = (text) => By.xpath(`//h1[normalize-space()=${literal(text)}]`);
export const button = (text) => By.xpath(`//button[normalize-space()=${literal(text)}]`);
export const link = (text) => By.xpath(`//a[normalize-space()=${literal(text)}]`);
export const text = (words) => By.xpath(`//*[not(self::script)][contains(normalize-space(), ${literal(words)})][not(*[contains(normalize-space(), ${literal(words)})])]`);

/** The form control a <label> with this text is for. */
export async function labelled(driver, label) {
  const element = await find(driver, By.xpath(`//label[normalize-space()=${literal(label)}]`));
  return driver.findElement(By.id(await element.getAttribute('for')));
}

export async function click(driver, locator) {
  const element = await find(driver, locator);
  await driver.wait(until.elementIsVisible(element), WAIT);
  await element.click();
}

/** Reloads as a person would (WebDriver's own refresh skips the service worker in
 * Firefox), and waits for the new page. */
export async function reload(driver) {
  await driver.executeScript('window.__beforeReload = true; location.reload()');
  await driver.wait(async () => !(await driver.executeScript('return window.__beforeReload === true').catch(() => true)), WAIT, 'waiting for the reload');
}

/** Waits until `condition` (run in the page) is true. */
export async function waitInPage(driver, condition, ...args) {
  await driver.wait(async () => Boolean(await driver.executeScript(`return (${condition})(...arguments)`, ...args)), WAIT, `waiting for ${condition}`);
}

/** How long the first visit may take to keep its offline copy: every file of the app is
 * downloaded once, which a loaded machine can take a while over. */
const OFFLINE_COPY_WAIT = 60_000;

/**
 * Waits until the page's service worker is active, asking its registration each time
 * rather than waiting on `navigator.serviceWorker.ready` in one script: that promise can
 * stay pending past WebDriver's script timeout, and then says nothing of where the worker
 * got to. On failure the message gives the worker's last state.
 */
export async function waitForOfflineCopy(driver) {
  let state = 'not asked';
  const active = async () => {
    state = await driver.executeScript(`return navigator.serviceWorker.getRegistration().then((r) =>
      !r ? 'no registration'
        : r.active ? r.active.state
          : r.waiting ? 'waiting' : r.installing ? r.installing.state : 'registered, no worker')`);
    return state === 'activated';
  };
  await driver.wait(active, OFFLINE_COPY_WAIT).catch((error) => {
    throw new Error(`the service worker did not become active (last state: ${state})`, { cause: error });
  });
}
