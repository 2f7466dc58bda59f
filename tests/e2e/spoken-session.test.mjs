// How a board session sounds in a screen reader: the hand-over and a member's turn on the
// passed device, the discussion page with its reveal (and the projector view's), a member
// rating on their phone from the join link, and the facilitator taking a ballot code
// ("Ballot received"). The transcripts are kept in `tests/e2e/transcripts/`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, steadyPage, storeRecords, waitForHeadingFocus } from './harness.mjs';
import { joinLink, newSession, PHONE, TYPED } from './fixtures/ballot-codes.mjs';
import { EXPECTATIONS, smallSession } from '../../scripts/bench/synthetic.mjs';
import {
  assertAnnouncedOnce, heard, listen, matchTranscript, press, pressKeys, pressOn, readAndCheck,
} from './screen-reader.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { app.assertClean(); await app?.close(); });

test('the hand-over and a member\'s turn on the passed device', async () => {
  const page = await steadyPage(app);
  await newSession(app, page);
  await page.getByRole('link', { name: "Start the next member's turn" }).click();
  await page.getByRole('heading', { level: 1, name: 'Hand the device to the next person' }).waitFor();
  const handover = await readAndCheck(app, page, 'hand-over');
  await page.getByRole('button', { name: 'Start my turn' }).click();
  await page.getByText('Your private rating \u2013 1 of 33').waitFor();
  await waitForHeadingFocus(page);
  const turn = await readAndCheck(app, page, 'turn');
  await listen(page);
  const keys = await pressKeys(page, ['Tab', 'Tab', 'Space']);
  assert.ok(keys.includes('group, How well does your partnership meet this expectation?'), `the group is named by the question: ${keys.join(' / ')}`);
  matchTranscript('turn', {
    'Hand the device to the next person, read from the top': handover,
    'The first question of a turn, read from the top': turn,
    'From the heading into the ratings, choosing one': keys,
  });
});

test('the discussion page, its reveal and the agreed rating', async () => {
  const page = await steadyPage(app);
  await storeRecords(app, page, { 'cpp-self-assessment/session/spoken-board': smallSession('spoken-board', 7) });
  await page.goto(`${app.origin}/#/sessions/spoken-board/discuss/${EXPECTATIONS[0]}`);
  await waitForHeadingFocus(page);
  const closed = await readAndCheck(app, page, 'discussion, box open');
  const spread = page.getByRole('list', { name: "Members' ratings" });
  const reveal = await pressOn(page, page.getByRole('button', { name: 'Close the ballot box and reveal' }), 'Enter', spread);
  assertAnnouncedOnce(reveal, 'Ratings revealed', 'reveal');
  assert.ok(reveal.some((p) => p.startsWith("list, Members' ratings")), `focus goes to the spread: ${reveal.join(' / ')}`);
  const revealed = await readAndCheck(app, page, 'discussion, revealed');
  const revealButton = page.getByRole('button', { name: 'Reveal the ratings' });
  const hidden = await pressOn(page, page.getByRole('button', { name: 'Hide the ratings' }), 'Enter', revealButton);
  assertAnnouncedOnce(hidden, 'Ratings hidden', 'hide');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Reveal the ratings', 'focus stays on the toggle');

  // The agreed rating, by keyboard.
  await revealButton.click();
  // The reveal moves focus to the spread a frame later; start from "Hide" after that.
  await page.waitForFunction(() => document.activeElement?.id === 'members-ratings');
  await page.getByRole('button', { name: 'Hide the ratings' }).focus();
  await listen(page);
  const agree = [];
  while (!agree.includes('group, Agreed rating') && agree.length < 40) agree.push(...await press(page, 'Tab'));
  agree.push(...await press(page, 'Space'));
  await page.getByText('Agreed for 1 of 33 expectations.').waitFor();
  agree.push(...await heard(page));
  assert.ok(agree.includes('group, Agreed rating'), `the agreed rating's group: ${agree.join(' / ')}`);
  assertAnnouncedOnce(agree, 'Agreed for 1 of 33 expectations.', 'agreeing');
  // The projector's view of the next expectation: its reveal is heard the same way.
  await page.goto(`${app.origin}/#/sessions/spoken-board/present/${EXPECTATIONS[1]}`);
  const projected = await pressOn(page, revealButton, 'Enter', spread);
  assertAnnouncedOnce(projected, 'Ratings revealed', 'projector reveal');
  assert.ok(projected.some((p) => p.startsWith("list, Members' ratings")), `focus goes to the spread: ${projected.join(' / ')}`);
  matchTranscript('discussion', {
    'Discussion of expectation 1.1 before the reveal, read from the top': closed,
    'Closing the ballot box and revealing': reveal,
    'After the reveal, read from the top': revealed,
    'Hiding the ratings again': hidden,
    'Agreeing a rating': agree,
    'Revealing expectation 1.2 on the projector view': projected,
  });
});

test('a member rates on a phone, and the facilitator takes the ballot code', async () => {
  const laptop = await steadyPage(app, { viewport: { width: 1024, height: 768 } });
  await newSession(app, laptop);
  const link = await joinLink(laptop);
  const sessionHome = laptop.url();

  const phone = await steadyPage(app, PHONE);
  await phone.goto(link);
  await phone.getByRole('heading', { level: 1, name: 'Rate for your board' }).waitFor();
  const join = await readAndCheck(app, phone, 'joining');
  await phone.getByRole('button', { name: 'Start rating' }).click();
  await phone.locator('.ballot-progress__count').getByText('1 of 33').waitFor();
  await waitForHeadingFocus(phone);
  const rate = await readAndCheck(app, phone, 'rating on a phone');
  await listen(phone);
  const keys = await pressKeys(phone, ['Tab', 'Tab', 'Tab', 'Tab']);
  assert.ok(keys.includes('group, How well does your partnership meet this expectation?'), `the phone's group is the question: ${keys.join(' / ')}`);
  const chosen = await pressKeys(phone, ['Enter']);
  await phone.locator('.ballot-progress__count').getByText('2 of 33').waitFor();
  await waitForHeadingFocus(phone);
  chosen.push(...await heard(phone));
  await phone.getByRole('link', { name: /^Review and hand in/ }).click();
  await phone.getByRole('heading', { level: 1, name: 'Check your ratings' }).waitFor();
  const review = await readAndCheck(app, phone, 'reviewing a ballot');
  await phone.getByRole('link', { name: 'Hand in my ballot' }).first().click();
  await phone.getByRole('img', { name: 'QR code of your ballot' }).waitFor();
  const handIn = await readAndCheck(app, phone, 'handing in');
  const typed = (await phone.getByText(TYPED).textContent()).trim();
  matchTranscript('phone-ballot', {
    'Joining from the link, read from the top': join,
    'The first expectation, read from the top': rate,
    'From the heading to the ratings': keys,
    'Choosing a rating': chosen,
    'Check your ratings, read from the top': review,
    'The ballot code, read from the top': handIn,
  });

  await laptop.goto(`${sessionHome.replace(/\/?$/, '')}/codes`);
  await laptop.getByRole('heading', { level: 1, name: 'Enter ballot codes' }).waitFor();
  const codes = await readAndCheck(app, laptop, 'ballot codes');
  await laptop.getByLabel('Ballot code').fill('not a code');
  await laptop.getByLabel('Ballot code').focus();
  await listen(laptop);
  const refused = await pressKeys(laptop, ['Enter']);
  await laptop.getByRole('heading', { name: 'There is a problem' }).waitFor();
  refused.push(...await heard(laptop));
  assert.ok(refused.some((p) => p.includes('There is a problem')), `a refused code is heard: ${refused.join(' / ')}`);
  await laptop.getByLabel('Ballot code').fill(typed);
  await laptop.getByLabel('Ballot code').focus();
  await laptop.keyboard.press('Enter');
  await laptop.getByText('Ballots in the box: 1.').waitFor();
  const received = await heard(laptop);
  assertAnnouncedOnce(received, 'Ballot received', 'ballot codes');
  matchTranscript('ballot-codes', {
    'Enter ballot codes, read from the top': codes,
    'A code that is not one': refused,
    'A member\'s code': received,
  });
});
