// Builds the extras module (src/extras.rs) into public/extras/ before every site build:
// cargo for the WebAssembly target, wasm-bindgen's classic-script output (so the app can
// add it with a <script> tag on first use), and wasm-opt for release builds. Trunk passes
// the profile in TRUNK_PROFILE; run by hand it builds for release.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const release = (process.env.TRUNK_PROFILE ?? 'release') === 'release';
const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] }).toString();

const bin = 'cpp-self-assessment-extras';
run('cargo', ['build', '--target', 'wasm32-unknown-unknown', '--bin', bin, ...(release ? ['--release'] : [])]);
const targetDir = JSON.parse(run('cargo', ['metadata', '--format-version', '1', '--no-deps'])).target_directory;
const built = path.join(targetDir, 'wasm32-unknown-unknown', release ? 'release' : 'debug', `${bin}.wasm`);

const work = mkdtempSync(path.join(tmpdir(), 'extras-'));
try {
  run('wasm-bindgen', ['--target', 'no-modules', '--no-modules-global', 'cppExtras', '--no-typescript',
    '--out-dir', work, '--out-name', 'extras', built]);
  const wasm = path.join(work, 'extras_bg.wasm');
  if (release) {
    // The features Rust's WebAssembly target uses by default, so wasm-opt accepts the file.
    run('wasm-opt', ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
      '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue', wasm, '-o', wasm]);
  }
  // The output declares `let cppExtras`, which a classic script does not put on `window`;
  // the app looks for it there.
  const glue = `${readFileSync(path.join(work, 'extras.js'), 'utf8')}\nglobalThis.cppExtras = cppExtras;\n`;
  writeFileSync(path.join(work, 'extras.js'), glue);

  // Written only when changed, so a watching dev server is not sent round again.
  const out = path.join(root, 'public', 'extras');
  mkdirSync(out, { recursive: true });
  for (const name of ['extras.js', 'extras_bg.wasm']) {
    const next = readFileSync(path.join(work, name));
    const target = path.join(out, name);
    if (!existsSync(target) || !next.equals(readFileSync(target))) writeFileSync(target, next);
  }
  for (const stale of readdirSync(out).filter((n) => !['extras.js', 'extras_bg.wasm'].includes(n))) {
    rmSync(path.join(out, stale));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
