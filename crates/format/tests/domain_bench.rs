//! The domain code in the browser (wasm in headless Chromium): scoring, plan drafting and
//! collation, timed with the same code as the native benchmark. A benchmark, not a test: it
//! is ignored in normal runs and asserts no time. Run by `scripts/bench.sh`.
#![cfg(target_arch = "wasm32")]

#[path = "support/synthetic.rs"]
mod synthetic;

use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
#[ignore]
fn domain_benchmark() {
    let performance = web_sys::window().and_then(|w| w.performance());
    let now_ms = || performance.as_ref().map(|p| p.now()).unwrap_or_default();
    for m in synthetic::benchmark(now_ms) {
        console_log!(
            "bench wasm {}: {:.4} ms (median of {})",
            m.name,
            m.median_ms,
            m.runs
        );
    }
}
