// An improvement adviser drops about 200 files from 30 partnerships into the app (boards'
// sessions and members' own assessments, two questionnaire versions, old and repeated
// files), sees the national picture with small groups suppressed, changes the view,
// inspects and edits the files, and exports every table.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApp } from './harness.mjs';
import { adviserFiles, PARTNERSHIPS, SENT_IN_2019 } from './fixtures/adviser-files.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

const TODAY = new Date('2026-11-30T12:00:00');
const STEM = 'collation-principles-of-effective-community-planning';
const RULE = 'Each partnership is represented by its latest board session, or its latest individual assessment if it sent no board session.';

/** A page on the adviser's view, on a fixed day (files' ages depend on it), with the fixture's files added. */
async function collected() {
  const { files, good } = adviserFiles();
  const { page, context } = await app.newPage();
  await context.clock.setFixedTime(TODAY);
  await page.goto(`${app.origin}/`);
  await page.getByRole('link', { name: 'Collate results from many partnerships' }).click();
  await page.getByRole('heading', { level: 1, name: 'Collate results from many partnerships' }).waitFor();
  return { page, files, good };
}

async function addFiles(page, files, good) {
  await page.getByLabel('Choose adviser files').setInputFiles(files);
  await page.getByText(`${good} of ${files.length} files added.`).waitFor();
}

/** A download's name and text, started by a button. */
async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).click()]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

const heatmapRow = (page, name) => page.getByRole('table', { name: 'Partnerships by principle', exact: true }).getByRole('row', { name: new RegExp(`^${name.replace(/[()]/g, '\\$&')} `) });
const profileText = (page) => page.getByRole('table', { name: 'Median of partnerships by principle' }).textContent();

test('an adviser collates files from 30 partnerships, changes the view and exports every table', async () => {
  const { page, files, good } = await collected();
  assert.ok(files.length >= 200, `${files.length} files`);
  // What the page says while it works: each stage announced once, the count read shown.
  await page.evaluate(() => {
    window.seen = { status: [], progress: false };
    new MutationObserver(() => {
      const status = document.querySelector('.drop-zone ~ [role="status"]')?.textContent;
      if (status && window.seen.status.at(-1) !== status) window.seen.status.push(status);
      window.seen.progress ||= !!document.querySelector('progress');
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await addFiles(page, files, good);
  const seen = await page.evaluate(() => window.seen);
  assert.deepEqual(seen.status, [`Reading ${files.length} files\u2026`, `Checking ${files.length} files\u2026`]);
  assert.ok(seen.progress, 'how many files have been read is shown');
  assert.equal(await page.locator('progress').count(), 0, 'and goes once they are in');
  const report = page.getByRole('table', { name: 'What happened to each file' });
  const outcome = async (name) => report.getByRole('row', { name: new RegExp(`^${name.replace(/\./g, '\\.')}`) }).textContent();
  assert.match(await outcome('copy-of-first.adviser.json'), /already in the collection/);
  assert.match(await outcome('truncated.adviser.json'), /not readable JSON/);
  assert.match(await outcome('minutes.docx'), /not a text file/);
  assert.match(await outcome('a-session.json'), /saved board session, not a saved adviser file/);
  assert.match(await outcome('other-questionnaire.adviser.json'), /does not have/);

  // The rule for which file represents a partnership is stated and chosen.
  await page.getByText(`${PARTNERSHIPS} partnerships in view (${good} files collected).`).waitFor();
  assert.ok(await page.getByRole('radio', { name: 'Board session first' }).isChecked());
  await page.getByText('Its latest board session, or its latest individual assessment if it sent no board session.').waitFor();

  // The table: a source column, short dates, a legend for the shading, principles named.
  const heatmap = page.getByRole('table', { name: 'Partnerships by principle', exact: true });
  assert.equal(await heatmap.getByRole('row').count(), PARTNERSHIPS + 1);
  assert.deepEqual(await heatmap.getByRole('columnheader').evaluateAll((cells) => cells.slice(0, 4).map((c) => c.textContent)), ['Partnership', 'Source', 'Date', 'P1Principle 1']);
  assert.equal(await heatmap.getByRole('rowheader', { name: 'Partnership 3 (CPP-03)' }).count(), 1, 'named only by opting in');
  assert.match(await heatmapRow(page, 'CPP-05').textContent(), /^CPP-05Board session15 Jun 2025\d\.\d/, 'a board session before a newer individual assessment');
  assert.match(await heatmapRow(page, 'CPP-07').textContent(), /^CPP-07Board session15 Aug 2026/, 'a board session before one member\'s file of the same day');
  const legend = page.getByRole('list', { name: 'Shading' });
  assert.deepEqual(await legend.getByRole('listitem').allTextContents(), ['1.0 to 1.9', '2.0 to 2.9', '3.0 to 3.9', '4.0 to 4.9', '5.0 to 6.0', '\u2013 nothing rated']);
  const key = page.getByRole('list', { name: 'Principles' });
  assert.equal(await key.getByRole('listitem').first().textContent(), 'P1 Community participation and co-production');
  // Every shaded cell falls in the band the legend gives its number.
  const cells = await heatmap.locator('td.heat').evaluateAll((tds) => tds.map((td) => [td.textContent, td.className]));
  for (const [text, className] of cells) {
    if (text === '\u2013') continue;
    assert.equal(className, `heat heat--${Math.min(5, Math.floor(Number(text)))}`, text);
  }
  await page.locator('#national-profile-chart svg').waitFor();
  assert.doesNotMatch(await profileText(page), /Suppressed/);
  const hotSpots = page.getByRole('heading', { name: 'Disagreement hot spots' }).locator('xpath=following-sibling::ol[1]/li');
  assert.match(await hotSpots.first().textContent(), /^\d\.1: \d+ partnerships/);
  await page.getByRole('rowheader', { name: /^1\.1 .+/ }).first().waitFor();
  await app.checkAccessibility(page, 'adviser collation');

  // Every table as CSV, named for the questionnaire and the view, its first row saying so.
  const note = (files) => new RegExp(`^\\ufeff"Principles of Effective Community Planning \\(version 1\\.1\\.0 used to collate\\)\\. Files: ${files}\\. ${RULE.replace(/[().]/g, '\\$&')} Figures across fewer than 5 partnerships are suppressed\\. Made 30 November 2026\\."\\r\\n`);
  const tables = [
    ['Partnerships by principle (CSV)', 'partnerships', 'Partnership code,Partnership name,Source,Date,Chosen by hand,Community participation and co-production,'],
    ['National profile (CSV)', 'profile', 'Principle,Median of partnerships\r\n'],
    ['Each expectation (CSV)', 'expectations', "No.,Expectation,Partnerships rating,Median,Lowest,Highest,Don't know\r\n"],
    ['Disagreement hot spots (CSV)', 'hot-spots', 'No.,Expectation,Partnerships whose members disagreed\r\n'],
    ['Improvement themes (CSV)', 'themes', 'No.,Expectation,Partnerships planning action\r\n'],
  ];
  for (const [button, table, header] of tables) {
    const { name, text } = await download(page, button);
    assert.equal(name, `${STEM}-all-dates-all-versions.${table}.csv`);
    assert.match(text, note('all dates, all versions'), button);
    assert.equal(text.split('\r\n')[1].slice(0, header.replace('\r\n', '').length), header.replace('\r\n', ''), button);
  }
  const partnershipsCsv = (await download(page, 'Partnerships by principle (CSV)')).text;
  assert.match(partnershipsCsv, /\r\nCPP-04,,Board session,2025-05-15,No,\d/, 'code and name in columns of their own');
  assert.match(partnershipsCsv, /\r\nCPP-03,Partnership 3,Board session,/);
  const workbook = await download(page, 'Excel workbook (.xlsx)');
  assert.equal(workbook.name, `${STEM}-all-dates-all-versions.tables.xlsx`);

  // A year: 2026 holds 15 partnerships, enough, and different enough from every view
  // released before it.
  await page.getByLabel('Files dated').selectOption('2026');
  await page.getByText(`15 partnerships in view (${good} files collected). 29 partnerships are outside this view or shown from another file.`).waitFor();
  assert.doesNotMatch(await profileText(page), /Suppressed/);
  assert.match(await heatmapRow(page, 'CPP-05').textContent(), /^CPP-05Individual assessment15 Jun 2026/);
  const year = await download(page, 'National profile (CSV)');
  assert.equal(year.name, `${STEM}-2026-all-versions.profile.csv`);
  assert.match(year.text, note('dated 2026, all versions'));
  // 2026 and version 1.1.0 leaves out the two 2026 files made with 1.0.0: comparing it
  // with 2026 would reveal them, so its figures are suppressed.
  await page.getByLabel('Questionnaire version').selectOption('1.1.0');
  await page.getByText(/^13 partnerships in view/).waitFor();
  assert.match(await profileText(page), /Suppressed: another view differs from this one by fewer than 5 partnerships/);
  await page.getByText('Suppressed: another view differs from this one by fewer than 5 partnerships').first().waitFor();
  assert.equal(await page.locator('#national-profile-chart').count(), 0, 'no empty chart');
  const suppressed = await download(page, 'Each expectation (CSV)');
  assert.equal(suppressed.name, `${STEM}-2026-v1.1.0.expectations.csv`);
  assert.match(suppressed.text, /\r\n1\.1,The CPP[^\r]*,Suppressed: another view differs from this one by fewer than 5 partnerships\r\n/);
  await app.checkAccessibility(page, 'adviser collation, suppressed');
  // 2019 holds three partnerships: too few.
  await page.getByLabel('Questionnaire version').selectOption('');
  await page.getByLabel('Files dated').selectOption('2019');
  await page.getByText(new RegExp(`^${SENT_IN_2019.length} partnerships in view`)).waitFor();
  assert.match(await profileText(page), /Suppressed: fewer than 5 partnerships/);

  // The collection as one file: download, clear, open it again.
  const collectionFile = await download(page, 'Download the collection');
  assert.equal(JSON.parse(collectionFile.text).collection.submissions.length, good);
  await page.reload();
  await page.getByText(`${PARTNERSHIPS} partnerships in view (${good} files collected).`).waitFor();
  await page.getByRole('button', { name: 'Clear the collection' }).click();
  await page.getByRole('button', { name: 'Yes, clear the collection' }).click();
  await page.getByText('0 partnerships in view (0 files collected).').waitFor();

  // A whole folder, as an adviser keeps them: its JSON files are read, anything else is ignored.
  const folder = await mkdtemp(path.join(tmpdir(), 'adviser-files-'));
  for (const file of files.slice(0, 12)) await writeFile(path.join(folder, file.name), file.buffer);
  await writeFile(path.join(folder, 'readme.txt'), 'not for the app');
  await page.getByLabel('Or choose a whole folder').setInputFiles(folder);
  await page.getByText('12 of 12 files added.').waitFor();
  await page.getByRole('button', { name: 'Clear the collection' }).click();
  await page.getByRole('button', { name: 'Yes, clear the collection' }).click();
  await page.getByText('0 partnerships in view (0 files collected).').waitFor();

  await page.getByLabel('Open a collection file').setInputFiles({ name: 'adviser-collection.json', mimeType: 'application/json', buffer: Buffer.from(collectionFile.text) });
  await page.getByText(`${good} of ${good} files added.`).waitFor();
  await page.getByText(`${PARTNERSHIPS} partnerships in view (${good} files collected).`).waitFor();
  app.assertClean();
});

test('the adviser inspects the files, chooses one, removes one and undoes it, and flags old ones', async () => {
  const { page, files, good } = await collected();
  await addFiles(page, files, good);
  const filesTable = page.getByRole('table', { name: 'Files in the collection' });
  assert.deepEqual(await filesTable.getByRole('columnheader').allTextContents(), ['Partnership', 'Date', 'Source', 'Version', 'Status', 'Actions']);
  // 16 files are from 2026; the rest are more than 12 months older than 30 November 2026.
  await page.getByText(`${good} files from ${PARTNERSHIPS} partnerships. ${good - 16} are older than 12 months.`).waitFor();
  assert.equal(await filesTable.getByRole('row').count(), 51, 'a page of 50 files');
  await page.getByText(`Files 1 to 50 of ${good}`).waitFor();
  const first = filesTable.getByRole('row', { name: /^CPP-01 15 Feb 2026/ });
  assert.match(await first.textContent(), /^CPP-0115 Feb 2026Individual assessment1\.0\.0Not used/);
  const used = filesTable.getByRole('row', { name: /^CPP-01 15 Feb 2025/ });
  assert.match(await used.textContent(), /^CPP-0115 Feb 2025Board session1\.1\.0Used ?Older than 12 months/);
  await app.checkAccessibility(page, 'files in the collection');

  // Choosing a file over the rule.
  await page.getByRole('button', { name: 'Use this file for Partnership 3 (CPP-03): individual assessment of 15 Apr 2026' }).click();
  await page.getByText('1 file chosen by hand in \u201cFiles in the collection\u201d go before the rule.').waitFor();
  await heatmapRow(page, 'Partnership 3 (CPP-03)').getByText('Chosen').waitFor();
  assert.match(await heatmapRow(page, 'Partnership 3 (CPP-03)').textContent(), /Individual assessment Chosen15 Apr 2026/);
  const partnershipsCsv = (await download(page, 'Partnerships by principle (CSV)')).text;
  assert.match(partnershipsCsv, /except 1 file chosen by hand\./);
  assert.match(partnershipsCsv, /\r\nCPP-03,Partnership 3,Individual assessment,2026-04-15,Yes,/);
  await page.getByRole('button', { name: 'Use the rule for Partnership 3 (CPP-03)' }).click();
  await heatmapRow(page, 'Partnership 3 (CPP-03)').getByText('15 Apr 2025').waitFor();

  // Removing a file, and undoing it.
  await page.getByRole('button', { name: "Remove CPP-04's board session of 15 May 2025" }).click();
  await page.getByText("Removed CPP-04's board session of 15 May 2025.").waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'file-removed', 'focus moves to what happened');
  await page.getByText(`${good - 1} files from ${PARTNERSHIPS} partnerships.`, { exact: false }).waitFor();
  await heatmapRow(page, 'CPP-04').getByText('15 May 2023').waitFor();
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByText(`${good} files from ${PARTNERSHIPS} partnerships.`, { exact: false }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'collection-files');
  await heatmapRow(page, 'CPP-04').getByText('15 May 2025').waitFor();

  // Another rule: the latest file of either kind.
  await page.getByRole('radio', { name: 'Latest file of either kind' }).check();
  await heatmapRow(page, 'CPP-05').getByText('15 Jun 2026').waitFor();
  assert.match(await heatmapRow(page, 'CPP-05').textContent(), /^CPP-05Individual assessment15 Jun 2026/);
  assert.match(await heatmapRow(page, 'CPP-07').textContent(), /^CPP-07Board session15 Aug 2026/, 'a board session on a tie');
  await page.getByRole('radio', { name: 'Board sessions only' }).check();
  await page.getByText(`${PARTNERSHIPS} partnerships in view`, { exact: false }).waitFor();

  // Old files: the adviser sets the period.
  await page.getByLabel('Flag files older than this many months').fill('24');
  await page.getByLabel('Flag files older than this many months').press('Tab');
  await page.getByText(`${good} files from ${PARTNERSHIPS} partnerships. ${good - 46} are older than 24 months.`).waitFor();
  const filesCsv = await download(page, 'Files in the collection (CSV)');
  assert.equal(filesCsv.name, 'collection-files-2026-11-30.csv');
  const lines = filesCsv.text.split('\r\n');
  assert.match(lines[0], /^\ufeffFiles in the adviser collection\. Each partnership is represented by its latest board session; partnerships that sent only individual assessments are left out\. Made 30 November 2026\.$/);
  assert.equal(lines[1], 'Partnership code,Partnership name,Questionnaire,Version,Date,Source,Represents its partnership,Chosen by hand,Older than 24 months');
  assert.equal(lines.length - 3, good, 'every file, not only the page shown');
  assert.ok(lines.includes('CPP-01,,Principles of Effective Community Planning,1.0.0,2026-02-15,Individual assessment,No,No,No'));

  // The choices are kept with the collection.
  await page.reload();
  assert.ok(await page.getByRole('radio', { name: 'Board sessions only' }).isChecked());
  await page.getByText(`${good - 46} are older than 24 months.`, { exact: false }).waitFor();
  app.assertClean();
});
