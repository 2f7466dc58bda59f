//! Collating adviser files in the browser (wasm in headless Chromium): prints the median
//! time of `collate` over 1,000 and 10,000 synthetic submissions. A benchmark, not a test:
//! it is ignored in normal runs and asserts no time. Run with `scripts/bench-collation.sh`.
#![cfg(target_arch = "wasm32")]

#[path = "support/synthetic.rs"]
mod synthetic;

use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
#[ignore]
fn collation_benchmark() {
    let performance = web_sys::window().and_then(|w| w.performance());
    let now_ms = || performance.as_ref().map(|p| p.now()).unwrap_or_default();
    for (n, median, runs) in synthetic::benchmark(now_ms) {
        console_log!("wasm collate {n} files: median {median:.1} ms over {runs} runs");
    }
}
