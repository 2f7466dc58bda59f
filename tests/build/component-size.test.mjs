// No page component grows past about 120 lines: a long one is split into child components
// with names that say what each part shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MOST_LINES = 125;

/** Every `#[component]` function in a Rust source text, with its length in lines. */
export function components(text) {
  const lines = text.split('\n');
  const found = [];
  lines.forEach((line, start) => {
    if (line.trim() !== '#[component]') return;
    let head = start + 1;
    while (!/^\s*(pub(\([a-z]+\))? )?fn /.test(lines[head])) head += 1;
    const indent = lines[head].match(/^\s*/)[0];
    let end = head;
    while (lines[end] !== `${indent}}`) end += 1;
    found.push({ name: lines[head].match(/fn (\w+)/)[1], lines: end - start + 1 });
  });
  return found;
}

const rustFiles = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
  const full = path.join(dir, entry.name);
  if (entry.isDirectory()) return rustFiles(full);
  return entry.name.endsWith('.rs') ? [full] : [];
});

test('a component is measured from its attribute to its closing brace', () => {
  const text = ['#[component]', 'pub fn Short() -> impl IntoView {', '    view! { <p/> }', '}', '',
    '#[component]', 'fn Long(', '    x: u8,', ') -> impl IntoView {', ...Array(200).fill('    ;'), '}'].join('\n');
  assert.deepEqual(components(text), [{ name: 'Short', lines: 4 }, { name: 'Long', lines: 205 }]);
});

test(`no component is longer than ${MOST_LINES} lines`, () => {
  const all = rustFiles(path.join(root, 'src')).flatMap((file) =>
    components(readFileSync(file, 'utf8')).map((c) => ({ ...c, file: path.relative(root, file) })));
  assert.ok(all.length > 50, `only ${all.length} components found: the measure is broken`);
  const long = all.filter((c) => c.lines > MOST_LINES).map((c) => `${c.file}: ${c.name} has ${c.lines} lines`);
  assert.deepEqual(long, []);
});
