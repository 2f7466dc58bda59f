// Builds the app (src/main.rs) into public/app/<version>/ before every site build: the main
// module, started by the loader in index.html, and one chunk per `wasm_split` function,
// which the app fetches the first time it is needed (through wasm-split-cli's
// `__wasm_split.js`). The files import each other by fixed names, so the folder is named by
// their content instead: a browser never mixes files of two versions. scripts/post-build.mjs
// points index.html at the folder; scripts/wasm-build.mjs has the steps.
import path from 'node:path';
import { cargoBuild, root, splitAndBind } from './wasm-build.mjs';

splitAndBind(cargoBuild('cpp-self-assessment'), {
  name: 'app',
  // The chunks link against the main module's exports, which wasm-bindgen would drop.
  bindgenArgs: ['--target', 'web', '--keep-lld-exports'],
  outDir: path.join(root, 'public', 'app'),
  versioned: true,
  keep: (file) => file === 'app.js' || file === '__wasm_split.js' || file.endsWith('.wasm'),
});
