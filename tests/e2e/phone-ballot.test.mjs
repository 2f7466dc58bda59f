// A member rates on their own phone from the session's join link: one expectation a
// screen, skip and come back, review, hand in early, and wipe. The facilitator's laptop
// takes the ballot by its typed code. The phone keeps only its own ballot.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp } from './harness.mjs';
import { joinLink, newSession, PHONE, TYPED } from './fixtures/ballot-codes.mjs';
import { questionnaire as national } from './fixtures/responses.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

const storedKeys = (page) => page.evaluate(() => Object.keys(localStorage).sort());

test('a member joins from the projected link, rates on a phone, hands in and wipes', async () => {
  const { page: laptop } = await app.newPage({ viewport: { width: 1024, height: 768 } });
  await newSession(app, laptop);
  const link = await joinLink(laptop);
  const sessionCode = (await laptop.locator('.join-panel .session-code').textContent()).trim();
  assert.match(link, new RegExp(`^${app.origin}/#/join/${sessionCode.replace(' ', '')}/principles-of-effective-community-planning/${national.version.replaceAll('.', '\\.')}$`));
  const qr = await laptop.getByRole('img', { name: 'QR code of the link for members to join' }).boundingBox();
  assert.ok(qr.width >= 250, `the join QR code is ${qr.width} px wide on a 1024 px projector`);
  await app.checkAccessibility(laptop, 'session home with the join panel');

  const { page: phone } = await app.newPage(PHONE);
  await phone.goto(link);
  await phone.getByRole('heading', { level: 1, name: 'Rate for your board' }).waitFor();
  await phone.getByText(`Board session ${sessionCode}`).waitFor();
  await app.checkAccessibility(phone, 'joining a board session on a phone');
  await phone.getByRole('button', { name: 'Start rating' }).click();

  // One expectation a screen, the scale as large buttons, the prompts folded away.
  await phone.locator('.ballot-progress__count').getByText('1 of 33').waitFor();
  await phone.getByRole('heading', { level: 1, name: /^Expectation 1\.1/ }).waitFor();
  assert.equal(await phone.locator('details').getAttribute('open'), null);
  const good = phone.getByRole('button', { name: /^Good \(4\)/ });
  const size = await good.boundingBox();
  assert.ok(size.height >= 48 && size.width >= 300, `a rating button is ${size.width}×${size.height}`);
  assert.equal(await phone.evaluate(() => document.documentElement.scrollWidth), 390, 'nothing scrolls sideways');
  await app.checkAccessibility(phone, 'rating on a phone');
  await good.click();
  await phone.locator('.ballot-progress__count').getByText('2 of 33').waitFor();
  await phone.getByRole('link', { name: 'Skip for now' }).click();
  await phone.locator('.ballot-progress__count').getByText('3 of 33').waitFor();
  await phone.getByRole('button', { name: /^Don't know/ }).click();
  await phone.locator('.ballot-progress__count').getByText('4 of 33').waitFor();
  // Back shows the rating already given, marked as chosen.
  await phone.getByRole('link', { name: 'Back' }).click();
  await phone.locator('.ballot-progress__count').getByText('3 of 33').waitFor();
  assert.equal(await phone.getByRole('button', { name: /^Don't know/ }).getAttribute('aria-pressed'), 'true');
  assert.equal(await phone.getByRole('button', { name: /^Good \(4\)/ }).getAttribute('aria-pressed'), 'false');

  // Finish early: the review says what is not rated; the skipped one can be rated from it.
  await phone.getByRole('link', { name: /^Review and hand in \(2 of 33 rated\)/ }).click();
  await phone.getByRole('heading', { level: 1, name: 'Check your ratings' }).waitFor();
  await phone.getByText('You have rated 2 of 33 expectations.').waitFor();
  await app.checkAccessibility(phone, 'reviewing a ballot on a phone');
  await phone.getByRole('link', { name: 'Rate expectation 1.2' }).click();
  await phone.locator('.ballot-progress__count').getByText('2 of 33').waitFor();
  await phone.getByRole('button', { name: /^Weak \(2\)/ }).click();
  await phone.locator('.ballot-progress__count').getByText('3 of 33').waitFor();
  await phone.getByRole('link', { name: /^Review and hand in/ }).click();
  await phone.getByText('You have rated 3 of 33 expectations.').waitFor();
  await phone.getByRole('link', { name: 'Hand in my ballot' }).first().click();

  await phone.getByRole('img', { name: 'QR code of your ballot' }).waitFor();
  await phone.getByText('Your ballot holds your 3 of 33 ratings.', { exact: false }).waitFor();
  await app.checkAccessibility(phone, 'handing in a ballot on a phone');
  const typed = (await phone.getByText(TYPED).textContent()).trim();
  const receipt = (await phone.getByText(/Ballot received \(…/).textContent()).match(/…([0-9A-Z]{4})/)[1];

  // The phone holds its own ballot and nothing else: no session, nobody else's ratings.
  const keys = await storedKeys(phone);
  assert.deepEqual(keys.filter((k) => k.includes('session')), []);
  assert.equal(keys.filter((k) => k.includes('assessment')).length, 1, keys.join());

  // The ballot survives a reload, and the join link picks it up again.
  await phone.goto(link);
  await phone.getByText('You have started your ballot on this phone: 3 of 33 rated.').waitFor();
  await phone.getByRole('link', { name: 'Hand in your ballot' }).click();
  await phone.getByRole('img', { name: 'QR code of your ballot' }).waitFor();

  // The facilitator types the code in.
  await laptop.getByRole('link', { name: 'Enter ballot codes' }).click();
  await laptop.getByLabel('Ballot code').fill(typed);
  await laptop.getByRole('button', { name: 'Add the ballot' }).click();
  await laptop.getByText(`Ballot received (…${receipt}). Ballots in the box: 1.`).waitFor();

  // Wiping asks once more, then leaves nothing of the ballot on the phone.
  await phone.getByRole('button', { name: 'Wipe my ratings from this phone' }).click();
  const confirm = phone.getByRole('button', { name: 'Yes, wipe my ratings' });
  await confirm.waitFor();
  assert.equal(await confirm.evaluate((b) => b === document.activeElement), true);
  await app.checkAccessibility(phone, 'confirming a wipe');
  await confirm.click();
  await phone.getByText('Your ratings are wiped from this phone').waitFor();
  assert.deepEqual((await storedKeys(phone)).filter((k) => k.includes('assessment')), []);
  await phone.goto(link);
  await phone.getByRole('button', { name: 'Start rating' }).waitFor();
  app.assertClean();
});

test('a member with only the session code joins from the start page', async () => {
  const { page: phone } = await app.newPage(PHONE);
  await phone.goto(`${app.origin}/`);
  await phone.getByRole('link', { name: 'Rate for a board session' }).click();
  await phone.getByRole('heading', { level: 1, name: 'Rate for a board session' }).waitFor();
  await phone.getByLabel('Session code').fill('12 34');
  await phone.getByRole('button', { name: 'Continue' }).click();
  await phone.getByRole('link', { name: 'Enter the session\'s code: six digits, as the facilitator shows them' }).waitFor();
  await app.checkAccessibility(phone, 'joining with a code, a mistake');
  await phone.getByLabel('Session code').fill('123 456');
  await phone.getByRole('button', { name: 'Continue' }).click();
  await phone.getByRole('heading', { level: 1, name: 'Rate for your board' }).waitFor();
  assert.ok(phone.url().endsWith(`#/join/123456/principles-of-effective-community-planning/${national.version}`), phone.url());
  // A link for a questionnaire this copy does not have says so.
  await phone.goto(`${app.origin}/#/join/123456/another-questionnaire/2.0.0`);
  await phone.getByRole('heading', { level: 1, name: 'This session cannot be joined here' }).waitFor();
  app.assertClean();
});
