// Makes the single-file edition from a release build in dist/: one .html file with the
// stylesheet, ECharts, the JavaScript glue and the WebAssembly with all its chunks (as
// base64) inlined, so it opens from file:// with no server, for emailing or a shared
// drive. The service worker, the manifest and the preload hints are left out: they need a
// web server.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

// The app's glue and its chunk loader become one inline module. The loader's chunks come
// from base64 text in the page instead of the network, decoded when first needed.
const unexport = (text) => text
  .replace(/^export (class|function|const|let|async function) /gm, '$1 ')
  .replace(/^export \{[^}]*\};?\s*$/gm, '');
const chunkPaths = [...withRole(manifest, 'page-chunk'), ...withRole(manifest, 'shared-chunk')];
// Keyed by the name the loader fetches, relative to itself.
const chunks = `const chunkBytes = {\n${chunkPaths.map((chunk) =>
  `  ${JSON.stringify(path.posix.basename(chunk))}: () => Uint8Array.from(atob('${read(chunk).toString('base64')}'), (c) => c.charCodeAt(0)),`).join('\n')}\n};`;
const splitLoader = unexport(read(file('chunk-loader')).toString('utf8'))
  .replace(/^import \{ initSync \} from "\.\/app\.js";?\s*$/m, '')
  .replace(/fetch\(new URL\("\.\/([^"]+\.wasm)", import\.meta\.url\)\)/g,
    (_, name) => `Promise.resolve(new Response(chunkBytes[${JSON.stringify(name)}](), { headers: { 'Content-Type': 'application/wasm' } }))`);
const splitExports = [...splitLoader.matchAll(/^const (__wasm_split_load_\w+) =/gm)].map(([, name]) => name);
const glue = unexport(read(file('app-glue')).toString('utf8'))
  .replace(/^import \* as (\w+) from "\.\/__wasm_split\.js";?\s*$/gm, (_, name) => `const ${name} = { ${splitExports.join(', ')} };`);
for (const [what, text] of [['chunk loader', splitLoader], ['glue', glue]]) {
  if (/^(export|import) /m.test(text)) throw new Error(`the ${what} has an import or export this script does not handle`);
}
if (/import\.meta|fetch\(/.test(splitLoader)) throw new Error('the chunk loader still fetches from the network');
const loader = `${chunks}
${splitLoader}
${glue}
const wasmBytes = Uint8Array.from(atob('${read(file('app-wasm')).toString('base64')}'), (c) => c.charCodeAt(0));
const instance = await __wbg_init({ module_or_path: wasmBytes });
dispatchEvent(new CustomEvent('AppStarted', { detail: { wasm: instance } }));
`;

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
// The policy allowed the page's loader by hash; allow the inlined scripts instead.
replaceOnce(/'sha256-[^']+'(\s+'sha256-[^']+')*/, PLACEHOLDER);
html = html.replace(PLACEHOLDER, inlineScriptHashes(html));

mkdirSync(outDir, { recursive: true });
const out = path.join(outDir, 'cpp-self-assessment.html');
writeFileSync(out, html);
console.log(`${path.relative(root, out)}: ${(Buffer.byteLength(html) / 1024 / 1024).toFixed(1)} MB`);
