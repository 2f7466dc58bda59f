// Builds the app (src/main.rs) into public/app/<version>/ before every site build: the main
// module, started by the loader in index.html, and one chunk per `wasm_split` function,
// which the app fetches the first time it is needed (through wasm-split-cli's
// `__wasm_split.js`). The files import each other by fixed names, so the folder is named by
// their content instead: a browser never mixes files of two versions. scripts/post-build.mjs
// points index.html at the folder; scripts/wasm-build.mjs has the steps.
//
// The ballot-code reader, a module of its own run in a Web Worker, goes into the same
// folder (`buildCodeReader`).
//
// The shared chunks wasm-split-cli makes (code several page chunks use) are stored in a
// few pack files (scripts/pack-chunks.mjs), so a page fetches a few files, not dozens.
//
// Beside the files it writes `build.json`, naming each: the main module, its glue, the
// chunk loader, each page chunk by its `wasm_split` function, the packs of shared chunks,
// and the code reader's worker, glue and WebAssembly. The
// site's build manifest (scripts/build-manifest.mjs) is made from it.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { APP_FILES } from './build-manifest.mjs';
import { packSharedChunks } from './pack-chunks.mjs';
import { buildCodeReader, cargoBuild, CODE_READER, root, splitAndBind } from './wasm-build.mjs';

const MAIN = 'app_bg.wasm';
const GLUE = 'app.js';
const LOADER = '__wasm_split.js';

/** Names every file wasm-split-cli made, with the shared chunks in packs (and the packs
 * each page chunk needs); fails on one it does not know, or one its loader never fetches. */
function describe(work, { packs: shared, needs }) {
  const chunks = {};
  for (const file of readdirSync(work).filter((f) => f.endsWith('.wasm') && f !== MAIN).sort()) {
    const area = file.match(/^split_(\w+)\.wasm$/)?.[1];
    if (area) chunks[area] = file;
    else throw new Error(`wasm-split-cli made ${file}, which this build does not know`);
  }
  const fetched = new Set([...readFileSync(path.join(work, LOADER), 'utf8').matchAll(/"\.\/([\w.]+\.wasm)"|"([\w.]+\.pack)"/g)].map(([, wasm, pack]) => wasm ?? pack));
  const made = [...Object.values(chunks), ...shared];
  const differ = [...made.filter((f) => !fetched.has(f)), ...[...fetched].filter((f) => !made.includes(f))];
  if (!made.length || differ.length) throw new Error(`the chunk loader and the chunks made disagree: ${differ.join(', ') || 'no chunks'}`);
  writeFileSync(path.join(work, APP_FILES), `${JSON.stringify({ main: MAIN, glue: GLUE, loader: LOADER, chunks, shared, needs, codeReader: CODE_READER }, null, 2)}\n`);
}

splitAndBind(cargoBuild('cpp-self-assessment'), {
  name: 'app',
  // The chunks link against the main module's exports, which wasm-bindgen would drop.
  bindgenArgs: ['--target', 'web', '--keep-lld-exports'],
  outDir: path.join(root, 'public', 'app'),
  versioned: true,
  // Described first: the code reader's files are not wasm-split-cli's.
  finish: (work) => {
    describe(work, packSharedChunks(work, LOADER));
    buildCodeReader(work);
  },
  keep: (file) => [GLUE, LOADER, APP_FILES, CODE_READER.worker, CODE_READER.glue].includes(file) || file.endsWith('.wasm') || file.endsWith('.pack'),
});
