// Sizes of the built site, from the build manifest (which fails if it and the files
// disagree): what the start page downloads (the first load), what the first question of a
// new assessment adds to it, and the budget both must keep.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { ROLES, readBuildManifest, theOne, withRole } from '../build-manifest.mjs';
import { kb } from './measure.mjs';

export const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');
/** gzip bytes: the first load, the app's WebAssembly, and the first question (the first
 * load and the chunks a new assessment's first question needs). */
export const BUDGET = { totalGzip: 350 * 1024, wasmGzip: 200 * 1024, firstQuestionGzip: 400 * 1024 };
/** The page chunk of a new assessment and its questions. */
const FIRST_QUESTION_AREA = 'assessment_pages';

/** The files the start page downloads, by role, and those loaded on first use. */
export function firstLoadFiles(dir = dist) {
  const manifest = readBuildManifest(dir);
  const firstLoad = Object.entries(ROLES).filter(([, r]) => r.firstLoad)
    .map(([role, { label }]) => ({ role: label, name: theOne(manifest, role) }));
  const later = [
    ...manifest.files.filter((f) => f.role === 'page-chunk').map((f) => ({
      role: `Page chunk: ${f.area.replaceAll('_', ' ')} (when first opened)`,
      name: f.path,
    })),
    ...['shared-chunk', 'echarts']
      .map((role) => ({ role: ROLES[role].label, name: withRole(manifest, role) })),
  ];
  return { firstLoad, later };
}

/** What the first question of a new assessment downloads after the first load: its page
 * chunk and the packs of shared code it needs. */
export function firstQuestionFiles(dir = dist) {
  const chunk = readBuildManifest(dir).files.find((f) => f.role === 'page-chunk' && f.area === FIRST_QUESTION_AREA);
  if (!chunk) throw new Error(`the build has no page chunk for ${FIRST_QUESTION_AREA}`);
  return [chunk.path, ...chunk.shared];
}

/** Every page chunk and shared chunk: what the size gate sums as "page chunks". */
export function chunkFiles(dir = dist) {
  const manifest = readBuildManifest(dir);
  return [...withRole(manifest, 'page-chunk'), ...withRole(manifest, 'shared-chunk')];
}

/** Raw, gzip and brotli sizes of a file, or the sums over several. */
export function sizes(name, dir = dist) {
  if (Array.isArray(name)) {
    return name.map((n) => sizes(n, dir)).reduce((sum, s) => ({
      raw: sum.raw + s.raw, gzip: sum.gzip + s.gzip, brotli: sum.brotli + s.brotli,
    }), { raw: 0, gzip: 0, brotli: 0 });
  }
  const bytes = readFileSync(path.join(dir, name));
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** gzip bytes of the first load, the app's WebAssembly and the first question. */
export function budgetedSizes(dir = dist) {
  const { firstLoad } = firstLoadFiles(dir);
  const total = sizes(firstLoad.map((f) => f.name), dir).gzip;
  return {
    totalGzip: total,
    wasmGzip: sizes(firstLoad.find((f) => f.role === 'App WebAssembly').name, dir).gzip,
    firstQuestionGzip: total + sizes(firstQuestionFiles(dir), dir).gzip,
  };
}

const WHAT = {
  totalGzip: 'the first load',
  wasmGzip: "the app's WebAssembly",
  firstQuestionGzip: 'the first question of a new assessment (first load included)',
};

/** Checks sizes against limits (gzip bytes); returns the lines that break them. */
export function overBudget(dir = dist, limits = BUDGET, what = 'budget') {
  const actual = budgetedSizes(dir);
  return Object.keys(WHAT).filter((key) => limits[key] !== undefined && actual[key] > limits[key])
    .map((key) => `${WHAT[key]} is ${kb(actual[key])} gzip, over the ${kb(limits[key])} ${what}`);
}

/** Every file's size: the first load, its total, then what loads later. */
export function transferTable() {
  const { firstLoad, later } = firstLoadFiles();
  const lines = ['| File | Raw | gzip | brotli |', '| --- | ---: | ---: | ---: |'];
  const row = (label, s, bold = false) => {
    const b = bold ? '**' : '';
    lines.push(`| ${b}${label}${b} | ${b}${kb(s.raw)}${b} | ${b}${kb(s.gzip)}${b} | ${b}${kb(s.brotli)}${b} |`);
  };
  for (const file of firstLoad) row(file.role, sizes(file.name));
  row('First load, total', sizes(firstLoad.map((f) => f.name)), true);
  row('Then the first question: its page chunk and shared code', sizes(firstQuestionFiles()), true);
  for (const file of later) row(file.role, sizes(file.name));
  return lines;
}
