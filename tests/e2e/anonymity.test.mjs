// Board sessions keep every member anonymous whatever the facilitator does: each test tries
// one way a curious facilitator, a careless member or a crafted file could learn who rated
// what, through the pages and the files the app writes, and fails if it works.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startApp } from './harness.mjs';
import {
  PARTNERSHIP, SESSION_DATE, assessmentFile, responseFile,
} from './fixtures/responses.mjs';
import { spreadList } from './fixtures/spread.mjs';

/** A session record's ballots read from its columns (the expectations once, then a
 * character per rating), each as its token and its ratings by expectation. */
function ballotsIn(record) {
  const { expectations, ballots } = record.session.ballots;
  return ballots.map((row) => ({
    ...(row.token ? { token: row.token } : {}),
    ratings: Object.fromEntries([...row.ratings].flatMap((code, i) => (code === '-' ? []
      : [[expectations[i], code === '?' ? 'dont_know' : { level: parseInt(code, 36) }]]))),
  }));
}

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

/** Sets up a session and returns the URL of its home page. */
async function newSession(page, partnership = PARTNERSHIP) {
  await page.goto(`${app.origin}/#/sessions/new`);
  await page.getByLabel('Name of the partnership').fill(partnership);
  await page.getByLabel('Date of the session').fill(SESSION_DATE);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('Board session saved to this device').waitFor();
  return page.url();
}

async function addResponses(page, home, files, added) {
  await page.goto(`${home}/import`);
  await page.getByLabel('Choose response files').setInputFiles(files);
  await page.getByText(`${added} of ${files.length} files added.`).waitFor();
}

/** The session's stored record, as text, once no change is waiting to be written. */
async function storedSession(page, home) {
  const id = home.split('#/sessions/')[1];
  await page.waitForFunction((key) => localStorage.getItem(key) !== null, `cpp-self-assessment/session/${id}`);
  return page.evaluate((key) => localStorage.getItem(key), `cpp-self-assessment/session/${id}`);
}

async function downloadSessionFile(page, home) {
  await page.goto(home);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the session file' }).click(),
  ]);
  return JSON.parse(await readFile(await download.path(), 'utf8'));
}

async function rateAndContinue(page, label) {
  const heading = await page.getByRole('heading', { level: 1 }).textContent();
  await page.getByLabel(label, { exact: true }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForFunction((previous) => document.querySelector('h1')?.textContent !== previous, heading);
}

const everywhere = (level) => () => level;
const files = [
  responseFile({ name: 'jane-smith.board-response.json', token: 11, rate: everywhere(2) }),
  responseFile({ name: 'bob-jones.board-response.json', token: 12, rate: everywhere(5) }),
  responseFile({ name: 'member-3.board-response.json', token: 13, rate: everywhere(4) }),
];

test('the session file and the import report name nobody, and ballots keep no arrival order', async () => {
  const { page } = await app.newPage();
  const first = await newSession(page);
  await page.goto(`${first}/import`);
  await page.getByLabel('Choose response files').setInputFiles(files);
  await page.getByText('3 of 3 files added.').waitFor();
  const report = await page.getByRole('table', { name: 'What happened to each file', exact: true }).textContent();
  assert.match(report, /jane-smith\.board-response\.jsonAddedAdded to the ballot box/);
  assert.doesNotMatch(report, /Member \d|ballot \d/, 'no file is mapped to a member or a ballot');
  // One member passes the device too, and finishes early after three expectations.
  await page.goto(`${first}/handover`);
  await page.getByRole('button', { name: 'Start my turn' }).click();
  for (const label of ['Weak (2)', 'Excellent (6)', 'Good (4)']) await rateAndContinue(page, label);
  await page.getByRole('link', { name: 'Finish my turn now' }).click();
  await page.getByText('You have rated 3 of 33 expectations. Any you have not rated count as not answered.').waitFor();
  await page.getByRole('button', { name: 'Finish my turn' }).click();
  await page.getByText('Your ratings are in the ballot box. Hand the device on.').waitFor();

  // The same files, in the opposite order, in a second session.
  const second = await newSession(page);
  await page.goto(`${second}/import`);
  await page.getByLabel('Choose response files').setInputFiles([...files].reverse());
  await page.getByText('3 of 3 files added.').waitFor();

  const a = await downloadSessionFile(page, first);
  const b = await downloadSessionFile(page, second);
  assert.equal(a.session.ballots.ballots.length, 4);
  for (const ballot of a.session.ballots.ballots) {
    assert.deepEqual(Object.keys(ballot).filter((k) => k !== 'token'), ['ratings'], 'a ballot is ratings only');
  }
  assert.deepEqual(ballotsIn(a).filter((ballot) => ballot.token), ballotsIn(b), 'the order files came in does not show');
  const text = JSON.stringify(a);
  assert.doesNotMatch(text, /Member \d|member-\d|jane|bob|"label"|"sector"|participants|assessment_id/i);
  assert.equal(a.session.turn, undefined);
  app.assertClean();
});

test('after the first reveal no ballot can be added, withdrawn or replaced and the threshold is fixed', async () => {
  const { page } = await app.newPage();
  const home = await newSession(page);
  const five = [1, 2, 3, 4, 5].map((n) => responseFile({ name: `m${n}.json`, token: 20 + n, rate: everywhere(n) }));
  await addResponses(page, home, five, 5);
  await page.goto(`${home}/discuss/participation-1`);
  await page.getByRole('button', { name: 'Close the ballot box and reveal' }).click();
  const spread = spreadList(page);
  await spread.waitFor();
  const before = await spread.textContent();

  // Adding one more, withdrawing one, or changing one's mind: every way in is closed.
  await page.goto(`${home}/import`);
  await page.getByRole('heading', { level: 1, name: 'The ballot box is closed' }).waitFor();
  assert.equal(await page.getByLabel('Choose response files').count(), 0);
  assert.equal(await page.getByLabel('Choose the response files to withdraw').count(), 0);
  await app.checkAccessibility(page, 'ballot box closed');
  await page.goto(`${home}/handover`);
  await page.getByRole('heading', { level: 1, name: 'The ballot box is closed' }).waitFor();
  await page.goto(`${home}/turns/madeupturn/participation-1`);
  await page.getByRole('heading', { level: 1, name: 'This turn is finished' }).waitFor();
  await page.goto(home);
  await page.getByText('The ballot box is closed with 5 ballots.', { exact: false }).waitFor();
  assert.equal(await page.getByLabel('Hide the spread when fewer members than this have answered').count(), 0);

  await page.goto(`${home}/discuss/participation-1`);
  await spread.waitFor();
  assert.equal(await spread.textContent(), before, 'the spread is the same one');
  app.assertClean();
});

test('a show of hands is shown apart, never merged into the private spread or counted towards the threshold', async () => {
  const { page } = await app.newPage();
  const home = await newSession(page);
  await addResponses(page, home, [responseFile({ name: 'only.json', token: 31, rate: everywhere(2) })], 1);
  await page.goto(`${home}/hands/participation-1`);
  await page.getByText('1 ballot is already in the ballot box.', { exact: false }).waitFor();
  await app.checkAccessibility(page, 'show of hands with a warning');
  await page.getByLabel('Very good (5)').fill('4');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.getByText('Expectation 1.2').first().waitFor();

  await page.goto(`${home}/discuss/participation-1`);
  await page.getByRole('button', { name: 'Close the ballot box and reveal' }).click();
  await page.getByText('1 members answered. The spread is shown only where at least 5 have', { exact: false }).waitFor();
  assert.equal(await spreadList(page).count(), 0, 'one private rating and four hands show no spread');
  const hands = page.getByRole('table', { name: 'Show of hands' });
  assert.match(await hands.getByRole('row', { name: /^Very good \(5\)/ }).textContent(), /4$/);
  await app.checkAccessibility(page, 'discussion with a show of hands');

  // The adviser file carries no counts: the hands are not private ratings.
  await page.goto(`${home}/adviser`);
  await page.getByLabel('Partnership code').fill('CPP-01');
  const preview = JSON.parse(await page.getByLabel("The adviser file's contents").textContent());
  assert.equal(preview.adviser.counts, undefined);
  const summary = page.getByRole('table', { name: 'In summary' });
  assert.match(await summary.getByRole('row', { name: /^Members' private ratings/ }).textContent(), /None: too few members answered/);
  app.assertClean();
});

test('an unfinished turn is never handed to the next member', async () => {
  const { page } = await app.newPage();
  const home = await newSession(page);
  await page.goto(`${home}/handover`);
  await page.getByRole('button', { name: 'Start my turn' }).click();
  await rateAndContinue(page, 'Excellent (6)');
  await rateAndContinue(page, 'Excellent (6)');
  // The member walks away; the facilitator hands the device on.
  await page.goto(home);
  await page.getByText("A member's turn is in progress on this device.", { exact: false }).waitFor();
  // The box cannot close on a turn in progress.
  await page.getByRole('button', { name: 'Close the ballot box' }).click();
  await page.getByRole('button', { name: 'Yes, close the ballot box' }).click();
  await page.getByText("A member's turn is still in progress on this device. Finish it or discard it first").waitFor();
  await page.getByText('0 ballots are in the ballot box, which is open.', { exact: false }).waitFor();
  await page.getByRole('link', { name: 'Hand the device to the next person' }).click();
  await page.getByRole('heading', { name: "Someone's turn was not finished" }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Start my turn' }).count(), 0);
  await app.checkAccessibility(page, 'hand-over with an unfinished turn');
  await page.getByRole('button', { name: 'Delete the unfinished turn and start mine' }).click();
  await page.getByText('Your private rating \u2013 1 of 33').waitFor();
  assert.equal(await page.locator('input[type=radio]:checked').count(), 0, "the previous member's answer is not shown");
  await rateAndContinue(page, 'Weak (2)');
  assert.equal(await page.locator('input[type=radio]:checked').count(), 0);
  await page.getByRole('link', { name: 'Finish my turn now' }).click();
  await page.getByRole('button', { name: 'Finish my turn' }).click();
  await page.getByText('Your ratings are in the ballot box.', { exact: false }).waitFor();
  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
  const stored = JSON.parse(await storedSession(page, home));
  assert.deepEqual(stored.session.ballots, { expectations: ['participation-1'], ballots: [{ ratings: '2' }] });
  assert.equal(stored.session.turn, undefined);

  // A member may discard their own answers; the facilitator may discard a left turn.
  await page.getByRole('button', { name: 'Start my turn' }).click();
  await rateAndContinue(page, 'Excellent (6)');
  await page.getByRole('link', { name: 'Finish my turn now' }).click();
  await page.getByRole('button', { name: 'Discard my answers' }).click();
  await page.getByText('Your answers were deleted. Nothing was added to the ballot box.').waitFor();
  await page.getByRole('button', { name: 'Start my turn' }).click();
  await rateAndContinue(page, 'Excellent (6)');
  await page.goto(home);
  await page.getByRole('button', { name: 'Discard the unfinished turn' }).click();
  await app.checkAccessibility(page, 'discard the unfinished turn');
  await page.getByRole('button', { name: 'Yes, delete the unfinished turn' }).click();
  await page.getByRole('link', { name: "Start the next member's turn" }).waitFor();
  await page.getByText('1 ballot is in the ballot box', { exact: false }).waitFor();
  await page.waitForFunction(
    (key) => !localStorage.getItem(key).includes('"level":6'),
    `cpp-self-assessment/session/${home.split('#/sessions/')[1]}`,
  );
  app.assertClean();
});

test('a member saves a response made for the purpose, and the session checks it', async () => {
  const { page } = await app.newPage();
  await page.goto(`${app.origin}/`);
  await page.getByRole('heading', { level: 1, name: 'Assess your community planning partnership' }).waitFor();
  const whole = assessmentFile({ id: 'seeded-assessment' });
  await page.evaluate((text) => localStorage.setItem('cpp-self-assessment/assessment/seeded-assessment', text), whole.buffer.toString());
  await page.goto(`${app.origin}/#/assessments/seeded-assessment`);
  await page.reload();
  await page.getByRole('link', { name: 'Save my response for the board session' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your response for the board session' }).waitFor();
  await page.getByText('You have rated 33 of 33 expectations.', { exact: false }).waitFor();
  assert.equal(await page.getByLabel('Partnership holding the session').inputValue(), PARTNERSHIP);
  await page.getByLabel('Date of the board session').fill('');
  await page.getByRole('button', { name: 'Save my response' }).click();
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  await app.checkAccessibility(page, 'response with an error');
  await page.getByLabel('Date of the board session').fill(SESSION_DATE);
  const preview = page.getByLabel("Your response file's contents");
  await preview.getByText(`"date": "${SESSION_DATE}"`).waitFor();
  const shown = await preview.textContent();
  assert.doesNotMatch(shown, /Private note|Secret role|seeded-assessment|assessor/, 'ratings only');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save my response' }).click()]);
  assert.equal(download.suggestedFilename(), `anytown-community-planning-partnership-${SESSION_DATE}.board-response.json`);
  const saved = await readFile(await download.path(), 'utf8');
  assert.equal(saved, shown, 'the file is exactly what the member saw');
  await page.getByText('Your response is saved.', { exact: false }).waitFor();
  await app.checkAccessibility(page, 'response saved');
  const { token } = JSON.parse(saved).response;
  assert.match(token, /^[0-9a-z]{26}$/);
  // Saved again later, it keeps its token, so it replaces the first in the session.
  await page.reload();
  assert.equal(JSON.parse(await preview.textContent()).response.token, token);

  // The facilitator of another partnership's session must confirm before it goes in.
  const home = await newSession(page, 'Othertown CPP');
  await page.goto(`${home}/import`);
  const otherQuestionnaire = responseFile({ name: 'other-questionnaire.json', token: 41, questionnaireId: 'board-member-checklist' });
  await page.getByLabel('Choose response files').setInputFiles([
    { name: 'jane.board-response.json', mimeType: 'application/json', buffer: Buffer.from(saved) },
    otherQuestionnaire,
    { ...whole, name: 'jane-backup.json' },
  ]);
  await page.getByText('0 of 3 files added.').waitFor();
  const results = page.getByRole('table', { name: 'What happened to each file', exact: true });
  assert.match(await results.getByRole('row', { name: /^jane\.board-response/ }).textContent(), /another partnership \(Anytown Community Planning Partnership/);
  assert.match(await results.getByRole('row', { name: /^other-questionnaire/ }).textContent(), /different questionnaire/);
  assert.match(await results.getByRole('row', { name: /^jane-backup/ }).textContent(), /whole saved assessment, with their private notes/);
  await page.getByRole('heading', { name: '1 file was made for another partnership or date' }).waitFor();
  await app.checkAccessibility(page, 'held response');
  await page.getByRole('button', { name: 'Add them to this session' }).click();
  await page.getByText('1 of 1 files added.').waitFor();
  await page.getByText('Ballots in the box: 1.').waitFor();
  assert.doesNotMatch(await storedSession(page, home), /Private note|Secret role/);
  app.assertClean();
});

test('a refused file changes nothing in the session, not even when it was last changed', async () => {
  const { page } = await app.newPage();
  const home = await newSession(page);
  await addResponses(page, home, [responseFile({ name: 'good.json', token: 51 })], 1);
  await page.waitForFunction(
    (key) => JSON.parse(localStorage.getItem(key) ?? 'null')?.session.ballots.ballots.length === 1,
    `cpp-self-assessment/session/${home.split('#/sessions/')[1]}`,
  );
  const before = await storedSession(page, home);
  await page.goto(`${home}/import`);
  await page.getByLabel('Choose response files').setInputFiles([
    responseFile({ name: 'again.json', token: 51 }),
    responseFile({ name: 'elsewhere.json', token: 52, partnership: 'Othertown CPP' }),
    responseFile({ name: 'old.json', token: 53, version: '0.9.0' }),
    { name: 'minutes.docx', mimeType: 'application/octet-stream', buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04]) },
  ]);
  await page.getByText('0 of 4 files added.').waitFor();
  // Anything queued is written at once when the page is hidden: nothing was.
  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
  assert.equal(await storedSession(page, home), before);
  app.assertClean();
});
