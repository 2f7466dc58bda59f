// Run by the test suite after the release build. Fails if the first load, the app's
// WebAssembly or the first question of a new assessment (the first load and the chunks it
// needs) is over the budget (`BUDGET` in bench/sizes.mjs), or if any of them, or the page
// chunks in all (loaded on first use), grew past today's sizes (scripts/size-ceiling.json,
// a ratchet), so no large dependency slips in unnoticed. Lower the ceiling whenever the
// app shrinks. The files are the build manifest's, which fails if it and the built files
// disagree, so a renamed or missing file stops the check instead of being summed as nothing.
import { readFileSync } from 'node:fs';
import { chunkFiles, overBudget, sizes } from './bench/sizes.mjs';

const ceiling = JSON.parse(readFileSync(new URL('./size-ceiling.json', import.meta.url), 'utf8'));
const problems = [
  ...overBudget(),
  ...overBudget(undefined, {
    totalGzip: ceiling.first_load_gzip_bytes,
    wasmGzip: ceiling.app_wasm_gzip_bytes,
    firstQuestionGzip: ceiling.first_question_gzip_bytes,
  }, 'size ceiling'),
];
const chunks = sizes(chunkFiles()).gzip;
if (chunks > ceiling.page_chunks_gzip_bytes) {
  problems.push(`the page chunks are ${(chunks / 1024).toFixed(1)} KB gzip in all, over the ${(ceiling.page_chunks_gzip_bytes / 1024).toFixed(1)} KB size ceiling`);
}
if (problems.length) {
  console.error(`The build grew: ${problems.join('; ')}. Find what was added (twiggy top on the wasm), or raise the ceiling in scripts/size-ceiling.json only if the growth is worth it and the budget still holds.`);
  process.exit(1);
}
console.log('Sizes are within the budget and the ceiling.');
