// The consensus meeting on a 1024×768 projector: the board's size is given at set-up, the
// ballot box takes no more ballots than that, and counts larger than the board are
// refused; the agreed results never show a spread the board has not reached in the
// discussion, until the facilitator reveals them all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startApp } from './harness.mjs';
import { PARTNERSHIP, SESSION_DATE, responseFile } from './fixtures/responses.mjs';
import { spreadList, spreadCount } from './fixtures/spread.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

const PROJECTOR = { viewport: { width: 1024, height: 768 } };

test('a board of three: three ballots, no more, and no count above three', async () => {
  const { page } = await app.newPage(PROJECTOR);
  await page.goto(`${app.origin}/#/sessions/new`);
  await page.getByLabel('Name of the partnership').fill(PARTNERSHIP);
  await page.getByLabel('Date of the session').fill(SESSION_DATE);
  const size = page.getByLabel('Number of board members (optional)');
  await size.fill('seven');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('link', { name: /^Enter the number of board members as a whole number/ }).waitFor();
  await app.checkAccessibility(page, 'set-up with a wrong board size');
  await size.fill('3');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('Board session saved to this device').waitFor();
  const home = page.url();
  await page.getByText(/^0 of 3 ballots are in the ballot box/).waitFor();

  const threshold = page.getByLabel('Hide the spread when fewer members than this have answered');
  await threshold.fill('3');
  await threshold.press('Tab');
  await page.getByText(/^Saved on this device at/).waitFor();

  await page.getByRole('link', { name: "Add members' response files" }).click();
  const files = [1, 2, 3, 4].map((n) => responseFile({ name: `member-${n}.json`, token: n, rate: (e) => (e.id === 'participation-1' ? n + 1 : 4) }));
  await page.getByLabel('Choose response files').setInputFiles(files);
  await page.getByText('3 of 4 files added.').waitFor();
  const results = page.getByRole('table', { name: 'What happened to each file', exact: true });
  assert.match(await results.textContent(), /Every member of the board has a ballot in the box already/);
  await page.getByText('Ballots in the box: 3.').waitFor();

  // The home page counts against the board; the board cannot be made smaller than that.
  await page.goto(home);
  await page.getByText(/^3 of 3 ballots are in the ballot box/).waitFor();
  const members = page.getByLabel('Number of board members', { exact: true });
  assert.equal(await members.inputValue(), '3');
  await members.fill('2');
  await page.getByRole('button', { name: 'Save the number of members' }).click();
  await page.getByRole('link', { name: /no fewer than the ballots already in the box/ }).waitFor();
  await app.checkAccessibility(page, 'a board size below the ballots');
  // No turn starts for a fourth member.
  await page.getByRole('link', { name: "Start the next member's turn" }).click();
  await page.getByRole('button', { name: 'Start my turn' }).click();
  await page.getByRole('alert').getByText(/^Every member of the board has a ballot in the box already/).waitFor();

  // Counts are saved as typed, but never a show of hands larger than the board.
  await page.goto(`${home}/hands/participation-1`);
  await page.getByLabel('Good (4)').fill('2');
  await page.getByText(/^Saved on this device at/).waitFor();
  await page.getByLabel('Weak (2)').fill('2');
  await page.getByRole('status').getByText(/^Not saved: That is more than the number of board members/).waitFor();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.getByRole('link', { name: /^That is more than the number of board members/ }).waitFor();
  await page.getByRole('link', { name: 'Back', exact: true }).click();
  await page.getByText(/A show of hands is entered for 1 expectation\./).waitFor();
  // Any expectation is one choice away, and the counts typed earlier are there.
  await page.goto(`${home}/hands/participation-1`);
  const other = page.getByLabel('Count hands for another expectation');
  await other.selectOption({ label: await other.locator('option', { hasText: /^3\.1 / }).textContent() });
  await page.getByRole('button', { name: 'Go to this expectation' }).click();
  await page.getByText('Expectation 3.1').first().waitFor();
  assert.match(await other.locator('option', { hasText: /^1\.1 / }).textContent(), /\(counted\)$/);
  await other.selectOption({ label: await other.locator('option', { hasText: /^1\.1 / }).textContent() });
  await page.getByRole('button', { name: 'Go to this expectation' }).click();
  await page.getByText('Expectation 1.1').first().waitFor();
  assert.equal(await page.getByLabel('Good (4)').inputValue(), '2');
  assert.equal(await page.getByLabel('Weak (2)').inputValue(), '0');
  app.assertClean();
});

test('the agreed results show only spreads revealed in the discussion, and the discussion follows the agenda', async () => {
  const { page } = await app.newPage(PROJECTOR);
  await page.goto(`${app.origin}/#/sessions/new`);
  await page.getByLabel('Name of the partnership').fill(PARTNERSHIP);
  await page.getByLabel('Date of the session').fill(SESSION_DATE);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('Board session saved to this device').waitFor();
  const home = page.url();
  await page.getByRole('link', { name: "Add members' response files" }).click();
  await page.getByLabel('Choose response files').setInputFiles([1, 2, 3, 4, 5].map((n) => responseFile({ name: `m${n}.json`, token: n, rate: (e) => (e.id === 'governance-2' ? 1 : n % 2 ? 2 : 5) })));
  await page.getByText('5 of 5 files added.').waitFor();

  // Reveal the first expectation only.
  await page.goto(home);
  await page.getByRole('link', { name: 'Start the discussion at the first item on the agenda' }).click();
  await page.getByRole('button', { name: 'Close the ballot box and reveal' }).click();
  await spreadList(page).waitFor();

  await page.goto(`${home}/results`);
  await page.getByRole('heading', { level: 1, name: 'Agreed results' }).waitFor();
  await page.getByText('Members\' ratings are shown here only for expectations whose spread was revealed in the discussion: 1 of 33.').waitFor();
  const rows = page.getByRole('table', { name: 'Agreed rating, members\' ratings and reasons' }).getByRole('row');
  assert.match(await rows.nth(1).textContent(), /n 5, median/);
  assert.match(await rows.nth(2).textContent(), /not revealed/);
  assert.doesNotMatch(await rows.nth(2).textContent(), /n 5/);
  assert.equal((await page.locator('main').textContent()).match(/n 5, median/g).length, 1, 'one spread, the revealed one');
  await app.checkAccessibility(page, 'results with one spread revealed');

  await page.getByRole('button', { name: 'Reveal every spread' }).click();
  await page.getByRole('button', { name: 'Yes, reveal every spread' }).click();
  await page.getByText(/revealed in the discussion: 33 of 33\.$/).waitFor();
  assert.equal((await page.locator('main').textContent()).match(/n 5, median/g).length, 33);
  assert.equal(await page.getByRole('button', { name: 'Reveal every spread' }).count(), 0);

  // The agenda's order is kept in the session: the discussion, Page Down and a reload
  // follow it.
  await page.goto(`${home}/agenda`);
  await page.getByLabel('Lowest rated first').check();
  const firstItem = page.locator('ol.agenda > li a').first();
  await page.waitForFunction(() => document.querySelector('ol.agenda > li a')?.getAttribute('href').endsWith('/discuss/governance-2'));
  await app.checkAccessibility(page, 'the agenda, lowest rated first');
  await firstItem.click();
  await page.getByText('1 of 33 on the agenda').waitFor();
  await page.keyboard.press('PageDown');
  await page.getByText('2 of 33 on the agenda').waitFor();
  assert.match(page.url(), /\/discuss\/participation-1$/);
  await page.reload();
  await page.getByText('2 of 33 on the agenda').waitFor();
  await page.getByRole('link', { name: 'Previous expectation' }).click();
  await page.getByText('1 of 33 on the agenda').waitFor();
  assert.match(page.url(), /\/discuss\/governance-2$/);
  // The board records its rating, reasons and actions for this expectation.
  await page.locator('#consensus-rationale').waitFor();
  await page.getByRole('group', { name: 'Agreed rating' }).getByLabel('Weak (2)').check();
  await page.getByLabel('Reasons and evidence for the agreed rating').fill('No record of which community bodies were asked');
  await page.getByLabel('Actions arising (optional)').fill('Map the community bodies in each locality\nAsk the TSI to help reach them');
  await page.getByText(/^Saved on this device at/).waitFor();
  await page.getByRole('link', { name: 'Back to the agenda' }).click();
  assert.equal(await page.getByLabel('Lowest rated first').isChecked(), true);

  // Its actions arising go into the plan in its own words, once.
  await page.goto(`${home}/plan`);
  const arising = page.getByRole('heading', { name: 'Actions the board agreed in the discussion' });
  await arising.waitFor();
  await app.checkAccessibility(page, 'the plan with actions arising to add');
  await page.getByRole('button', { name: 'Add them to the plan' }).click();
  await page.getByText('The board\'s 2 actions arising are in the plan, each linked to its expectation.').waitFor();
  assert.equal(await arising.count(), 0);
  assert.equal(await page.getByText('Agreed by the board in its discussion').count(), 2);
  assert.equal(await page.locator('main textarea').evaluateAll((fields) => fields.filter((f) => f.value === 'Ask the TSI to help reach them').length), 1);

  // The report carries the board's reasons and actions, and says how much it discussed.
  await page.goto(`${home}/report`);
  const decisions = page.getByRole('table', { name: 'What the board agreed' });
  await decisions.waitFor();
  const row = decisions.getByRole('row', { name: /No record of which community bodies were asked/ });
  assert.match(await row.textContent(), /Weak \(2\).*Map the community bodies in each locality.*Ask the TSI to help reach them/);
  await page.getByText(/The board then discussed \d+ of the 33 expectations and agreed a rating for 1;/).waitFor();
  await app.checkAccessibility(page, 'the board report with its decisions');
  // The same in print, in the web page and in Markdown.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await decisions.isVisible(), true, 'the decisions are printed');
  assert.match(await row.evaluate((r) => getComputedStyle(r.closest('table')).display), /table/);
  await page.emulateMedia({ media: 'screen' });
  const saved = async (name) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
    return readFile(await download.path(), 'utf8');
  };
  const html = await saved('Download as a web page (opens in Word)');
  assert.match(html, /<h2>What the board agreed<\/h2>/);
  assert.match(html, /No record of which community bodies were asked[\s\S]*Map the community bodies in each locality[\s\S]*Ask the TSI to help reach them/);
  const markdown = await saved('Download as Markdown');
  assert.match(markdown, /## What the board agreed/);
  assert.match(markdown, /No record of which community bodies were asked[\s\S]*Map the community bodies in each locality[\s\S]*Ask the TSI to help reach them/);
  app.assertClean();
});
