// The core journeys in another engine (ENGINE=firefox or webkit), through WebDriver: an
// assessment from start to results and a reload, a download, the quiz, the adviser's
// import, a member's ballot on a phone-sized window (as narrow as the driver allows), the
// single-file edition from file://, and offline after the first visit. Each fails on any console error, uncaught error, panic or
// request to another origin (see watch.js).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { By } from 'selenium-webdriver';
import { adviserFiles } from '../e2e/fixtures/adviser-files.mjs';
import { ENGINE, ROOT, button, click, find, heading, labelled, link, reload, startEngine, text, waitForOfflineCopy, waitInPage, watched } from './harness.mjs';

let engine;
before(async () => { engine = await startEngine(); });
after(async () => { await engine?.close(); });

/** Chooses a rating by its label and goes on, waiting for the next question. */
async function rate(driver, label) {
  const before = await (await find(driver, By.css('h1'))).getText();
  await click(driver, By.xpath(`//label[normalize-space()='${label}']`));
  await click(driver, button('Continue'));
  await driver.wait(async () => (await driver.findElement(By.css('h1')).getText()) !== before, 20_000);
}

test(`${ENGINE}: an assessment from the start page to results, kept over a reload, with a download`, async () => {
  const { driver } = engine;
  await engine.fresh();
  await engine.open();
  await find(driver, heading('Assess your community planning partnership'));
  await click(driver, link('Start a new assessment'));
  await find(driver, heading('Start a new assessment'));
  await (await labelled(driver, 'Name of the partnership')).sendKeys('Anytown Community Planning Partnership');
  await click(driver, button('Continue'));
  await find(driver, text('Assessment saved to this device'));
  await click(driver, By.xpath("//a[starts-with(normalize-space(), '1. Community participation')]"));
  for (const label of ['Good (4)', 'Very good (5)', 'Weak (2)', 'Good (4)', 'Satisfactory (3)']) await rate(driver, label);

  const id = (await driver.getCurrentUrl()).match(/#\/assessments\/([^/]+)/)[1];
  await engine.open(`#/assessments/${id}/results`);
  await find(driver, heading('Results'));
  await find(driver, By.css('#principle-profile-chart svg'));
  const summary = async () => (await find(driver, By.id('results-summary'))).getText();
  assert.match(await summary(), /5 of 33 expectations rated/);
  await reload(driver);
  await find(driver, By.css('#principle-profile-chart svg'));
  assert.match(await summary(), /5 of 33 expectations rated/);

  await click(driver, button('Ratings (CSV)'));
  await driver.wait(async () => (await engine.watched()).downloads.length > 0, 20_000, 'a download');
  const [file] = (await engine.watched()).downloads;
  assert.equal(file.name, `anytown-community-planning-partnership-${new Date().toISOString().slice(0, 10)}.ratings.csv`);
  assert.match(file.text, /^\ufeffNo\.,Principle,Expectation,/);
  assert.match(file.text, /\r\n1\.1,Community participation and co-production,[^\r]*,4,Good,/);
  await engine.assertClean();
});

test(`${ENGINE}: the quiz asks a question and explains its answer`, async () => {
  const { driver } = engine;
  await engine.fresh();
  await engine.open('#/quiz');
  await click(driver, button('Start the quiz'));
  await find(driver, text('Question 1 of 40'));
  await click(driver, By.css('main input[type="radio"] + label, main input[type="checkbox"] + label'));
  await click(driver, button('Check answer'));
  const feedback = await find(driver, By.css('.feedback'));
  assert.match(await feedback.getText(), /^(Correct|Not quite)/);
  assert.match(await feedback.getText(), /Source: /);
  await engine.assertClean();
});

test(`${ENGINE}: an adviser adds files from several partnerships`, async () => {
  const { driver } = engine;
  await engine.fresh();
  const { files } = adviserFiles();
  const folder = engine.folder('adviser-files');
  const chosen = files.filter((f) => f.name.endsWith('.adviser.json') && !f.name.includes('copy')).slice(0, 12);
  for (const file of chosen) writeFileSync(path.join(folder, file.name), file.buffer);
  await engine.open('#/adviser');
  await find(driver, heading('Collate results from many partnerships'));
  const picker = await labelled(driver, 'Choose adviser files');
  await picker.sendKeys(chosen.map((f) => path.join(folder, f.name)).join('\n'));
  await find(driver, text(`${chosen.length} of ${chosen.length} files added.`));
  await find(driver, text('in view ('));
  await engine.assertClean();
});

test(`${ENGINE}: a member rates on a phone-sized window from the session's link and hands in`, async () => {
  const { driver } = engine;
  await engine.fresh();
  await driver.manage().window().setRect({ width: 390, height: 844 });
  const version = JSON.parse(readFileSync(path.join(ROOT, 'questionnaires/principles-of-effective-community-planning.json'), 'utf8')).version;
  await engine.open(`#/join/482913/principles-of-effective-community-planning/${version}`);
  await find(driver, heading('Rate for your board'));
  await click(driver, button('Start rating'));
  for (let n = 1; n <= 33; n += 1) {
    await find(driver, By.xpath(`//*[contains(@class, 'ballot-progress__count')][normalize-space()='${n} of 33']`));
    await click(driver, By.xpath("//button[starts-with(normalize-space(), 'Good (4)')]"));
  }
  await find(driver, heading('Check your ratings'));
  const [width, visible, scrolled] = await driver.executeScript(
    'const page = document.documentElement; return [innerWidth, page.clientWidth, page.scrollWidth]',
  );
  // The narrowest window each engine's driver allows: Firefox 500 px; MiniBrowser, which
  // keeps its toolbar, about 450. Chromium's suite checks 390 exactly.
  assert.ok(width <= 500, `a phone-sized window, not ${width} px`);
  assert.equal(scrolled, visible, 'nothing scrolls sideways');
  await click(driver, By.xpath("(//a[normalize-space()='Hand in my ballot'])[1]"));
  await find(driver, By.css('img[alt="QR code of your ballot"], svg[aria-label="QR code of your ballot"], [role="img"][aria-label="QR code of your ballot"]'));
  await find(driver, text('Ballot received ('));
  // Where the browser cannot keep the screen on, the member is told what to do instead.
  const screenKept = await driver.executeAsyncScript(
    'const done = arguments[0]; (navigator.wakeLock ? navigator.wakeLock.request("screen").then((l) => { l.release(); return true; }, () => false) : Promise.resolve(false)).then(done)',
  );
  if (!screenKept) await find(driver, text('This browser cannot keep your screen on.'));
  await engine.assertClean();
  await driver.manage().window().setRect({ width: 1280, height: 800 });
});

test(`${ENGINE}: the single-file edition works opened from disk`, async (t) => {
  const single = path.join(ROOT, 'dist-single/cpp-self-assessment.html');
  if (!existsSync(single)) return t.skip('the single-file edition is made by scripts/test.sh after the release build');
  const { driver } = engine;
  await engine.fresh();
  const folder = engine.folder('single-file');
  const copy = path.join(folder, 'cpp-self-assessment.html');
  writeFileSync(copy, watched(readFileSync(single, 'utf8')));
  await driver.get(pathToFileURL(copy).href);
  await find(driver, heading('Assess your community planning partnership'));
  await click(driver, link('Start a new assessment'));
  await (await labelled(driver, 'Name of the partnership')).sendKeys('Single file CPP');
  await click(driver, button('Continue'));
  await find(driver, text('Assessment saved to this device'));
  await engine.assertClean();
});

test(`${ENGINE}: after the first visit the tool opens and works offline`, async () => {
  const { driver } = engine;
  await engine.fresh();
  await engine.open();
  await find(driver, heading('Assess your community planning partnership'));
  await waitForOfflineCopy(driver);
  await reload(driver);
  await waitInPage(driver, () => Boolean(navigator.serviceWorker?.controller));
  await engine.goOffline();
  try {
    await reload(driver);
    await find(driver, heading('Assess your community planning partnership'));
    await click(driver, link('Start a new assessment'));
    await find(driver, heading('Start a new assessment'));
    await engine.assertClean();
  } finally {
    await engine.goOnline();
  }
});
