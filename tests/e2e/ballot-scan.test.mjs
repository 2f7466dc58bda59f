// Scanning ballot codes with the laptop's camera. Chromium's fake camera plays a video made
// from the QR codes the members' phones show: three ballots for this session and one for
// another. The scan page hands each in once, refuses the other session's, and the spread
// counts the three. The camera starts only when the facilitator asks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { joinLink, newSession, phoneRatesFromLink, phoneShowingCode, SCALE } from './fixtures/ballot-codes.mjs';
import { qrAsSeen, startAppWithCamera } from './fixtures/camera.mjs';
import { heard, listen } from './screen-reader.mjs';

let app;
before(async () => { app = await startAppWithCamera(); });
after(async () => { await app?.close(); });

/** A member's phone showing the QR code of their assessment's ballot for `sessionCode`. */
async function phoneShowing(id, sessionCode) {
  const { page, receipt } = await phoneShowingCode(app, id, sessionCode);
  return { grey: await qrAsSeen(page), receipt };
}

test('the facilitator scans members\' ballot codes with the camera', async () => {
  const { page } = await app.newPage({ viewport: { width: 1280, height: 800 } });
  await newSession(app, page);
  const threshold = page.getByLabel('Hide the spread when fewer members than this have answered');
  await threshold.fill('3');
  await threshold.press('Tab');
  await page.getByText(/^Saved on this device at/).waitFor();
  const link = await joinLink(page);
  await page.getByRole('link', { name: 'Enter ballot codes' }).click();
  const sessionCode = (await page.getByText(/^\d{3} \d{3}$/).textContent()).trim();
  const other = sessionCode === '000 001' ? '000 002' : '000 001';

  // One member rates every expectation on their phone from the join link; two rated
  // beforehand in an assessment of their own.
  const rated = await phoneRatesFromLink(app, link, (index) => SCALE[index % SCALE.length]);
  const members = [{ grey: await qrAsSeen(rated.page), receipt: rated.receipt }];
  for (const id of ['member-b', 'member-c']) members.push(await phoneShowing(id, sessionCode));
  const elsewhere = await phoneShowing('member-elsewhere', other);
  app.play([members[0].grey, members[1].grey, members[2].grey, elsewhere.grey], 6);

  // Nothing asks for the camera, or starts the code reader, until the facilitator starts it;
  // the reader runs in a Web Worker, which stops with the camera.
  const workers = [];
  page.on('worker', (worker) => workers.push(worker));
  assert.equal(workers.length, 0);
  await listen(page);
  await page.getByRole('button', { name: 'Start the camera' }).click();
  await page.getByRole('button', { name: 'Stop the camera' }).waitFor();
  await page.getByText('Ballots in the box: 3.').waitFor({ timeout: 30_000 });
  await page.getByRole('alert').getByText(/^This ballot is for a different board session\./).waitFor();
  // A screen reader says each ballot received once, though the camera sees each code again
  // and again, and says the other session's code is refused.
  const said = await heard(page);
  assert.equal(said.filter((p) => p.includes('Ballot received')).length, 3, said.join('\n'));
  assert.ok(said.some((p) => /^assertive: This ballot is for a different board session\./.test(p)), said.join('\n'));
  await app.checkAccessibility(page, 'scanning ballot codes');
  const status = await page.getByRole('status').textContent();
  assert.ok(members.some((m) => status.includes(`Ballot received (…${m.receipt}).`)), status);
  // The video loops, so each code has been seen again: none was added twice.
  assert.deepEqual(workers.map((w) => new URL(w.url()).pathname.split('/').pop()), ['qr_worker.js']);
  const stopped = new Promise((resolve) => workers[0].on('close', resolve));
  await page.getByRole('button', { name: 'Stop the camera' }).click();
  await page.getByRole('button', { name: 'Start the camera' }).waitFor();
  await stopped;
  // Leaving the page with the camera on lets the camera and its reader go too.
  const [again] = await Promise.all([page.waitForEvent('worker'), page.getByRole('button', { name: 'Start the camera' }).click()]);
  await page.getByRole('button', { name: 'Stop the camera' }).waitFor();
  const left = new Promise((resolve) => again.on('close', resolve));
  await page.getByText('Ballots in the box: 3.').waitFor();

  // The spread counts the three scanned ballots.
  await page.getByRole('link', { name: 'Back to the session' }).click();
  await left;
  await page.getByRole('link', { name: 'Start the discussion at the first item on the agenda' }).click();
  await page.getByRole('button', { name: 'Close the ballot box and reveal' }).click();
  await page.getByText(/\. 3 rated, 0 said “Don't know”\.$/).waitFor();
  app.assertClean();
});
