// The benchmark: builds nothing itself (scripts/bench.sh builds the release site first),
// measures everything in one run on this machine, and prints one table of every figure
// beside its target, then the details:
//   - sizes (gzip): the first load, and the first question of a new assessment;
//   - loading the start page, the new assessment form and the first question, in headless
//     Chromium, cold and warm, beside the same pages as plain static HTML (bench/navigation);
//   - the 95th percentile time from a click to the next page for what people do most, and
//     adding 200 adviser files (bench/interactions);
//   - what an update from the build measured before downloads (bench/update);
//   - every page at scale: 10,000 ballots, 1,000 partnerships, 5,000 expectations
//     (bench/scale);
//   - scoring, drafting and collating in the browser (wasm) and natively, from the same
//     code, and the peak JavaScript heap during a whole assessment.
// Usage: node scripts/bench.mjs [--check-budget]   (exits 1 over the size budget with the flag)
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './static-server.mjs';
import { readBuildManifest } from './build-manifest.mjs';
import { revisionOf } from './service-worker.mjs';
import { benchContext, kb, ms, p95, timeClick } from './bench/measure.mjs';
import { BUDGET, budgetedSizes, dist, overBudget, transferTable } from './bench/sizes.mjs';
import { navigationTimes } from './bench/navigation.mjs';
import { interactionTimes, rateEveryExpectation } from './bench/interactions.mjs';
import { scaleTimes } from './bench/scale.mjs';
import { updateDownload } from './bench/update.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
/** Clicks per interaction for the 95th percentiles. */
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 20);
const INTERACTION_MS = 100;
const SCALE_MS = 1000;

/** Peak JS heap while a board member rates all 33 expectations. */
async function peakHeap(browser, origin) {
  const context = await benchContext(browser, { serviceWorkers: 'block' });
  await context.addInitScript(() => {
    window.addEventListener('AppStarted', (event) => { window.appWasmMemory = event.detail.wasm.memory; });
  });
  const page = await context.newPage();
  const heap = () => page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0);
  let peak = 0;
  await rateEveryExpectation(page, origin, async () => { peak = Math.max(peak, await heap()); });
  await timeClick(page, { selector: 'a.button', text: 'See the results' }, { selector: '#principle-profile-chart svg' });
  peak = Math.max(peak, await heap());
  const wasmMemory = await page.evaluate(() => window.appWasmMemory?.buffer.byteLength ?? null);
  await context.close();
  return { peak, wasmMemory };
}

function domainFigures() {
  const env = { ...process.env };
  const native = execFileSync('cargo', ['bench', '-p', 'cpp-format', '--bench', 'domain'], { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const wasm = execFileSync('cargo', ['test', '--release', '-p', 'cpp-format', '--target', 'wasm32-unknown-unknown', '--test', 'domain_bench', '--', '--include-ignored', '--nocapture'], {
    cwd: root,
    env: { ...env, CHROMEDRIVER: '/usr/bin/chromedriver', CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER: 'wasm-bindgen-test-runner' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const parse = (text, target) => Object.fromEntries([...text.matchAll(new RegExp(`^bench ${target} (.+): ([0-9.]+) ms`, 'gm'))].map(([, name, value]) => [name, Number(value)]));
  const n = parse(native, 'native');
  const w = parse(wasm, 'wasm');
  const lines = ['| Per call (median) | In the browser (wasm) | Native | wasm / native |', '| --- | ---: | ---: | ---: |'];
  for (const name of Object.keys(n)) {
    lines.push(`| ${name[0].toUpperCase()}${name.slice(1)} | ${ms(w[name])} | ${ms(n[name])} | ${(w[name] / n[name]).toFixed(1)} |`);
  }
  return lines;
}

/** Which files of `dist` an update had to download: those whose content the earlier build
 * does not have. */
function changedFiles(update) {
  const manifest = readBuildManifest(dist);
  const earlier = new Set(update.earlierRevisions);
  return new Set(['/sw.js', ...manifest.files
    .filter((f) => !earlier.has(revisionOf(readFileSync(path.join(dist, f.path)))))
    .flatMap((f) => (f.path === 'index.html' ? ['/', '/index.html'] : [`/${f.path}`]))]);
}

const met = (ok) => (ok ? 'met' : '**not met**');
const ratio = (row) => row.app / row.floor;

function summary({ sized, navigation, interactions, update, scale }) {
  const lines = ['| Figure | Measured | Target | |', '| --- | ---: | --- | --- |'];
  const add = (figure, measured, target, ok) => lines.push(`| ${figure} | ${measured} | ${target} | ${met(ok)} |`);
  add('First load (gzip)', kb(sized.totalGzip), `≤ ${kb(BUDGET.totalGzip)}`, sized.totalGzip <= BUDGET.totalGzip);
  add('First question of a new assessment: the first load and its chunks (gzip)', kb(sized.firstQuestionGzip), `≤ ${kb(BUDGET.firstQuestionGzip)}`, sized.firstQuestionGzip <= BUDGET.firstQuestionGzip);
  for (const row of navigation) {
    add(`${row.label}, ${row.cache}: app / plain HTML (median of ${RUNS})`, `${ratio(row).toFixed(1)}× (${ms(row.app)} / ${ms(row.floor)})`, '≤ 2×', ratio(row) <= 2);
  }
  const interaction = (label, list) => add(`${label}, 95th percentile of ${list.length}`, ms(p95(list)), `< ${INTERACTION_MS} ms`, p95(list) < INTERACTION_MS);
  interaction('Moving to the next question', interactions.questions);
  interaction('Opening the results (chart drawn)', interactions.results);
  interaction('Opening the improvement plan', interactions.plan);
  interaction('Revealing a spread in the discussion', interactions.reveals);
  const { imported } = interactions;
  add(`Adding 200 adviser files (progress shown: ${imported.progress.length > 1 ? `“${imported.progress[0]}” … “${imported.progress.at(-1)}”` : 'no'})`, ms(imported.time), '< 1 s, with progress', imported.time < 1000 && imported.progress.length > 1);
  if (update) {
    const changed = changedFiles(update);
    const extra = update.files.filter((f) => !changed.has(f.path));
    add(`An update from the build measured before: downloaded (${update.files.length} files)`, `${kb(update.total)} of ${kb(update.whole)}`, 'only the files that changed', extra.length === 0);
  } else {
    lines.push('| An update from the build measured before | not measured: no earlier build measured on this machine yet (the next run will be) | only the files that changed | |');
  }
  const slowest = (label, list) => {
    const worst = list.reduce((a, b) => (b.ms > a.ms ? b : a));
    add(`${label}: slowest page (${worst.label.toLowerCase()})`, ms(worst.ms), `< ${SCALE_MS / 1000} s`, worst.ms < SCALE_MS);
  };
  slowest('A board session of 10,000 ballots', scale.session);
  slowest('An adviser collection of 1,000 partnerships', scale.adviser);
  slowest('A questionnaire of 5,000 expectations', scale.plan);
  return lines;
}

function details({ update, scale }) {
  const lines = ['| At scale: page | Time |', '| --- | ---: |'];
  for (const [what, list] of [['10,000 ballots', scale.session], ['1,000 partnerships', scale.adviser], ['5,000 expectations', scale.plan]]) {
    for (const page of list) lines.push(`| ${what}: ${page.label} | ${ms(page.ms)} |`);
  }
  if (update) {
    lines.push('', `An update from the build measured before downloaded ${update.files.length} files: ${update.files.map((f) => `${f.path === '/' ? 'the page (./)' : f.path.split('/').pop()} (${kb(f.bytes)})`).join(', ')}.`);
  }
  return lines;
}

async function main() {
  const checkBudget = process.argv.includes('--check-budget');
  const problems = overBudget();
  const sized = budgetedSizes();
  // The site and the floor pages, served together.
  const site = mkdtempSync(path.join(os.tmpdir(), 'cpp-bench-'));
  cpSync(dist, site, { recursive: true });
  cpSync(dist, path.join(site, 'floor'), { recursive: true });
  const server = await serve(site, 0);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--enable-precise-memory-info'],
  });
  let measured;
  let heap;
  try {
    measured = {
      sized,
      navigation: await navigationTimes(browser, origin, path.join(site, 'floor'), RUNS),
      interactions: await interactionTimes(browser, origin, SAMPLES),
      update: await updateDownload(browser, dist),
      scale: await scaleTimes(browser, origin),
    };
    heap = await peakHeap(browser, origin);
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
    rmSync(site, { recursive: true, force: true });
  }
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0].model.trim()}, headless Chromium, release build, served locally without compression.`, '',
    ...summary(measured), '',
    ...details(measured), '',
    ...transferTable(), '',
    `Peak JavaScript heap during a whole assessment (33 ratings, then results with the chart): ${kb(heap.peak)}${heap.wasmMemory ? `; WebAssembly memory ${kb(heap.wasmMemory)}` : ''}.`, '',
    ...domainFigures(),
  ];
  console.log(lines.join('\n'));
  if (checkBudget && problems.length) process.exit(1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main();
}
