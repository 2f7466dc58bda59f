//! The ballot-code reader as a WebAssembly module of its own, for the Web Worker in
//! `worker.js`: the facilitator's page posts camera frames to the worker, so reading them
//! never holds up the page. The reading is `cpp_format::ballot_code::digits_in_frame`, the
//! same function the native tests and the benchmark exercise.

use wasm_bindgen::prelude::*;

/// The digits of every ballot QR code in a frame of RGBA rows.
#[wasm_bindgen(js_name = digitsInFrame)]
pub fn digits_in_frame(width: usize, height: usize, rgba: &[u8]) -> Vec<String> {
    cpp_format::ballot_code::digits_in_frame(width, height, rgba)
}
