// Packs the shared chunks wasm-split-cli makes into a few files (scripts/build-app.mjs).
//
// wasm-split-cli puts the code several page chunks share into one small module per set of
// pages that share it: about two hundred, most under 2 KB, and the new-assessment pages
// alone need nearly ninety of them. Fetched one by one, they cost more in requests than in
// bytes. So the modules are stored back to back in a few pack files, and the chunk loader
// fetches each pack once and hands every module in it to WebAssembly from memory; the
// modules themselves, and how they link, are unchanged. A pack starts with its index: the
// number of modules, then each one's length, as 32-bit little-endian numbers; the loader
// names a module by its pack and place, so the first load carries no offsets.
//
// Which modules share a pack: starting from one pack per module, the two packs whose
// merging costs least are merged, for as long as it saves more than it costs. Merging two
// packs costs, for every page that needs one and not the other, the bytes (gzip) it would
// download without using them, and saves a request (counted as REQUEST_WORTH bytes) for
// every page that needs both. Packs the first question of a new assessment needs
// (`PROTECTED`) never merge with packs it does not need, so the first question downloads
// nothing it does not use.
//
// The loader also gains `cppPrefetchSplit(name)`: the app asks for a page's chunk when
// the browser is idle, before the person opens the page.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** A request saved is worth this many bytes (gzip) downloaded and not used. */
const REQUEST_WORTH = 4096;
/** The chunk whose packs hold nothing else: the first question of a new assessment. */
const PROTECTED = 'assessment_pages';

const CHUNK = /const __chunk_(\d+) = makeLoad\(\(\) => \{\n {4}const src = fetch\(new URL\("\.\/(chunk_\d+\.wasm)", import\.meta\.url\)\);/g;
const SPLIT = /export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(\(\) => \{[\s\S]*?\n\}\n, \[(.*?)\]\)\);/g;

/** The loader's shared chunks, and each `wasm_split` function's list of them. */
function readLoader(source) {
  const chunks = new Map([...source.matchAll(CHUNK)].map(([, n, file]) => [`__chunk_${n}`, file]));
  const splits = new Map([...source.matchAll(SPLIT)].map(([, name, deps]) => [
    name,
    deps.split(',').map((d) => d.trim()).filter(Boolean).map((d) => {
      if (!chunks.has(d)) throw new Error(`the chunk loader's ${name} needs ${d}, which it does not define`);
      return chunks.get(d);
    }),
  ]));
  if (!chunks.size || !splits.has(PROTECTED)) throw new Error('the chunk loader does not look as wasm-split-cli writes it');
  return { chunks: [...chunks.values()], splits };
}

const usersOf = (mask) => { let n = 0; for (let m = mask; m; m &= m - 1) n += 1; return n; };

/** Groups `chunks` (each with `size` and a bit `mask` of the splits that need it) into packs. */
export function groupChunks(chunks, protectedBit) {
  let packs = chunks.map((c) => ({ files: [c.file], mask: c.mask, size: c.size }));
  const cost = (a, b) => {
    if ((a.mask & protectedBit) !== (b.mask & protectedBit)) return Infinity;
    return usersOf(a.mask & ~b.mask) * b.size + usersOf(b.mask & ~a.mask) * a.size - REQUEST_WORTH * usersOf(a.mask & b.mask);
  };
  for (;;) {
    let best = null;
    for (let i = 0; i < packs.length; i += 1) {
      for (let j = i + 1; j < packs.length; j += 1) {
        const c = cost(packs[i], packs[j]);
        if (!best || c < best.cost) best = { i, j, cost: c };
      }
    }
    if (!best || best.cost > 0) return packs;
    const [a, b] = [packs[best.i], packs[best.j]];
    packs = packs.filter((_, k) => k !== best.i && k !== best.j);
    packs.push({ files: [...a.files, ...b.files], mask: a.mask | b.mask, size: a.size + b.size });
  }
}

/** A pack: its index, then its modules. */
export function writePack(modules) {
  const index = Buffer.alloc(4 * (modules.length + 1));
  index.writeUInt32LE(modules.length, 0);
  modules.forEach((module, i) => index.writeUInt32LE(module.length, 4 * (i + 1)));
  return Buffer.concat([index, ...modules]);
}

/** The loader's own code for packs: fetching a pack once (a failed fetch is tried again
 * next time) and finding a module in it, and prefetching a split when the browser is idle. */
function prelude() {
  return `// Added by scripts/pack-chunks.mjs: the shared chunks are stored in packs.
const packs = new Map();
function fetchShared(pack, place) {
    let modules = packs.get(pack);
    if (modules === undefined) {
        modules = fetch(new URL("./" + pack, import.meta.url)).then((response) => {
            if (!response.ok) throw new Error(\`\${pack}: \${response.status}\`);
            return response.arrayBuffer();
        }).then((buffer) => {
            const index = new DataView(buffer);
            const count = index.getUint32(0, true);
            const found = [];
            let offset = 4 * (count + 1);
            for (let i = 1; i <= count; i += 1) {
                const length = index.getUint32(4 * i, true);
                found.push(new Uint8Array(buffer, offset, length));
                offset += length;
            }
            return found;
        });
        modules.catch(() => { if (packs.get(pack) === modules) packs.delete(pack); });
        packs.set(pack, modules);
    }
    return modules.then((found) => new Response(found[place], { headers: { "Content-Type": "application/wasm" } }));
}
const splitLoads = {};
globalThis.cppPrefetchSplit = (name) => {
    const idle = globalThis.requestIdleCallback ?? ((run) => setTimeout(run, 200));
    idle(() => splitLoads[name]?.().catch(() => {}));
};
`;
}

/**
 * Packs the shared chunks in `work` (wasm-split-cli's output, after wasm-opt), rewrites the
 * loader to read them from the packs, and removes the separate files. Returns the packs'
 * names, and the packs each `wasm_split` function needs.
 */
export function packSharedChunks(work, loaderFile) {
  const loaderPath = path.join(work, loaderFile);
  let source = readFileSync(loaderPath, 'utf8');
  const { chunks, splits } = readLoader(source);
  const names = [...splits.keys()];
  if (names.length > 30) throw new Error(`${names.length} wasm_split functions: too many for a bit mask`);
  const described = chunks.map((file) => ({
    file,
    size: gzipSync(readFileSync(path.join(work, file)), { level: 9 }).length,
    mask: names.reduce((mask, name, bit) => (splits.get(name).includes(file) ? mask | (1 << bit) : mask), 0),
  }));
  const unused = described.filter((c) => !c.mask).map((c) => c.file);
  if (unused.length) throw new Error(`no wasm_split function needs ${unused.join(', ')}`);
  const packs = groupChunks(described, 1 << names.indexOf(PROTECTED))
    .sort((a, b) => b.size - a.size)
    .map((pack, i) => ({ ...pack, name: `shared_${String(i + 1).padStart(2, '0')}.pack` }));

  const place = {};
  for (const pack of packs) {
    pack.files.sort();
    pack.files.forEach((file, i) => { place[file] = [pack.name, i]; });
    writeFileSync(path.join(work, pack.name), writePack(pack.files.map((file) => readFileSync(path.join(work, file)))));
  }
  let rewritten = 0;
  source = source.replace(/fetch\(new URL\("\.\/(chunk_\d+\.wasm)", import\.meta\.url\)\)/g, (_, file) => {
    rewritten += 1;
    return `fetchShared("${place[file][0]}", ${place[file][1]})`;
  });
  let remembered = 0;
  source = source.replace(/(export const __wasm_split_load_(\w+) = wrapAsyncCb\()makeLoad\(/g, (_, head, name) => {
    remembered += 1;
    return `${head}splitLoads.${name} = makeLoad(`;
  });
  const imports = source.indexOf('\nlet sharedImports');
  if (rewritten !== chunks.length || remembered !== names.length || imports < 0) {
    throw new Error('the chunk loader could not be pointed at the packs');
  }
  writeFileSync(loaderPath, `${source.slice(0, imports + 1)}${prelude()}${source.slice(imports + 1)}`);
  for (const file of chunks) rmSync(path.join(work, file));
  const needs = Object.fromEntries(names.map((name) => [
    name,
    [...new Set(splits.get(name).map((file) => place[file][0]))].sort(),
  ]));
  return { packs: packs.map((p) => p.name).sort(), needs };
}
