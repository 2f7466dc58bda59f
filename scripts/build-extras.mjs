// Builds the extras module (src/extras.rs) into public/extras/ before every site build, as
// wasm-bindgen's classic-script output, so the app can add it with a <script> tag on first
// use. It has no split points; scripts/wasm-build.mjs has the steps.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cargoBuild, root, splitAndBind } from './wasm-build.mjs';

// Without the user interface, whose page chunks would otherwise come along (src/lib.rs).
splitAndBind(cargoBuild('cpp-self-assessment-extras', ['--no-default-features']), {
  name: 'extras',
  bindgenArgs: ['--target', 'no-modules', '--no-modules-global', 'cppExtras'],
  outDir: path.join(root, 'public', 'extras'),
  keep: (file) => ['extras.js', 'extras_bg.wasm'].includes(file),
  finish: (work) => {
    // The output declares `let cppExtras`, which a classic script does not put on
    // `window`; the app looks for it there.
    const glue = path.join(work, 'extras.js');
    writeFileSync(glue, `${readFileSync(glue, 'utf8')}\nglobalThis.cppExtras = cppExtras;\n`);
  },
});
