// The steps the app's WebAssembly goes through (scripts/build-app.mjs): cargo for the
// WebAssembly target; wasm-split-cli, which cuts
// the module at its `wasm_split` functions and drops the link-time relocation data that
// `.cargo/config.toml` asks the linker to keep for it; wasm-bindgen; and, for release
// builds, wasm-opt. Trunk passes the profile in TRUNK_PROFILE; run by hand, release.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const release = (process.env.TRUNK_PROFILE ?? 'release') === 'release';

export const run = (command, args, env = process.env) =>
  execFileSync(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env }).toString();

/** Cargo's target folder, wherever CARGO_TARGET_DIR or the configuration puts it. */
const targetDirectory = () =>
  JSON.parse(run('cargo', ['metadata', '--format-version', '1', '--no-deps'])).target_directory;

/** Builds one binary of the crate for the browser and returns its .wasm file. */
export function cargoBuild(bin, cargoArgs = []) {
  run('cargo', ['build', '--target', 'wasm32-unknown-unknown', '--bin', bin, ...cargoArgs, ...(release ? ['--release'] : [])]);
  return path.join(targetDirectory(), 'wasm32-unknown-unknown', release ? 'release' : 'debug', `${bin}.wasm`);
}

/**
 * Splits, binds and (for release) optimises `built` in a scratch folder, hands that folder
 * to `finish` (which may edit the files), then copies `keep(name)` files into `outDir`, or,
 * with `versioned`, into a folder of `outDir` named by their content.
 */
export function splitAndBind(built, { name, bindgenArgs, outDir, keep, versioned = false, finish = () => {} }) {
  const work = mkdtempSync(path.join(tmpdir(), `${name}-`));
  try {
    run('wasm-split-cli', [built, work, '--target', 'web', '--out-name', name]);
    const main = path.join(work, `${name}.wasm`);
    run('wasm-bindgen', [...bindgenArgs, '--no-typescript', '--out-dir', work, '--out-name', name, main]);
    rmSync(main);
    for (const file of readdirSync(work).filter((f) => f.endsWith('.wasm'))) optimise(path.join(work, file));
    finish(work);
    const names = readdirSync(work).filter(keep).sort();
    if (versioned) {
      const hash = createHash('sha256');
      for (const file of names) hash.update(file).update(readFileSync(path.join(work, file)));
      const version = hash.digest('hex').slice(0, 16);
      writeChanged(work, path.join(outDir, version), names);
      for (const stale of readdirSync(outDir).filter((n) => n !== version)) {
        rmSync(path.join(outDir, stale), { recursive: true, force: true });
      }
    } else {
      writeChanged(work, outDir, names);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** For release builds, wasm-opt on one module, in place. */
function optimise(file) {
  if (!release) return;
  // The features Rust's WebAssembly target uses by default, so wasm-opt accepts them.
  run('wasm-opt', ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
    '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue', file, '-o', file]);
}

/** The ballot-code reader's files, as they sit beside the app's: its Web Worker, the
 * worker's glue and its WebAssembly. */
export const CODE_READER = { worker: 'qr_worker.js', glue: 'qr_reader.js', wasm: 'qr_reader_bg.wasm' };

/**
 * Builds the ballot-code reader (crates/qr-reader), a module of its own for its Web Worker,
 * into `work`: cargo, wasm-bindgen and wasm-opt, and the worker script. It is built without
 * the relocation data `.cargo/config.toml` asks for (only wasm-split-cli needs it, and the
 * reader is not split), in a target folder of its own, so neither build undoes the other's.
 */
export function buildCodeReader(work) {
  const readerTarget = `${targetDirectory()}-code-reader`;
  run('cargo', ['build', '--target', 'wasm32-unknown-unknown', '-p', 'cpp-qr-reader', '--lib', ...(release ? ['--release'] : [])],
    { ...process.env, RUSTFLAGS: '', CARGO_TARGET_DIR: readerTarget });
  const built = path.join(readerTarget, 'wasm32-unknown-unknown', release ? 'release' : 'debug', 'cpp_qr_reader.wasm');
  const name = CODE_READER.glue.replace(/\.js$/, '');
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', work, '--out-name', name, built]);
  optimise(path.join(work, CODE_READER.wasm));
  copyFileSync(path.join(root, 'crates', 'qr-reader', 'worker.js'), path.join(work, CODE_READER.worker));
}

/** Copies `names` from `from` into `outDir`, writing only what changed (so a watching dev
 * server is not sent round again) and removing anything else there. */
function writeChanged(from, outDir, names) {
  mkdirSync(outDir, { recursive: true });
  for (const name of names) {
    const next = readFileSync(path.join(from, name));
    const target = path.join(outDir, name);
    if (!existsSync(target) || !next.equals(readFileSync(target))) writeFileSync(target, next);
  }
  for (const stale of readdirSync(outDir).filter((n) => !names.includes(n))) {
    rmSync(path.join(outDir, stale));
  }
}

/** The folder of the built app's files in a built site: `app/<version>`, relative. */
export function builtAppFolder(site) {
  const versions = readdirSync(path.join(site, 'app'));
  if (versions.length !== 1) throw new Error(`${site}/app should hold one version of the app, not ${versions.length}`);
  return `app/${versions[0]}`;
}
