// Run by the test suite after the release build: fails if the first load, the app's
// WebAssembly or the extras module (loaded on first use) grew past today's sizes
// (scripts/size-ceiling.json), so no large dependency slips in unnoticed. This is a
// ratchet, not the budget (350 KB / 200 KB gzip), which `node scripts/bench.mjs
// --check-budget` checks and the app does not meet yet. Lower the ceiling whenever the
// app shrinks.
import { readFileSync } from 'node:fs';
import { overBudget, sizes } from './bench.mjs';

const ceiling = JSON.parse(readFileSync(new URL('./size-ceiling.json', import.meta.url), 'utf8'));
const problems = overBudget(undefined, { totalGzip: ceiling.first_load_gzip_bytes, wasmGzip: ceiling.app_wasm_gzip_bytes }, 'size ceiling');
// The extras module is not part of the first load, but someone waits for it too.
const extras = sizes('extras/extras_bg.wasm').gzip;
if (extras > ceiling.extras_wasm_gzip_bytes) {
  problems.push(`the extras module's WebAssembly is ${(extras / 1024).toFixed(1)} KB gzip, over the ${(ceiling.extras_wasm_gzip_bytes / 1024).toFixed(1)} KB size ceiling`);
}
if (problems.length) {
  console.error(`The build grew: ${problems.join('; ')}. Find what was added (twiggy top on the wasm), or raise the ceiling in scripts/size-ceiling.json only if the growth is worth it.`);
  process.exit(1);
}
console.log('Sizes are within the ceiling.');
