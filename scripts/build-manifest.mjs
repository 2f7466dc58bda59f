// The build's description of itself: every file of a built site with its role, written
// once by the post-build step (`build-manifest.json`), and read by everything that needs
// to know the files: the service worker's precache list, the single-file edition, the
// benchmark and the size gate. The app's own files are named by its build
// (`app/<version>/build.json`, from scripts/build-app.mjs); the rest come from the page's
// own references and the files index.html asks Trunk to copy. Reading fails if the
// manifest and the files disagree, or if a role the app cannot start without is empty, so
// nothing that relies on it can pass on an empty or stale list.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const MANIFEST = 'build-manifest.json';
/** Written by scripts/build-app.mjs beside the app's files. */
export const APP_FILES = 'build.json';

/** Every file under `dir`, as paths relative to `base` with forward slashes. */
function filesUnder(dir, base = dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

/** The roles, in the order the benchmark lists them; `firstLoad` ones come with the page. */
export const ROLES = {
  page: { label: 'HTML', firstLoad: true },
  'app-wasm': { label: 'App WebAssembly', firstLoad: true },
  'app-glue': { label: 'App JavaScript (glue)', firstLoad: true },
  'chunk-loader': { label: 'Page chunk loader', firstLoad: true },
  'service-worker-registration': { label: 'Service worker registration', firstLoad: true },
  stylesheet: { label: 'CSS', firstLoad: true },
  'page-chunk': { label: 'Page chunk', firstLoad: false },
  'shared-chunk': { label: 'Code shared by page chunks, in packs (with the first page that needs each)', firstLoad: false },
  echarts: { label: 'ECharts (with the first chart)', firstLoad: false },
  'code-reader-worker': { label: 'Ballot-code reader: its Web Worker (when the camera starts)', firstLoad: false },
  'code-reader-glue': { label: 'Ballot-code reader: JavaScript glue', firstLoad: false },
  'code-reader-wasm': { label: 'Ballot-code reader: WebAssembly', firstLoad: false },
  icon: { label: 'Icons', firstLoad: false },
  'web-manifest': { label: 'Web app manifest', firstLoad: false },
  'app-files': { label: "The app build's list of its files", firstLoad: false },
};
/** Roles the app cannot work without: an empty one means the build went wrong. */
const REQUIRED = ['page', 'app-wasm', 'app-glue', 'chunk-loader', 'page-chunk', 'shared-chunk', 'stylesheet', 'echarts',
  'code-reader-worker', 'code-reader-glue', 'code-reader-wasm'];
/** Files the service worker writes after the manifest, and the manifest itself. */
const NOT_LISTED = new Set(['sw.js', MANIFEST]);

/** The page's reference to one of its own files, e.g. the stylesheet's hashed name. */
function referenced(html, pattern, what) {
  const match = html.match(pattern);
  if (!match) throw new Error(`index.html does not reference ${what}`);
  return match[1];
}

/** Writes the manifest of the built site in `site`, and returns it. */
export function writeBuildManifest(site) {
  const appFolders = readdirSync(path.join(site, 'app'));
  if (appFolders.length !== 1) throw new Error(`${site}/app should hold one version of the app, not ${appFolders.length}`);
  const app = `app/${appFolders[0]}`;
  const built = JSON.parse(readFileSync(path.join(site, app, APP_FILES), 'utf8'));
  const html = readFileSync(path.join(site, 'index.html'), 'utf8');
  const roles = new Map([
    ['index.html', { role: 'page' }],
    [`${app}/${built.main}`, { role: 'app-wasm' }],
    [`${app}/${built.glue}`, { role: 'app-glue' }],
    [`${app}/${built.loader}`, { role: 'chunk-loader' }],
    [`${app}/${APP_FILES}`, { role: 'app-files' }],
    ...Object.entries(built.chunks).map(([area, file]) => [`${app}/${file}`, {
      role: 'page-chunk',
      area,
      shared: built.needs[area].map((pack) => `${app}/${pack}`),
    }]),
    ...built.shared.map((file) => [`${app}/${file}`, { role: 'shared-chunk' }]),
    [`${app}/${built.codeReader.worker}`, { role: 'code-reader-worker' }],
    [`${app}/${built.codeReader.glue}`, { role: 'code-reader-glue' }],
    [`${app}/${built.codeReader.wasm}`, { role: 'code-reader-wasm' }],
    [referenced(html, /<script src="\.\/(register-service-worker-[0-9a-f]+\.js)"/, 'the service worker registration'), { role: 'service-worker-registration' }],
    [referenced(html, /<link rel="stylesheet" href="\.\/(style-[0-9a-f]+\.css)"/, 'its stylesheet'), { role: 'stylesheet' }],
    [referenced(html, /<link rel="icon" href="\.\/(favicon-[0-9a-f]+\.svg)"/, 'its icon'), { role: 'icon' }],
    // Copied by Trunk as index.html asks (`copy-file`, `copy-dir`).
    ['echarts.js', { role: 'echarts' }],
    ['favicon.svg', { role: 'icon' }],
    ['manifest.webmanifest', { role: 'web-manifest' }],
    ...filesUnder(path.join(site, 'icons')).map((file) => [`icons/${file}`, { role: 'icon' }]),
  ]);
  const manifest = {
    app,
    files: [...roles].map(([file, about]) => ({ path: file, ...about })).sort((a, b) => a.path.localeCompare(b.path)),
  };
  check(site, manifest);
  writeFileSync(path.join(site, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Throws unless the manifest lists exactly the site's files and every required role. */
function check(site, manifest) {
  const listed = new Set(manifest.files.map((f) => f.path));
  const present = filesUnder(site).filter((f) => !NOT_LISTED.has(f));
  const missing = [...listed].filter((f) => !existsSync(path.join(site, f)));
  const unlisted = present.filter((f) => !listed.has(f));
  const empty = REQUIRED.filter((role) => !manifest.files.some((f) => f.role === role));
  const packs = new Set(manifest.files.filter((f) => f.role === 'shared-chunk').map((f) => f.path));
  const unknownPacks = manifest.files.flatMap((f) => f.shared ?? []).filter((pack) => !packs.has(pack));
  const problems = [
    unknownPacks.length && `a page chunk needs what is not a shared chunk: ${unknownPacks.join(', ')}`,
    missing.length && `listed but not built: ${missing.join(', ')}`,
    unlisted.length && `built but not listed: ${unlisted.join(', ')}`,
    empty.length && `no file for: ${empty.join(', ')}`,
  ].filter(Boolean);
  if (problems.length) throw new Error(`The build manifest and the built files disagree (${site}): ${problems.join('; ')}`);
}

/** The manifest of the built site in `site`, checked against its files. */
export function readBuildManifest(site) {
  const file = path.join(site, MANIFEST);
  if (!existsSync(file)) throw new Error(`${file} is missing: build the release site first (trunk build --release)`);
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  check(site, manifest);
  return manifest;
}

/** The paths with this role. */
export const withRole = (manifest, role) => manifest.files.filter((f) => f.role === role).map((f) => f.path);

/** The one path with this role. */
export function theOne(manifest, role) {
  const [only, ...more] = withRole(manifest, role);
  if (!only || more.length) throw new Error(`the build manifest should list one ${role}, not ${more.length + (only ? 1 : 0)}`);
  return only;
}
