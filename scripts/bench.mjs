// The benchmark: builds nothing itself (scripts/bench.sh builds the release site first),
// measures everything in one run on this machine, and prints one table:
//   - first-load transfer of each file, raw, gzip and brotli, and the budget;
//   - navigation to an interactive start page, and to the first question of a new
//     assessment, in headless Chromium, cold and warm, median of RUNS runs, beside a plain
//     static HTML page showing the same thing (the floor);
//   - scoring an assessment, drafting its plan, and collating 1,000 and 10,000 adviser
//     files, in the browser (wasm) and natively, from the same code;
//   - the peak JavaScript heap during a whole assessment.
// Usage: node scripts/bench.mjs [--check-budget]   (exits 1 over budget with the flag)
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { serve } from './static-server.mjs';
import { ROLES, readBuildManifest, theOne, withRole } from './build-manifest.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
export const BUDGET = { totalGzip: 350 * 1024, wasmGzip: 200 * 1024 };

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value) => (value >= 100 ? `${value.toFixed(0)} ms` : value >= 1 ? `${value.toFixed(1)} ms` : `${(value * 1000).toFixed(1)} µs`);
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

/** The files the start page downloads, by role, and those loaded on first use, from the
 * build manifest (which fails if it and the files disagree). */
export function firstLoadFiles(dir = dist) {
  const manifest = readBuildManifest(dir);
  const firstLoad = Object.entries(ROLES).filter(([, r]) => r.firstLoad)
    .map(([role, { label }]) => ({ role: label, name: theOne(manifest, role) }));
  const later = [
    ...manifest.files.filter((f) => f.role === 'page-chunk').map((f) => ({
      role: `Page chunk: ${f.area.replaceAll('_', ' ')} (when first opened)`,
      name: f.path,
    })),
    ...['shared-chunk', 'echarts']
      .map((role) => ({ role: ROLES[role].label, name: withRole(manifest, role) })),
  ];
  return { firstLoad, later };
}

/** Every page chunk and shared chunk: what the size gate sums as "page chunks". */
export function chunkFiles(dir = dist) {
  const manifest = readBuildManifest(dir);
  return [...withRole(manifest, 'page-chunk'), ...withRole(manifest, 'shared-chunk')];
}

/** Raw, gzip and brotli sizes of a file, or the sums over several. */
export function sizes(name, dir = dist) {
  if (Array.isArray(name)) {
    return name.map((n) => sizes(n, dir)).reduce((sum, s) => ({
      raw: sum.raw + s.raw, gzip: sum.gzip + s.gzip, brotli: sum.brotli + s.brotli,
    }), { raw: 0, gzip: 0, brotli: 0 });
  }
  const bytes = readFileSync(path.join(dir, name));
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** Checks sizes against limits (gzip bytes); returns the lines that break them. */
export function overBudget(dir = dist, limits = BUDGET, what = 'budget') {
  const { firstLoad } = firstLoadFiles(dir);
  const total = firstLoad.reduce((sum, f) => sum + sizes(f.name, dir).gzip, 0);
  const wasm = sizes(firstLoad.find((f) => f.role === 'App WebAssembly').name, dir).gzip;
  const problems = [];
  if (total > limits.totalGzip) problems.push(`first-load transfer is ${kb(total)} gzip, over the ${kb(limits.totalGzip)} ${what}`);
  if (wasm > limits.wasmGzip) problems.push(`the app's WebAssembly is ${kb(wasm)} gzip, over the ${kb(limits.wasmGzip)} ${what}`);
  return problems;
}

function transferTable() {
  const { firstLoad, later } = firstLoadFiles();
  const lines = ['| File | Raw | gzip | brotli |', '| --- | ---: | ---: | ---: |'];
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const file of firstLoad) {
    const s = sizes(file.name);
    for (const k of Object.keys(total)) total[k] += s[k];
    lines.push(`| ${file.role} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} |`);
  }
  lines.push(`| **First load, total** | **${kb(total.raw)}** | **${kb(total.gzip)}** | **${kb(total.brotli)}** |`);
  for (const file of later) {
    const s = sizes(file.name);
    lines.push(`| ${file.role} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} |`);
  }
  return lines;
}

/** Milliseconds from navigation until `ready` holds in the page. */
async function timeTo(page, url, ready) {
  // From a blank page, so every run is a whole new navigation, never a hash change.
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(ready, null, { polling: 'raf' });
  return page.evaluate(() => performance.now());
}

const startReady = () => !!document.querySelector('a.button--start');
const questionReady = () => !!document.querySelector('input[name="rating"]');

/** Navigation to the first question of a new assessment, through the form, in the app. */
async function timeToFirstQuestion(page, origin) {
  await page.goto('about:blank');
  await page.goto(`${origin}/#/new`, { waitUntil: 'commit' });
  await page.waitForFunction(() => !!document.querySelector('#partnership'), null, { polling: 'raf' });
  await page.fill('#partnership', 'Benchmark CPP');
  await page.click('button[type="submit"]');
  await page.waitForFunction(() => !!document.querySelector('.task-list a'), null, { polling: 'raf' });
  await page.click('.task-list a');
  await page.waitForFunction(questionReady, null, { polling: 'raf' });
  return page.evaluate(() => performance.now());
}

/** Saves the page as it is now as plain HTML with no scripts: the floor to compare with. */
async function snapshot(page, file) {
  const html = await page.evaluate(() => {
    const copy = document.documentElement.cloneNode(true);
    copy.querySelectorAll('script, link[rel="modulepreload"], link[rel="preload"], link[rel="manifest"]').forEach((e) => e.remove());
    return `<!DOCTYPE html>\n${copy.outerHTML}`;
  });
  writeFileSync(file, html);
}

async function timings(browser, origin, floorDir) {
  // The floor pages: the app's own start and question pages, saved as static HTML.
  const setup = await browser.newContext({ serviceWorkers: 'block' });
  const page = await setup.newPage();
  await timeTo(page, `${origin}/`, startReady);
  await snapshot(page, path.join(floorDir, 'floor-start.html'));
  await timeToFirstQuestion(page, origin);
  await snapshot(page, path.join(floorDir, 'floor-question.html'));
  await setup.close();

  const cold = async (measure) => {
    const times = [];
    for (let i = 0; i < RUNS; i += 1) {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      times.push(await measure(await context.newPage()));
      await context.close();
    }
    return median(times);
  };
  const warm = async (measure) => {
    const context = await browser.newContext();
    const p = await context.newPage();
    await measure(p);
    // Let the service worker install and take over, as on a second visit.
    await p.evaluate(async () => {
      const registration = await navigator.serviceWorker?.getRegistration();
      if (registration) await navigator.serviceWorker.ready;
    });
    const times = [];
    for (let i = 0; i < RUNS; i += 1) times.push(await measure(p));
    await context.close();
    return median(times);
  };
  const floorOrigin = origin;
  const rows = [];
  for (const [label, app, floor] of [
    ['Start page, interactive', (p) => timeTo(p, `${origin}/`, startReady), (p) => timeTo(p, `${floorOrigin}/floor/floor-start.html`, startReady)],
    ['First question of a new assessment', (p) => timeToFirstQuestion(p, origin), (p) => timeTo(p, `${floorOrigin}/floor/floor-question.html`, questionReady)],
  ]) {
    for (const [cache, run] of [['cold', cold], ['warm', warm]]) {
      const ours = await run(app);
      const base = await run(floor);
      rows.push(`| ${label}, ${cache} cache | ${ms(ours)} | ${ms(base)} | ${(ours / base).toFixed(1)} |`);
    }
  }
  return ['| Navigation to … (median of ' + RUNS + ') | This app | Plain HTML floor | App / floor |', '| --- | ---: | ---: | ---: |', ...rows];
}

/** Peak JS heap while a board member rates all 33 expectations. */
async function peakHeap(browser, origin) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await context.addInitScript(() => {
    window.addEventListener('AppStarted', (event) => { window.appWasmMemory = event.detail.wasm.memory; });
  });
  const page = await context.newPage();
  const heap = () => page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0);
  let peak = 0;
  await timeToFirstQuestion(page, origin);
  for (let i = 0; i < 33; i += 1) {
    await page.waitForFunction(questionReady, null, { polling: 'raf' });
    const heading = await page.textContent('h1');
    await page.check('input[name="rating"] >> nth=2');
    peak = Math.max(peak, await heap());
    await page.click('button[type="submit"]');
    await page.waitForFunction((h) => document.querySelector('h1')?.textContent !== h, heading, { polling: 'raf' });
  }
  await page.click('text=See the results');
  await page.waitForSelector('#principle-profile-chart svg');
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

async function main() {
  const checkBudget = process.argv.includes('--check-budget');
  const lines = [`Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0].model.trim()}, headless Chromium, release build.`, ''];
  lines.push(...transferTable(), '');
  const problems = overBudget();
  lines.push(`Budget (gzip): first load ≤ ${kb(BUDGET.totalGzip)}, app WebAssembly ≤ ${kb(BUDGET.wasmGzip)}: ${problems.length ? `**over**: ${problems.join('; ')}` : 'within budget'}.`, '');

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
  try {
    lines.push(...await timings(browser, origin, path.join(site, 'floor')), '');
    const { peak, wasmMemory } = await peakHeap(browser, origin);
    lines.push(`Peak JavaScript heap during a whole assessment (33 ratings, then results with the chart): ${kb(peak)}${wasmMemory ? `; WebAssembly memory ${kb(wasmMemory)}` : ''}.`, '');
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
    rmSync(site, { recursive: true, force: true });
  }
  lines.push(...domainFigures());
  console.log(lines.join('\n'));
  if (checkBudget && problems.length) process.exit(1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main();
}
