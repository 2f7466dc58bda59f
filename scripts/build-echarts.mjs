// Bundles the custom ECharts build into public/vendor/echarts.js (run before every build).
// The file is written only when it changed, so a watching dev server is not sent round again.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outfile = path.join(root, 'public/vendor/echarts.js');
const result = await build({
  entryPoints: [path.join(root, 'scripts/echarts-entry.js')],
  outfile,
  write: false,
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  legalComments: 'eof',
  logLevel: 'warning',
});
const bundled = Buffer.from(result.outputFiles[0].contents);
if (!existsSync(outfile) || !bundled.equals(readFileSync(outfile))) {
  mkdirSync(path.dirname(outfile), { recursive: true });
  writeFileSync(outfile, bundled);
}
