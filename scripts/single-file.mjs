// Makes the single-file edition from a release build in dist/: one .html file with the
// stylesheet, ECharts, the JavaScript glue and the WebAssembly with all its chunks (as
// base64), and the ballot-code reader's worker, inlined, so it opens from file:// with no server, for emailing or a shared
// drive. The service worker, the manifest and the preload hints are left out: they need a
// web server.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { PLACEHOLDER, inlineScriptHashes } from './csp-hashes.mjs';
import { readBuildManifest, theOne, withRole } from './build-manifest.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const outDir = process.argv[2] ?? path.join(root, 'dist-single');
// Which file is which comes from the build manifest, which fails if it and dist/ disagree.
const manifest = readBuildManifest(dist);
const file = (role) => theOne(manifest, role);
const read = (name) => readFileSync(path.join(dist, name));
// Text inside an inline <script> must not close the element early.
const scriptSafe = (text) => text.replace(/<\/script/gi, '<\\/script');

// The app's glue and its chunk loader are bundled by esbuild into one inline module. The
// loader's `fetch` is, inside the bundle only, a function that hands back each chunk from
// base64 text in the page, so nothing is fetched from the network and the generated code
// is bundled as it is, not rewritten.
const chunkPaths = [...withRole(manifest, 'page-chunk'), ...withRole(manifest, 'shared-chunk')];
const work = mkdtempSync(path.join(tmpdir(), 'single-file-'));
const chunkFetch = path.join(work, 'chunk-fetch.mjs');
writeFileSync(chunkFetch, `// Keyed by the name the loader fetches, relative to itself.
const encoded = {
${chunkPaths.map((chunk) => `  ${JSON.stringify(path.posix.basename(chunk))}: '${read(chunk).toString('base64')}',`).join('\n')}
};
export function fetch(url) {
  const name = new URL(url).pathname.split('/').pop();
  if (!Object.hasOwn(encoded, name)) return Promise.reject(new Error(\`\${name} is not part of this file\`));
  const bytes = Uint8Array.from(atob(encoded[name]), (c) => c.charCodeAt(0));
  return Promise.resolve(new Response(bytes, { headers: { 'Content-Type': 'application/wasm' } }));
}
`);
// The ballot-code reader's Web Worker, bundled with its glue, its WebAssembly set before it
// runs, and started from a blob: the page has no file for it to be fetched from.
const reader = await build({
  entryPoints: [path.join(dist, file('code-reader-worker'))],
  bundle: true,
  format: 'iife',
  target: 'es2022',
  banner: { js: `self.codeReaderWasm = Uint8Array.from(atob('${read(file('code-reader-wasm')).toString('base64')}'), (c) => c.charCodeAt(0));` },
  write: false,
  logLevel: 'error',
});
const entry = path.join(work, 'entry.mjs');
writeFileSync(entry, `const codeReader = ${JSON.stringify(reader.outputFiles[0].text)};
globalThis.cppCodeReader = () => new Worker(URL.createObjectURL(new Blob([codeReader], { type: 'text/javascript' })));
import init from ${JSON.stringify(path.join(dist, file('app-glue')))};
const wasmBytes = Uint8Array.from(atob('${read(file('app-wasm')).toString('base64')}'), (c) => c.charCodeAt(0));
const wasm = await init({ module_or_path: wasmBytes });
dispatchEvent(new CustomEvent('AppStarted', { detail: { wasm } }));
`);
const bundled = await build({
  entryPoints: [entry],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  inject: [chunkFetch],
  write: false,
  logLevel: 'error',
}).finally(() => rmSync(work, { recursive: true, force: true }));
const loader = bundled.outputFiles[0].text;
if (/^\s*(import|export)\b/m.test(loader)) throw new Error('the bundled loader still imports or exports');
if (/\bglobalThis\.fetch\b|\bwindow\.fetch\b/.test(loader)) throw new Error('the bundled loader reaches the network');

let html = read('index.html').toString('utf8');
const replaceOnce = (pattern, replacement) => {
  if (!pattern.test(html)) throw new Error(`index.html has nothing matching ${pattern}`);
  html = html.replace(pattern, typeof replacement === 'function' ? replacement : () => replacement);
};
replaceOnce(/<link rel="stylesheet" href="\.\/[^"]+"[^>]*\/?>/, `<style>${read(file('stylesheet'))}</style>`);
replaceOnce(/<link rel="icon" href="\.\/([^"]+)"[^>]*\/?>/,
  (_, icon) => `<link rel="icon" href="data:image/svg+xml;base64,${read(icon).toString('base64')}">`);
// The app loads ECharts when a page first shows a chart; here it is part of the page, and
// the app finds it already there.
replaceOnce(/<\/head>/, `<script>${scriptSafe(read(file('echarts')).toString('utf8'))}</script></head>`);
replaceOnce(/<script src="\.\/register-service-worker-[0-9a-f]+\.js"[^>]*><\/script>\s*/, '');
replaceOnce(/<link rel="manifest"[^>]*>\s*/, '');
replaceOnce(/<script type="module">[\s\S]*?<\/script>/, `<script type="module">${scriptSafe(loader)}</script>`);
html = html.replace(/<link rel="(modulepreload|preload)"[^>]*>/g, '');
html = html.replace(/<link data-trunk rel="rust"[^>]*>\s*/, '');
// The policy allowed the page's loader by hash; allow the inlined scripts instead, and the
// code reader's worker, which starts from a blob.
replaceOnce(/'sha256-[^']+'(\s+'sha256-[^']+')*/, PLACEHOLDER);
replaceOnce(/connect-src 'self';/, "connect-src 'self'; worker-src blob:;");
html = html.replace(PLACEHOLDER, inlineScriptHashes(html));

mkdirSync(outDir, { recursive: true });
const out = path.join(outDir, 'cpp-self-assessment.html');
writeFileSync(out, html);
console.log(`${path.relative(root, out)}: ${(Buffer.byteLength(html) / 1024 / 1024).toFixed(1)} MB`);
