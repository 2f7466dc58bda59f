// A facilitated board session on one device: members' ratings from imported files, one
// member passing the device, and a show of hands; the spread revealed expectation by
// expectation; consensus recorded; agenda, results and plan; the session file round trip.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { startApp } from './harness.mjs';

const questionnaire = JSON.parse(
  readFileSync(new URL('../../questionnaires/principles-of-effective-community-planning.json', import.meta.url), 'utf8'),
);
const expectations = questionnaire.principles.flatMap((p) => p.expectations);

// Four members' own assessments. Everyone says Good (4), except a split on 1.3 and many
// "Don't know"s on 1.4.
const SPLIT = [1, 6, 1, 6];
const UNKNOWN = ['dk', 'dk', 'dk', 4];
function responseFile(index, version = '1.0.0') {
  const responses = {};
  for (const e of expectations) {
    let r = 4;
    if (e.id === 'participation-3') r = SPLIT[index];
    if (e.id === 'participation-4') r = UNKNOWN[index];
    responses[e.id] = { rating: r === 'dk' ? 'dont_know' : { level: r }, note: `Private note by member ${index}` };
  }
  const file = {
    format: 'cpp-self-assessment.assessment',
    schema_version: 1,
    app_version: '0.1.0',
    assessment: {
      id: `member-file-${index}`,
      questionnaire_id: questionnaire.id,
      questionnaire_version: version,
      details: { partnership: 'Anytown CPP', date: '2026-11-20', assessor_role: `Secret role ${index}` },
      responses,
      plan: { actions: [], next_action_number: 0 },
      updated_at: '2026-11-20T10:00:00.000Z',
    },
  };
  return { name: `member-${index}.self-assessment.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) };
}

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

  // Imported files: four good, one repeated, one from another version, one not ours.
  await page.getByRole('link', { name: 'Import response files' }).click();
  await page.getByRole('heading', { level: 1, name: 'Import response files' }).waitFor();
  await page.getByLabel('Choose response files').setInputFiles([
    responseFile(0), responseFile(1), responseFile(2), responseFile(3),
    { ...responseFile(1), name: 'member-1-again.json' },
    { ...responseFile(3, '0.9.0'), name: 'old.json', buffer: Buffer.from(responseFile(3, '0.9.0').buffer.toString().replace('member-file-3', 'member-file-9')) },
    { name: 'minutes.docx', mimeType: 'application/octet-stream', buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe]) },
  ]);
  await page.getByText('4 of 7 files added.').waitFor();
  const results = page.getByRole('table', { name: 'What happened to each file' });
  const resultFor = (file) => results.getByRole('row', { name: new RegExp(`^${file.replace('.', '\\.')}`) });
  assert.match(await resultFor('member-0.self-assessment.json').textContent(), /Added as Member 1/);
  assert.match(await resultFor('member-1-again.json').textContent(), /already in the session as Member 2/);
  assert.match(await resultFor('old.json').textContent(), /version 0\.9\.0/);
  assert.match(await resultFor('minutes.docx').textContent(), /not a text file/);
  await app.checkAccessibility(page, 'import results');
  // Dragging and dropping works too: a dropped copy of a file already imported is caught.
  const dropped = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'dropped-copy.json', { type: 'application/json' }));
    return transfer;
  }, responseFile(2).buffer.toString());
  await page.locator('.drop-zone').dispatchEvent('drop', { dataTransfer: dropped });
  await page.getByText('0 of 1 files added.').waitFor();
  assert.match(await resultFor('dropped-copy.json').textContent(), /already in the session as Member 3/);

  // Pass the device: one member rates everything privately.
  await page.goto(home);
  await page.getByRole('link', { name: "Start the next member's turn" }).click();
  await page.getByRole('heading', { level: 1, name: 'Hand the device to the next person' }).waitFor();
  await app.checkAccessibility(page, 'hand-over');
  await page.getByLabel('Your sector (optional)').selectOption({ label: 'Police Scotland' });
  await page.getByRole('button', { name: 'Start my turn' }).click();
  await page.getByText('Member 5 \u2013 your private rating').waitFor();
  await app.checkAccessibility(page, 'member turn question');
  const turnUrl = page.url();
  for (let i = 0; i < expectations.length; i += 1) {
    const heading = await page.getByRole('heading', { level: 1 }).textContent();
    await page.getByLabel('Good (4)', { exact: true }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForFunction((previous) => document.querySelector('h1')?.textContent !== previous, heading);
  }
  await page.getByText('You have rated 33 of 33 expectations.').waitFor();
  await page.getByRole('button', { name: 'Finish my turn' }).click();
  await page.getByText("Member 5's ratings are saved and hidden").waitFor();
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

  // Members and sectors on the session home: labels only, never ratings.
  await page.goto(home);
  await page.getByText('5 members have rated (4 from files). A show of hands is entered for 1 expectation.').waitFor();
  const members = page.getByRole('table', { name: 'Members taking part' });
  assert.equal(await members.getByRole('row').count(), 6);
  assert.equal(await page.getByLabel('Sector of Member 5').inputValue(), 'police_scotland');
  await page.getByLabel('Sector of Member 1').selectOption({ label: 'NHS board' });
  await app.checkAccessibility(page, 'session home with members');

  // Discussion of 1.1: hidden until revealed, then counts and statistics.
  await page.getByRole('link', { name: 'Discuss from the first expectation' }).click();
  await page.getByText('8 members have answered. The ratings are hidden so the board can discuss first.').waitFor();
  await page.getByRole('button', { name: 'Reveal the ratings' }).click();
  const spread = page.getByRole('table', { name: "Members' ratings" });
  const countFor = async (label) => spread.getByRole('row', { name: new RegExp(`^${label.replace(/[()]/g, '\\$&')}`) }).getByRole('cell').textContent();
  assert.equal(await countFor('Good (4)'), '5');
  assert.equal(await countFor('Very good (5)'), '2');
  assert.equal(await countFor('Weak (2)'), '1');
  assert.match(await page.locator('.stats').textContent(), /Rated \(n\)8MedianGood \(4\)RangeWeak \(2\) to Very good \(5\)Don't know0/);
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

  // A higher anonymity threshold hides spreads below it.
  await page.goto(home);
  await page.getByLabel('Hide the spread when fewer members than this have answered').fill('2');
  await page.getByLabel('Hide the spread when fewer members than this have answered').press('Tab');
  await page.getByText('Enter a whole number of 3 or more').first().waitFor();
  await page.getByLabel('Hide the spread when fewer members than this have answered').fill('6');
  await page.getByLabel('Hide the spread when fewer members than this have answered').press('Tab');
  await page.getByText(/^Saved on this device at/).waitFor();
  const discuss12 = home.replace(/\/?$/, '/discuss/participation-2');
  await page.goto(discuss12);
  await page.getByText('5 members have answered. The spread is shown once at least 6 have').waitFor();
  await app.checkAccessibility(page, 'discussion below the threshold');
  await page.goto(home);
  await page.getByLabel('Hide the spread when fewer members than this have answered').fill('5');
  await page.getByLabel('Hide the spread when fewer members than this have answered').press('Tab');

  // Results and plan.
  await page.getByRole('link', { name: 'See the agreed results' }).click();
  await page.locator('#session-profile-chart svg').waitFor();
  assert.match(await page.locator('#session-summary').textContent(), /^Agreed ratings for 2 of 33 expectations; overall 3\.0 \(Satisfactory\)\. 5 members rated individually/);
  await app.checkAccessibility(page, 'agreed results');
  const [workbookFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Excel workbook (.xlsx)' }).click()]);
  assert.equal(workbookFile.suggestedFilename(), 'anytown-community-planning-partnership-2026-11-23.workbook.xlsx');
  const [ratingsFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ratings (CSV)' }).click()]);
  const ratingsText = await readFile(await ratingsFile.path(), 'utf8');
  assert.match(ratingsText, /\r\n1\.1,Community participation and co-production,[^\r]*,4,Good,8,4,0,Yes,Strong engagement plan; weaker with communities of interest,\r\n/);
  assert.doesNotMatch(ratingsText, /Member \d|Private note|Secret role/);
  // A file for the improvement adviser: choose, preview exactly, download.
  await page.getByRole('link', { name: 'Save a file for your improvement adviser' }).click();
  await page.getByRole('button', { name: 'Download the adviser file' }).click();
  await page.getByRole('link', { name: 'Enter the partnership code your improvement adviser gave you' }).waitFor();
  await app.checkAccessibility(page, 'adviser file with error');
  await page.getByLabel('Partnership code').fill('CPP-07');
  await page.getByLabel('How many members took part from each sector').check();
  const preview = page.getByLabel("The adviser file's contents");
  await preview.getByText('"police_scotland": 1').waitFor();
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
  assert.match(await page.locator('article').textContent(), /5 members rated each expectation privately \(NHS board 1, Police Scotland 1, sector not given 3\)\. A show of hands was also counted for 1 expectation\./);
  await app.checkAccessibility(page, 'session report');
  await page.goBack();
  await page.getByRole('link', { name: 'Draft the improvement plan' }).click();
  // The draft, most important first: 1.2 was agreed two levels below Good; 1.1 (the show
  // of hands spans Weak to Very good) and 1.3 disagree; 1.4 has many "Don't know"s.
  const draftItems = page.locator('ol.draft-list > li');
  await draftItems.first().waitFor();
  const why = (await draftItems.allTextContents()).map((t) => `${t.slice(0, 3)} ${t.split('Why: ')[1].replace(/High priority.*$/, '')}`);
  assert.deepEqual(why, [
    '1.2 Rated Weak (2), below the target of Good (4)',
    "1.1 Members' ratings were far apart",
    "1.3 Members' ratings were far apart",
    '1.4 Many members did not know',
  ]);
  const drafted = expectations[1].actions.length + 3;
  await page.getByRole('button', { name: 'Add suggested actions to the plan' }).click();
  await page.getByText(`${drafted} suggested actions added to the plan.`).waitFor();
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
  assert.doesNotMatch(exported, /Private note|Secret role/, 'no notes or roles from members\' files');

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
