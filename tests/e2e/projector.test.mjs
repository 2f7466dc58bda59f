// The consensus meeting as a facilitator runs it with a board of 7 on a 1024×768
// projector: an agenda fitted to an hour, the projector's view in a window of its own
// that follows the facilitator's (and the other way round), nothing unrevealed on it,
// clear agreements taken as read in one vote, then a plan drafted with one action per
// expectation and the generic actions merged, reviewed as a table, and a report whose
// chart sits below its heading.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startApp } from './harness.mjs';
import { PARTNERSHIP, SESSION_DATE, expectations, responseFile } from './fixtures/responses.mjs';
import { spreadList, spreadCount } from './fixtures/spread.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

const PROJECTOR = { viewport: { width: 1024, height: 768 } };
const MEMBERS = 7;
// Ten expectations the board is split on, two it mostly cannot judge, and 21 clear.
const SPLIT = [1, 6, 2, 5, 1, 6, 3];
const rating = (member) => (e) => {
  const at = expectations.indexOf(e);
  if (at < 10) return SPLIT[member - 1];
  if (at < 12) return member <= 4 ? 'dk' : 4;
  return member === 1 ? 3 : 4;
};

async function sessionOfSeven(page) {
  await page.goto(`${app.origin}/#/sessions/new`);
  await page.getByLabel('Name of the partnership').fill(PARTNERSHIP);
  await page.getByLabel('Date of the session').fill(SESSION_DATE);
  await page.getByLabel('Number of board members (optional)').fill(String(MEMBERS));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('Board session saved to this device').waitFor();
  const home = page.url();
  await page.getByRole('link', { name: "Add members' response files" }).click();
  const files = Array.from({ length: MEMBERS }, (_, i) => responseFile({ name: `member-${i + 1}.json`, token: 40 + i, rate: rating(i + 1) }));
  await page.getByLabel('Choose response files').setInputFiles(files);
  await page.getByText(`${MEMBERS} of ${MEMBERS} files added.`).waitFor();
  return home;
}

const onAgenda = (page, n, of) => page.getByText(`${n} of ${of} on the agenda`);

test('a facilitator runs the meeting on a projector in the time it has, and leaves with a plan and a report', async () => {
  const { context, page } = await app.newPage(PROJECTOR);
  const home = await sessionOfSeven(page);

  // Every member has rated: the facilitator closes the ballot box, so the agenda can use
  // the spreads.
  await page.goto(`${home}/agenda`);
  await page.getByText('The ballot box is still open, so the agenda cannot use the members\' ratings yet', { exact: false }).waitFor();
  await page.goto(home);
  await page.getByRole('button', { name: 'Close the ballot box' }).click();
  await page.getByRole('button', { name: 'Yes, close the ballot box' }).click();
  await page.getByText(/^The ballot box is closed with 7 ballots\./).waitFor();

  // An hour: five minutes to take the 21 clear agreements as read, and room for six
  // eight-minute discussions of the twelve that need one.
  await page.goto(`${home}/agenda`);
  await page.getByLabel('Most disagreement first').check();
  await page.getByLabel('Time for the discussion, in minutes (optional)').fill('60');
  await page.getByRole('heading', { name: 'To discuss (6)' }).waitFor();
  await page.getByRole('heading', { name: 'If time allows (6)' }).waitFor();
  await page.getByRole('heading', { name: 'Take as read: members broadly agree (21)' }).waitFor();
  await page.getByRole('button', { name: 'Start the meeting clock' }).click();
  await page.getByText('Meeting clock: 0 minutes used, 60 minutes left of 60').waitFor();
  await app.checkAccessibility(page, 'the agenda fitted to an hour');
  assert.doesNotMatch(await page.locator('main').textContent(), /\d+ don't know|median/i, 'the agenda gives no counts');

  // The discussion starts at the agenda's first item; the projector's view opens in a
  // window of its own.
  await page.goto(home);
  await page.getByRole('link', { name: 'Start the discussion at the first item on the agenda' }).click();
  await onAgenda(page, 1, 12).waitFor();
  await page.getByText(/^Meeting clock: \d+ minutes? used/).waitFor();
  const [projector] = await Promise.all([
    context.waitForEvent('page'),
    page.getByRole('link', { name: 'Open the projector view in a new window' }).click(),
  ]);
  await onAgenda(projector, 1, 12).waitFor();
  await projector.getByRole('heading', { level: 1, name: expectations[0].statement }).waitFor();
  await projector.getByText("The members' ratings are hidden until the board has discussed this.").waitFor();
  assert.equal(await projector.getByText('What would show this?').count(), 0, 'no prompts on the projector');
  assert.equal(await projector.locator('form, input, textarea, select').count(), 0, 'no forms on the projector');
  assert.equal(await spreadList(projector).count(), 0);
  await app.checkAccessibility(projector, 'the projector before the reveal');
  const links = await projector.locator('main a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(links.every((href) => /\/(present|discuss)\/[a-z0-9-]+$/.test(href)), `the projector links only to the discussion: ${links}`);
  const chart = await projector.locator('.presentation').boundingBox();
  assert.ok(chart.height <= 768, 'the projector view fits the screen before the reveal');

  // Revealed on the facilitator's laptop, the spread appears on the projector.
  await page.getByRole('button', { name: 'Reveal the ratings' }).click();
  await spreadList(projector).waitFor();
  assert.equal(await spreadCount(spreadList(projector), 'Unsatisfactory (1)'), 2);
  assert.equal(await spreadCount(spreadList(projector), 'Excellent (6)'), 2);
  await projector.getByText(/^Members disagree: their ratings run from Unsatisfactory \(1\) to Excellent \(6\)\./).waitFor();
  const revealed = await projector.locator('main').boundingBox();
  assert.ok(revealed.y + revealed.height <= 768 + 40, `the revealed spread fits the projector (${revealed.height} px)`);
  await app.checkAccessibility(projector, 'the projector after the reveal');
  await page.getByRole('group', { name: 'Agreed rating' }).getByLabel('Weak (2)', { exact: true }).check();
  await projector.getByText('The board agreed: Weak (2)').waitFor();

  // The clicker moves the projector on; the facilitator's view follows, and the other
  // way round. Six items are agreed at Weak (2), two more revealed and left open.
  await projector.keyboard.press('PageDown');
  await onAgenda(projector, 2, 12).waitFor();
  await onAgenda(page, 2, 12).waitFor();
  for (let item = 2; item <= 8; item += 1) {
    await onAgenda(page, item, 12).waitFor();
    await onAgenda(projector, item, 12).waitFor();
    assert.equal(await spreadList(projector).count(), 0, `item ${item} is hidden until revealed`);
    await page.getByRole('button', { name: 'Reveal the ratings' }).click();
    await spreadList(projector).waitFor();
    if (item <= 6) {
      await page.getByRole('group', { name: 'Agreed rating' }).getByLabel('Weak (2)', { exact: true }).check();
      await projector.getByText('The board agreed: Weak (2)').waitFor();
    }
    await page.keyboard.press('PageDown');
  }
  await onAgenda(projector, 9, 12).waitFor();
  assert.equal(await spreadList(projector).count(), 0, 'item 9 is not revealed');
  await projector.close();

  // The clear agreements are taken as read in one vote.
  await page.goto(`${home}/agenda`);
  await page.getByRole('button', { name: "Agree the 21 not yet agreed at the members' middle rating" }).click();
  await page.getByRole('status').getByText("21 expectations agreed at the members' middle rating.").waitFor();
  assert.equal(await page.getByText(/agreed: Good \(4\)/).count(), 21);

  // The plan offers one action for each of the six agreed below Good, and one merged
  // action for the two spreads that showed disagreement and were not settled.
  await page.goto(`${home}/plan`);
  const offered = page.getByRole('group', { name: 'Actions to add (7 offered)' });
  await offered.waitFor();
  const labels = await offered.locator('label[for^="candidate-"]').allTextContents();
  assert.equal(labels.filter((l) => /^Expectation \d\.\d: /.test(l)).length, 6);
  const merged = labels.filter((l) => l.startsWith('Expectations '));
  assert.equal(merged.length, 1, labels.join('\n'));
  assert.match(merged[0], /^Expectations \d\.\d, \d\.\d: Ask each partner to bring its evidence on expectations \d\.\d and \d\.\d to a board development session/);
  const numbers = labels.flatMap((l) => l.match(/^Expectations? ([\d., ]+):/)[1].split(', '));
  assert.equal(new Set(numbers).size, numbers.length, 'no expectation is offered twice');
  await app.checkAccessibility(page, 'the draft with its choices');
  await page.getByRole('button', { name: 'Add the 7 ticked actions to the plan' }).click();
  await page.getByText('7 actions added to the plan.').waitFor();

  // The plan as a table: sorted, several removed at once, and put back.
  await page.getByLabel('Show the plan as a table (to review, sort, print or remove several actions at once)').check();
  const table = page.getByRole('table', { name: /^The plan's actions/ });
  await table.waitFor();
  assert.equal(await table.getByRole('row').count(), 8);
  await table.getByRole('button', { name: 'Expectations' }).click();
  assert.equal(await table.getByRole('columnheader', { name: 'Expectations' }).getAttribute('aria-sort'), 'ascending');
  await table.getByRole('button', { name: 'Expectations' }).click();
  assert.equal(await table.getByRole('columnheader', { name: 'Expectations' }).getAttribute('aria-sort'), 'descending');
  await app.checkAccessibility(page, 'the plan as a table');
  await table.getByLabel('Select action 1').check();
  await table.getByLabel('Select action 2').check();
  await page.getByRole('button', { name: 'Remove the 2 selected actions' }).click();
  await page.getByRole('heading', { name: 'Actions in the plan (5)' }).waitFor();
  await page.getByRole('status').getByText('2 actions removed.').waitFor();
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('heading', { name: 'Actions in the plan (7)' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Actions in the plan (7)' }).waitFor();

  // The report's chart, downloaded as a web page, sits below its heading.
  await page.goto(`${home}/report`);
  await page.locator('#report-chart svg').waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download as a web page (opens in Word)' }).click(),
  ]);
  const html = await readFile(await download.path(), 'utf8');
  const { page: reader } = await app.newPage({ viewport: { width: 1024, height: 768 }, javaScriptEnabled: false });
  await reader.setContent(html);
  const heading = await reader.getByRole('heading', { name: 'Scores by principle' }).boundingBox();
  const drawing = await reader.locator('.chart svg').boundingBox();
  assert.ok(drawing.y >= heading.y + heading.height, `the chart (top ${drawing.y}) is below its heading (bottom ${heading.y + heading.height})`);
  const table2 = await reader.getByRole('table').first().boundingBox();
  assert.ok(table2.y >= drawing.y + drawing.height - 1, 'the table follows the chart');
  app.assertClean();
});
