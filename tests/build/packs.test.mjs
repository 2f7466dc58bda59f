// The shared chunks, packed: every pack holds whole WebAssembly modules its index
// describes, the loader finds each module where it is, each page chunk's list of packs is
// exactly what the loader fetches for it, and the first question's packs hold nothing it
// does not need. The grouping rule itself is tested on made-up chunks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readBuildManifest, withRole } from '../../scripts/build-manifest.mjs';
import { groupChunks, writePack } from '../../scripts/pack-chunks.mjs';
import { ROOT } from '../e2e/harness.mjs';

const dist = path.join(ROOT, 'dist');
const WASM_MAGIC = Buffer.from([0x00, 0x61, 0x73, 0x6d]);

/** A pack's modules, read through its index. */
function modulesIn(bytes) {
  const count = bytes.readUInt32LE(0);
  const modules = [];
  let offset = 4 * (count + 1);
  for (let i = 1; i <= count; i += 1) {
    const length = bytes.readUInt32LE(4 * i);
    modules.push(bytes.subarray(offset, offset + length));
    offset += length;
  }
  assert.equal(offset, bytes.length, 'the index accounts for every byte');
  return modules;
}

/** For each split the loader defines, the `[pack, place]` of every shared module it needs. */
function loaderNeeds(loader) {
  const placeOf = new Map([...loader.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\n\s+const src = fetchShared\("([\w.]+)", (\d+)\);/g)]
    .map(([, chunk, pack, place]) => [chunk, [pack, Number(place)]]));
  return new Map([...loader.matchAll(/export const __wasm_split_load_(\w+) = wrapAsyncCb\(splitLoads\.\w+ = makeLoad\(\(\) => \{[\s\S]*?\n\}\n, \[(.*?)\]\)\);/g)]
    .map(([, split, deps]) => [split, deps.split(',').map((d) => d.trim()).filter(Boolean).map((d) => placeOf.get(d))]));
}

test('every pack holds whole modules, and every page chunk fetches exactly the packs the manifest lists', () => {
  const manifest = readBuildManifest(dist);
  const packs = new Map(withRole(manifest, 'shared-chunk').map((p) => [path.posix.basename(p), modulesIn(readFileSync(path.join(dist, p)))]));
  assert.ok(packs.size >= 2 && packs.size <= 40, `${packs.size} packs`);
  for (const [name, modules] of packs) {
    for (const module of modules) assert.ok(module.subarray(0, 4).equals(WASM_MAGIC), `${name} holds a WebAssembly module at each place`);
  }
  const needs = loaderNeeds(readFileSync(path.join(dist, manifest.app, '__wasm_split.js'), 'utf8'));
  const chunks = manifest.files.filter((f) => f.role === 'page-chunk');
  assert.equal(needs.size, chunks.length);
  for (const chunk of chunks) {
    const places = needs.get(chunk.area);
    assert.ok(places.every((p) => p && packs.has(p[0]) && p[1] < packs.get(p[0]).length), `${chunk.area}'s modules are in its packs`);
    assert.deepEqual([...new Set(places.map(([pack]) => pack))].sort(), chunk.shared.map((p) => path.posix.basename(p)).sort(), chunk.area);
  }
  // The first question's packs hold only modules it needs.
  const first = needs.get('assessment_pages');
  for (const pack of new Set(first.map(([p]) => p))) {
    assert.equal(first.filter(([p]) => p === pack).length, packs.get(pack).length, `${pack} holds only what the first question needs`);
  }
  assert.ok(new Set(first.map(([p]) => p)).size <= 12, 'the first question fetches a few packs, not dozens of files');
});

test('a pack is its index and then its modules', () => {
  const pack = writePack([Buffer.from('abc'), Buffer.from('de')]);
  assert.deepEqual(modulesIn(pack).map(String), ['abc', 'de']);
});

test('chunks share a pack when that saves more requests than it wastes bytes, and the protected ones only with each other', () => {
  const [a, b, c] = [1, 2, 4];
  const chunk = (file, size, mask) => ({ file, size, mask });
  const packsOf = (chunks, protectedBit = 8) => groupChunks(chunks, protectedBit).map((p) => p.files.sort().join('+')).sort();
  // Small chunks the same pages need: one pack.
  assert.deepEqual(packsOf([chunk('x', 100, a | b), chunk('y', 200, a | b), chunk('z', 50, a | b)]), ['x+y+z']);
  // A large chunk only one page needs stays apart from what another page needs.
  assert.deepEqual(packsOf([chunk('big', 200_000, a), chunk('small', 100, b)]), ['big', 'small']);
  // Small enough to be worth a few wasted bytes: together.
  assert.deepEqual(packsOf([chunk('x', 300, a | b), chunk('y', 200, a | b | c)]), ['x+y']);
  // A protected chunk never shares with one the protected page does not need, however small.
  assert.deepEqual(packsOf([chunk('p', 10, a | 8), chunk('q', 10, a)]), ['p', 'q']);
  assert.deepEqual(packsOf([chunk('p', 10, a | 8), chunk('r', 10, b | 8)]), ['p+r']);
});
