// A facilitated board session on one device: members' response files and one member
// passing the device fill the ballot box, a show of hands is counted apart; the first reveal
// closes the ballot box; consensus recorded; agenda, results and plan; the session file
// round trip.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startApp } from './harness.mjs';
import { expectations, responseFile, assessmentFile } from './fixtures/responses.mjs';
import { spreadList, spreadCount } from './fixtures/spread.mjs';

// Four members' responses. Everyone says Good (4), except a split on 1.3 and many
// "Don't know"s on 1.4.
const SPLIT = [1, 6, 1, 6];
const UNKNOWN = ['dk', 'dk', 'dk', 4];
const memberRatings = (index) => (e) => {
  if (e.id === 'participation-3') return SPLIT[index];
  if (e.id === 'participation-4') return UNKNOWN[index];
  return 4;
};
const member = (index, options = {}) => responseFile({
  name: `member-${index}.board-response.json`, token: index + 1, rate: memberRatings(index), ...options,
});

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

test('a facilitator runs a whole board session and leaves with results, a plan and a file', async () => {
  const { page } = await app.newPage();
  await page.goto(`${app.origin}/`);
  await page.getByRole('link', { name: 'Set up a board session' }).click();
  await page.getByRole('heading', { level: 1, name: 'Set up a board session' }).waitFor();
  await page.getByLabel('Name of the partnership').fill('Anytown Community Planning Partnership');
  await page.getByLabel('Date of the session').fill('2026-11-23');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('Board session saved to this device').waitFor();
  await app.checkAccessibility(page, 'session home, empty');
  const home = page.url();

  // Response files: three good, one for another date (held), one repeated, one from
  // another version, a whole assessment, and one not ours.
  await page.getByRole('link', { name: "Add members' response files" }).click();
  await page.getByRole('heading', { level: 1, name: "Add members' response files" }).waitFor();
  await page.getByLabel('Choose response files').setInputFiles([
    member(0), member(1), member(2), member(3, { date: '2026-11-30' }),
    { ...member(1), name: 'member-1-again.json' },
    member(4, { name: 'old.json', version: '0.9.0' }),
    assessmentFile({ name: 'backup.self-assessment.json' }),
    { name: 'minutes.docx', mimeType: 'application/octet-stream', buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe]) },
  ]);
  await page.getByText('3 of 8 files added.').waitFor();
  const results = page.getByRole('table', { name: 'What happened to each file', exact: true });
  const resultFor = (file) => results.getByRole('row', { name: new RegExp(`^${file.replace('.', '\\.')}`) });
  assert.match(await resultFor('member-0.board-response.json').textContent(), /Added to the ballot box/);
  assert.match(await resultFor('member-3.board-response.json').textContent(), /another date/);
  assert.match(await resultFor('member-1-again.json').textContent(), /already in the ballot box/);
  assert.match(await resultFor('old.json').textContent(), /version 0\.9\.0/);
  assert.match(await resultFor('backup.self-assessment.json').textContent(), /whole saved assessment/);
  assert.match(await resultFor('minutes.docx').textContent(), /not a text file/);
  assert.doesNotMatch(await results.textContent(), /Member \d/);
  await app.checkAccessibility(page, 'import results');
  // The facilitator knows the meeting moved: the held file goes in.
  await page.getByRole('button', { name: 'Add them to this session' }).click();
  await page.getByText('1 of 1 files added.').waitFor();
  // Dragging and dropping works too: a dropped copy of a file already added is caught.
  const dropped = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'dropped-copy.json', { type: 'application/json' }));
    return transfer;
  }, member(2).buffer.toString());
  await page.locator('.drop-zone').first().dispatchEvent('drop', { dataTransfer: dropped });
  await page.getByText('0 of 1 files added.').waitFor();
  assert.match(await resultFor('dropped-copy.json').textContent(), /already in the ballot box/);
  await page.getByText('Ballots in the box: 4.').waitFor();

  // Pass the device: one member rates everything privately.
  await page.goto(home);
  await page.getByRole('link', { name: "Start the next member's turn" }).click();
  await page.getByRole('heading', { level: 1, name: 'Hand the device to the next person' }).waitFor();
  await app.checkAccessibility(page, 'hand-over');
  await page.getByRole('button', { name: 'Start my turn' }).click();
  await page.getByText('Your private rating \u2013 1 of 33').waitFor();
  await app.checkAccessibility(page, 'member turn question');
  const turnUrl = page.url();
  for (let i = 0; i < expectations.length; i += 1) {
    const heading = await page.getByRole('heading', { level: 1 }).textContent();
    await page.getByLabel('Good (4)', { exact: true }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForFunction((previous) => document.querySelector('h1')?.textContent !== previous, heading);
  }
  await page.getByText('You have rated 33 of 33 expectations.', { exact: false }).waitFor();
  await app.checkAccessibility(page, 'finish a turn');
  await page.getByRole('button', { name: 'Finish my turn' }).click();
  await page.getByText('Your ratings are in the ballot box. Hand the device on.').waitFor();
  // Nobody can page back to the finished turn.
  await page.goto(turnUrl);
  await page.getByRole('heading', { level: 1, name: 'This turn is finished' }).waitFor();
  assert.equal(await page.getByRole('radio').count(), 0);

  // Show of hands for expectation 1.1, with a mistake first.
  await page.goto(home);
  await page.getByRole('link', { name: 'Enter a show of hands' }).click();
  await page.getByLabel('Very good (5)').fill('two');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  assert.match(await page.title(), /^Error: /);
  await app.checkAccessibility(page, 'show of hands with error');
  await page.getByLabel('Very good (5)').fill('2');
  await page.getByLabel('Weak (2)').fill('1');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.getByText('Expectation 1.2').first().waitFor();

  // The session home: a count of ballots, never who gave them.
  await page.goto(home);
  await page.getByText('5 ballots are in the ballot box, which is open. A show of hands is entered for 1 expectation.').waitFor();
  await app.checkAccessibility(page, 'session home with ballots');
  // Who took part, as counts by sector.
  await page.getByRole('link', { name: 'Record who took part' }).click();
  await page.getByLabel('Local authority').fill('3');
  await page.getByLabel('Police Scotland').fill('one');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  await app.checkAccessibility(page, 'who took part with error');
  await page.getByLabel('Police Scotland').fill('1');
  await page.getByLabel('NHS board').fill('1');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Who took part is saved').waitFor();
  await page.getByText('5 members recorded by sector.').waitFor();

  // A higher anonymity threshold can be set while the ballot box is open.
  await page.getByLabel('Hide the spread when fewer members than this have answered').fill('2');
  await page.getByLabel('Hide the spread when fewer members than this have answered').press('Tab');
  await page.getByText('Enter a whole number of 3 or more').first().waitFor();
  await page.getByLabel('Hide the spread when fewer members than this have answered').fill('5');
  await page.getByLabel('Hide the spread when fewer members than this have answered').press('Tab');
  await page.getByText(/^Saved on this device at/).waitFor();

  // Discussion of 1.1: the first reveal closes the ballot box, then counts and statistics,
  // with the show of hands beside them, never added in.
  await page.getByRole('link', { name: 'Start the discussion at the first item on the agenda' }).click();
  await page.getByText('5 ballots are in. The ballot box is still open', { exact: false }).waitFor();
  await app.checkAccessibility(page, 'discussion, ballot box open');
  await page.getByRole('button', { name: 'Close the ballot box and reveal' }).click();
  const spread = spreadList(page);
  const countIn = (table) => async (label) => table.getByRole('row', { name: new RegExp(`^${label.replace(/[()]/g, '\\$&')}`) }).getByRole('cell').textContent();
  assert.equal(await spreadCount(spread, 'Good (4)'), 5);
  assert.equal(await spreadCount(spread, 'Very good (5)'), 0);
  await page.getByText('Middle rating (median): Good (4). 5 rated, 0 said \u201cDon\'t know\u201d.').waitFor();
  await page.getByText('Every member who rated chose Good (4).').waitFor();
  const hands = countIn(page.getByRole('table', { name: 'Show of hands' }));
  assert.equal(await hands('Very good (5)'), '2');
  assert.equal(await hands('Weak (2)'), '1');
  assert.doesNotMatch(await page.locator('main').textContent(), /Member \d/, 'no member labels in the room view');
  await app.checkAccessibility(page, 'discussion revealed');
  await page.getByRole('group', { name: 'Agreed rating' }).getByLabel('Good (4)', { exact: true }).check();
  await page.getByLabel('Reasons and evidence for the agreed rating').fill('Strong engagement plan; weaker with communities of interest');

  // Page Down moves on, as a presentation clicker would.
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('PageDown');
  await page.getByText('Expectation 1.2').first().waitFor();
  await page.getByRole('group', { name: 'Agreed rating' }).getByLabel('Weak (2)', { exact: true }).check();
  await page.keyboard.press('PageDown');
  await page.getByText('Expectation 1.3').first().waitFor();
  await page.getByRole('button', { name: 'Reveal the ratings' }).click();
  await page.getByText('Members disagree').waitFor();
  await page.keyboard.press('PageDown');
  await page.getByText('Expectation 1.4').first().waitFor();
  await page.getByRole('button', { name: 'Reveal the ratings' }).click();
  await page.getByText('Many members said').waitFor();

  // Agenda by disagreement puts 1.3 first.
  await page.getByRole('link', { name: 'Back to the agenda' }).click();
  await page.getByLabel('Most disagreement first').check();
  const firstItem = page.locator('ol.agenda > li').first();
  assert.match(await firstItem.textContent(), /^1\.3 /);
  await page.getByLabel('Most \u201cDon\'t know\u201d first').check();
  assert.match(await firstItem.textContent(), /^1\.4 /);
  await app.checkAccessibility(page, 'agenda');

  // The ballot box is now closed: the threshold is fixed and nothing more can be collected.
  await page.goto(home);
  await page.getByText('5 ballots are in the ballot box, which is closed.', { exact: false }).waitFor();
  await page.getByText('The ballot box is closed with 5 ballots.', { exact: false }).waitFor();
  assert.equal(await page.getByLabel('Hide the spread when fewer members than this have answered').count(), 0);
  assert.equal(await page.getByRole('link', { name: "Add members' response files" }).count(), 0);
  await app.checkAccessibility(page, 'session home, ballot box closed');

  // Results and plan.
  await page.getByRole('link', { name: 'See the agreed results' }).click();
  await page.locator('#session-profile-chart svg').waitFor();
  assert.match(await page.locator('#session-summary').textContent(), /^Agreed ratings for 2 of 33 expectations; overall 3\.0 \(Satisfactory\)\. 5 members rated privately\./);
  await app.checkAccessibility(page, 'agreed results');
  const [workbookFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Excel workbook (.xlsx)' }).click()]);
  assert.equal(workbookFile.suggestedFilename(), 'anytown-community-planning-partnership-2026-11-23.workbook.xlsx');
  const [ratingsFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ratings (CSV)' }).click()]);
  const ratingsText = await readFile(await ratingsFile.path(), 'utf8');
  assert.match(ratingsText, /\r\n1\.1,Community participation and co-production,[^\r]*,4,Good,5,4,0,No,Very good \(5\): 2; Weak \(2\): 1,Strong engagement plan; weaker with communities of interest,\r\n/);
  assert.doesNotMatch(ratingsText, /Member \d|Private note|Secret role/);
  // A file for the improvement adviser: choose, preview exactly, download.
  await page.getByRole('link', { name: 'Save a file for your improvement adviser' }).click();
  await page.getByRole('button', { name: 'Download the adviser file' }).click();
  await page.getByRole('link', { name: 'Enter the partnership code your improvement adviser gave you' }).waitFor();
  await app.checkAccessibility(page, 'adviser file with error');
  assert.equal(await page.getByText("your partnership's own questionnaire", { exact: false }).count(), 0);
  await page.getByLabel('Partnership code').fill('CPP-07');
  await page.getByLabel('How many members took part from each sector').check();
  // In plain words first: a summary, then each expectation's line.
  const summary = page.getByRole('table', { name: 'In summary' });
  await summary.getByRole('row', { name: /^Members by sector Local authority: 3, Other sectors: 2$/ }).waitFor();
  assert.match(await summary.getByRole('row', { name: /^Partnership name/ }).textContent(), /Not included/);
  assert.match(await summary.getByRole('row', { name: /^Kind/ }).textContent(), /A board session's agreed ratings/);
  const lines = page.getByRole('table', { name: 'Each expectation in the file' });
  assert.match(await lines.getByRole('row', { name: /^1\.1 / }).textContent(), /^1\.1Good \(4\)4: 5 members(Yes|No)$/);
  // The file itself, folded away until asked for.
  const preview = page.getByLabel("The adviser file's contents");
  assert.equal(await preview.isVisible(), false);
  await page.getByText('The file exactly as it is written (JSON)').click();
  await preview.getByText('"local_authority": 3').waitFor();
  await preview.getByText('"other_sectors": 2').waitFor();
  assert.doesNotMatch(await preview.textContent(), /police_scotland|nhs_board/, 'no sector of one or two members is named');
  assert.deepEqual(JSON.parse(await preview.textContent()).adviser.counts['participation-1'], { levels: { 4: 5 }, dont_know: 0 }, 'private ballots only');
  assert.doesNotMatch(await preview.textContent(), /Anytown|Member \d|Strong engagement/);
  const [adviserDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the adviser file' }).click()]);
  assert.equal(adviserDownload.suggestedFilename(), 'cpp-07-2026-11-23.adviser.json');
  const adviserText = await readFile(await adviserDownload.path(), 'utf8');
  assert.equal(adviserText, await preview.textContent(), 'the file is exactly what was shown');
  const adviser = JSON.parse(adviserText);
  assert.equal(adviser.format, 'cpp-self-assessment.adviser');
  assert.deepEqual(adviser.adviser.ratings['participation-1'], { level: 4 });
  assert.equal(adviser.adviser.partnership_name, undefined);
  await page.getByRole('link', { name: 'Back to the results' }).click();
  await page.getByRole('link', { name: 'Open the board report' }).click();
  await page.getByRole('heading', { level: 1, name: 'Board self-assessment of Anytown Community Planning Partnership' }).waitFor();
  assert.match(await page.locator('article').textContent(), /5 members rated the expectations privately, and their ratings were counted without recording who gave which\. Members taking part by sector: Local authority 3, other sectors 2\. A show of hands was also taken for 1 expectation, and reported apart from the private ratings\./);
  await app.checkAccessibility(page, 'session report');
  await page.goBack();
  await page.getByRole('link', { name: 'Draft the improvement plan' }).click();
  // The draft, most important first: 1.2 was agreed two levels below Good; 1.3 disagrees;
  // 1.4 has many "Don't know"s. The show of hands on 1.1 is not a finding of members.
  const offered = page.getByRole('group', { name: /^Actions to add \(\d+ offered\)$/ });
  await offered.waitFor();
  const why = await offered.getByRole('checkbox').evaluateAll((boxes) => boxes
    .filter((b) => b.id.startsWith('candidate-'))
    .map((b) => `${document.querySelector(`label[for="${b.id}"]`).textContent.slice(12, 15)} ${document.getElementById(`${b.id}-why`).textContent.replace('Why: ', '')}`));
  assert.deepEqual(why, [
    '1.2 Rated Weak (2), below the target of Good (4)',
    "1.3 Members' ratings were far apart",
    '1.4 Many members did not know',
  ]);
  // One action for each expectation by default.
  await page.getByRole('button', { name: 'Add the 3 ticked actions to the plan' }).click();
  await page.getByText('3 actions added to the plan.').waitFor();
  const actionTexts = await page.getByLabel('What will be done').evaluateAll((els) => els.map((e) => e.value));
  assert.ok(actionTexts.some((t) => t.startsWith('Ask each partner to bring its evidence on expectation 1.3')));
  assert.ok(actionTexts.some((t) => t.startsWith('Brief all board members') && t.includes('expectation 1.4')));
  await app.checkAccessibility(page, 'session plan');

  // Everything survives a reload.
  await page.goto(home.replace(/\/?$/, '/discuss/participation-1'));
  await page.reload();
  assert.equal(await page.getByRole('group', { name: 'Agreed rating' }).getByLabel('Good (4)', { exact: true }).isChecked(), true);
  assert.equal(await page.getByLabel('Reasons and evidence for the agreed rating').inputValue(), 'Strong engagement plan; weaker with communities of interest');

  // The session file: export, refuse a second copy, delete, import, export again: identical.
  await page.goto(home);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the session file' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^anytown-community-planning-partnership-2026-11-23\.board-session\.json$/);
  const exported = await readFile(await download.path(), 'utf8');
  const parsed = JSON.parse(exported);
  assert.equal(parsed.format, 'cpp-self-assessment.session');
  assert.deepEqual(parsed.session.consensus['participation-1'].rating, { level: 4 });
  assert.equal(parsed.session.ballots.ballots.length, 5);
  for (const ballot of parsed.session.ballots.ballots) assert.deepEqual(Object.keys(ballot).filter((k) => k !== 'token'), ['ratings']);
  assert.doesNotMatch(exported, /Private note|Secret role|Member \d|member-\d|label|participants/, 'nothing links a ballot to a member');

  await page.goto(`${app.origin}/#/sessions/import`);
  await page.getByLabel('Choose a session file').setInputFiles({ name: 'copy.board-session.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await page.getByText('this session is already on this device').waitFor();
  await page.goto(home.replace(/\/?$/, '/delete'));
  await page.getByRole('button', { name: 'Yes, delete this board session' }).click();
  await page.getByText('The board session of Anytown Community Planning Partnership was deleted from this device').waitFor();
  await page.getByRole('link', { name: 'Open a session file' }).click();
  await page.getByLabel('Choose a session file').setInputFiles({ name: 'copy.board-session.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await page.getByText('Board session opened from the file and saved to this device').waitFor();
  const [again] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the session file' }).click(),
  ]);
  assert.equal(await readFile(await again.path(), 'utf8'), exported);

  app.assertClean();
});
