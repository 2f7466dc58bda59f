// Ballot codes: members who rated on their own phones show a ballot code, and the
// facilitator types it in. A typo is caught and its group named, a ballot for another
// session is refused, the same member's code again replaces their ballot, and the page
// shows only receipts and the count, never ratings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp } from './harness.mjs';
import { newSession, phoneShowingCode } from './fixtures/ballot-codes.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

test('members hand in ballot codes from their phones and the facilitator types them in', async () => {
  const { page } = await app.newPage({ viewport: { width: 1280, height: 800 } });
  await newSession(app, page);
  await page.getByRole('link', { name: 'Enter ballot codes' }).click();
  await page.getByRole('heading', { level: 1, name: 'Enter ballot codes' }).waitFor();
  const sessionCode = (await page.getByText(/^\d{3} \d{3}$/).textContent()).trim();
  await page.getByText('Ballots in the box: 0.').waitFor();
  await app.checkAccessibility(page, 'ballot codes, empty');

  const token = (assessment) => { assessment.response_token = 'member-one-own-token'; };
  const first = await phoneShowingCode(app, 'member-one', sessionCode, token);
  await app.checkAccessibility(first.page, 'a member\'s ballot code on a phone');
  const box = await first.page.getByRole('img', { name: 'QR code of your ballot' }).boundingBox();
  assert.ok(box.width >= 180, `the QR code is ${box.width} px wide`);
  // The screen is kept on while the code shows, and let go when the member leaves it.
  await first.page.waitForFunction(() => window.wakeLocks?.requested === 1);
  await first.page.getByRole('link', { name: 'Back to your assessment' }).click();
  await first.page.waitForFunction(() => window.wakeLocks.released === 1);

  // One character mistyped in the second group: caught, and the group named.
  const wrong = [...first.typed];
  wrong[7] = wrong[7] === 'A' ? 'B' : 'A';
  const field = page.getByLabel('Ballot code');
  await field.fill(wrong.join(''));
  await page.getByRole('button', { name: 'Add the ballot' }).click();
  await page.getByRole('link', { name: 'Group 2 has a mistake: check it against the phone.' }).waitFor();
  assert.match(await page.title(), /^Error: Enter ballot codes/);
  await app.checkAccessibility(page, 'ballot codes, a typo');
  await page.getByText('Ballots in the box: 0.').waitFor();

  // Typed as people type: lower case, spaces for hyphens.
  await field.fill(first.typed.toLowerCase().replaceAll('-', ' '));
  await page.getByRole('button', { name: 'Add the ballot' }).click();
  await page.getByText(`Ballot received (…${first.receipt}). Ballots in the box: 1.`).waitFor();
  assert.equal(await field.inputValue(), '');

  const second = await phoneShowingCode(app, 'member-two', sessionCode);
  assert.notEqual(second.receipt, first.receipt);
  await field.fill(second.typed);
  await page.getByRole('button', { name: 'Add the ballot' }).click();
  await page.getByText(`Ballot received (…${second.receipt}). Ballots in the box: 2.`).waitFor();

  // The same code again changes nothing.
  await field.fill(first.typed);
  await page.getByRole('button', { name: 'Add the ballot' }).click();
  await page.getByRole('link', { name: 'This response is already in the ballot box, exactly as it is. Nothing was changed.' }).waitFor();
  // The first member changes a rating and hands in again: it replaces their ballot.
  const changed = await phoneShowingCode(app, 'member-one-later', sessionCode, (assessment) => {
    token(assessment);
    Object.values(assessment.responses)[0].rating = { level: 6 };
  });
  assert.equal(changed.receipt, first.receipt);
  await field.fill(changed.typed);
  await page.getByRole('button', { name: 'Add the ballot' }).click();
  await page.getByText(`Ballot received (…${first.receipt}). It replaces the same member's earlier ballot. Ballots in the box: 2.`).waitFor();

  // A code made for another session is refused with its reason.
  const elsewhere = await phoneShowingCode(app, 'member-three', sessionCode === '000 001' ? '000 002' : '000 001');
  await field.fill(elsewhere.typed);
  await page.getByRole('button', { name: 'Add the ballot' }).click();
  await page.getByRole('link', { name: /^This ballot is for a different board session\./ }).waitFor();
  await page.getByText('Ballots in the box: 2.').waitFor();
  // Nothing on the page shows a ballot's ratings.
  assert.doesNotMatch(await page.locator('main').textContent(), /Good \(4\)|rated 4/);

  // The session's home counts them.
  await page.getByRole('link', { name: 'Back to the session' }).click();
  await page.getByText(/2 ballots/).first().waitFor();
  app.assertClean();
});
