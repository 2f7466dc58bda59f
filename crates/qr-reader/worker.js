// The ballot-code reader's Web Worker. The page posts { width, height, pixels } (a camera
// frame's RGBA bytes, transferred) and gets back { found: [digits…] }, or { error } if the
// reader could not run. Its WebAssembly is beside it, or, in the single-file edition, in
// `self.codeReaderWasm` (set before this script runs).
import init, { digitsInFrame } from './qr_reader.js';

const ready = init({ module_or_path: self.codeReaderWasm ?? new URL('./qr_reader_bg.wasm', import.meta.url) });

addEventListener('message', async ({ data: { width, height, pixels } }) => {
  try {
    await ready;
    postMessage({ found: digitsInFrame(width, height, new Uint8Array(pixels)) });
  } catch (error) {
    postMessage({ error: String(error?.message ?? error) });
  }
});
