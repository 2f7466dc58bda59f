// Scanning ballot codes with the laptop's camera. Chromium's fake camera plays a video made
// from the QR codes the members' phones show: three ballots for this session and one for
// another. The scan page hands each in once, refuses the other session's, and the spread
// counts the three. The camera starts only when the facilitator asks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp } from './harness.mjs';
import { newSession, phoneShowingCode } from './fixtures/ballot-codes.mjs';

const WIDTH = 640;
const HEIGHT = 480;
const folder = mkdtempSync(path.join(os.tmpdir(), 'cpp-camera-'));
const video = path.join(folder, 'ballots.y4m');

let app;
before(async () => {
  // The video is written once the codes exist; Chromium opens it when the camera starts.
  app = await startApp({
    chromiumArgs: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  });
});
after(async () => {
  await app?.close();
  rmSync(folder, { recursive: true, force: true });
});

/** The QR code a phone shows, drawn as a laptop camera might see it: greyscale bytes. */
async function qrAsSeen(page) {
  const base64 = await page.getByRole('img', { name: 'QR code of your ballot' }).evaluate(async (element, [width, height]) => {
    const image = new Image();
    image.src = `data:image/svg+xml;base64,${btoa(element.querySelector('svg').outerHTML)}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    context.fillStyle = 'rgb(150, 140, 130)';
    context.fillRect(0, 0, width, height);
    context.imageSmoothingEnabled = false;
    context.drawImage(image, (width - 220) / 2, (height - 220) / 2, 220, 220);
    const rgba = context.getImageData(0, 0, width, height).data;
    let grey = '';
    for (let i = 0; i < rgba.length; i += 4) grey += String.fromCharCode(Math.round(0.299 * rgba[i] + 0.587 * rgba[i + 1] + 0.114 * rgba[i + 2]));
    return btoa(grey);
  }, [WIDTH, HEIGHT]);
  return Buffer.from(base64, 'base64');
}

/** A member's phone showing the QR code of their assessment's ballot for `sessionCode`. */
async function phoneShowing(id, sessionCode) {
  const { page, receipt } = await phoneShowingCode(app, id, sessionCode);
  return { grey: await qrAsSeen(page), receipt };
}

/** A YUV4MPEG2 video: each greyscale picture held for `repeat` frames, then a blank. */
function y4m(pictures, repeat) {
  const chroma = Buffer.alloc(WIDTH * HEIGHT / 2, 128);
  const blank = Buffer.alloc(WIDTH * HEIGHT, 140);
  const frames = pictures.flatMap((grey) => [...Array(repeat).fill(grey), blank, blank]);
  return Buffer.concat([
    Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`),
    ...frames.flatMap((y) => [Buffer.from('FRAME\n'), y, chroma]),
  ]);
}

test('the facilitator scans members\' ballot codes with the camera', async () => {
  const { page } = await app.newPage({ viewport: { width: 1280, height: 800 } });
  await newSession(app, page);
  const threshold = page.getByLabel('Hide the spread when fewer members than this have answered');
  await threshold.fill('3');
  await threshold.press('Tab');
  await page.getByText(/^Saved on this device at/).waitFor();
  await page.getByRole('link', { name: 'Enter ballot codes' }).click();
  const sessionCode = (await page.getByText(/^\d{3} \d{3}$/).textContent()).trim();
  const other = sessionCode === '000 001' ? '000 002' : '000 001';

  const members = [];
  for (const id of ['member-a', 'member-b', 'member-c']) members.push(await phoneShowing(id, sessionCode));
  const elsewhere = await phoneShowing('member-elsewhere', other);
  writeFileSync(video, y4m([members[0].grey, members[1].grey, members[2].grey, elsewhere.grey], 6));

  // Nothing asks for the camera until the facilitator starts it.
  await page.getByRole('button', { name: 'Start the camera' }).click();
  await page.getByRole('button', { name: 'Stop the camera' }).waitFor();
  await page.getByText('Ballots in the box: 3.').waitFor({ timeout: 30_000 });
  await page.getByRole('alert').getByText(/^This ballot is for a different board session\./).waitFor();
  await app.checkAccessibility(page, 'scanning ballot codes');
  const status = await page.getByRole('status').textContent();
  assert.ok(members.some((m) => status.includes(`Ballot received (…${m.receipt}).`)), status);
  // The video loops, so each code has been seen again: none was added twice.
  await page.getByRole('button', { name: 'Stop the camera' }).click();
  await page.getByRole('button', { name: 'Start the camera' }).waitFor();
  await page.getByText('Ballots in the box: 3.').waitFor();

  // The spread counts the three scanned ballots.
  await page.getByRole('link', { name: 'Back to the session' }).click();
  await page.getByRole('link', { name: 'Discuss from the first expectation' }).click();
  await page.getByRole('button', { name: 'Close the ballot box and reveal' }).click();
  assert.match(await page.locator('.stats').textContent(), /Rated \(n\)3/);
  app.assertClean();
});
