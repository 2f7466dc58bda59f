// A board of seven in the room: the facilitator projects the join panel at 1024×768, seven
// members each rate all 33 expectations on their own phone from the join link and hold
// their ballot up to the laptop's camera (Chromium's fake camera, playing the codes the
// seven phones drew). It measures what a member does (taps) and how long the hand-in takes,
// and prints them; the README quotes them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { joinLink, newSession, phoneRatesFromLink, SCALE } from './fixtures/ballot-codes.mjs';
import { qrAsSeen, startAppWithCamera } from './fixtures/camera.mjs';

const MEMBERS = 7;

let app;
before(async () => { app = await startAppWithCamera(); });
after(async () => { await app?.close(); });

test('seven members rate on their phones and hand in by camera', async () => {
  const { page: laptop } = await app.newPage({ viewport: { width: 1024, height: 768 } });
  await newSession(app, laptop);
  const link = await joinLink(laptop);

  const members = [];
  for (let member = 0; member < MEMBERS; member += 1) {
    const started = Date.now();
    // Each member rates in their own pattern; the sixth skips three they cannot judge.
    const ballot = await phoneRatesFromLink(app, link, (index) =>
      member === 5 && index % 11 === 0 ? null : SCALE[(index + member) % SCALE.length]);
    members.push({ ...ballot, seconds: (Date.now() - started) / 1000, grey: await qrAsSeen(ballot.page) });
    await ballot.page.context().close();
  }
  // Start, a tap on each of the 33 screens, and "Hand in my ballot".
  for (const { taps } of members) assert.equal(taps, 35);

  // Each member holds their phone up for about a second (ten frames at ten a second).
  app.play(members.map((m) => m.grey), 10);
  await laptop.getByRole('link', { name: 'Enter ballot codes' }).click();
  const scanning = Date.now();
  await laptop.getByRole('button', { name: 'Start the camera' }).click();
  await laptop.getByText(`Ballots in the box: ${MEMBERS}.`).waitFor({ timeout: 60_000 });
  const scanSeconds = (Date.now() - scanning) / 1000;
  await laptop.getByRole('button', { name: 'Stop the camera' }).click();
  await laptop.getByText(`Ballots in the box: ${MEMBERS}.`).waitFor();

  // Every member's ballot counts: on 1.1, five ratings and a "Don't know"; the member who
  // skipped it is left out.
  await laptop.getByRole('link', { name: 'Back to the session' }).click();
  await laptop.getByRole('link', { name: 'Start the discussion at the first item on the agenda' }).click();
  await laptop.getByRole('button', { name: 'Close the ballot box and reveal' }).click();
  await laptop.getByText(/\. 5 rated, 1 said “Don't know”\.$/).waitFor();

  const perMember = members.map((m) => m.seconds.toFixed(1)).join(', ');
  console.log(`# seven phones: ${members[0].taps} taps a member; rating flows took ${perMember} s on this machine; camera hand-in of all ${MEMBERS}: ${scanSeconds.toFixed(1)} s (${(scanSeconds / MEMBERS).toFixed(1)} s a member)`);
  app.assertClean();
});
