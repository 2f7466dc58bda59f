//! Collating adviser files in the browser (wasm in headless Chromium): prints the median
//! time of `collate` over 1,000 and 10,000 synthetic submissions. A benchmark, not a test:
//! it is ignored in normal runs and asserts no time. Run with `scripts/bench-collation.sh`.
#![cfg(target_arch = "wasm32")]

#[path = "support/synthetic.rs"]
mod synthetic;

use cpp_self_assessment::domain::collation::{collate, Filter};
use cpp_self_assessment::format::questionnaire_file;
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
#[ignore]
fn collation_benchmark() {
    let questionnaire = questionnaire_file::bundled()
        .expect("bundled questionnaire")
        .remove(0);
    for n in [1_000, 10_000] {
        let submissions = synthetic::submissions(&questionnaire, n);
        let runs = if n > 1_000 { 5 } else { 21 };
        let mut times: Vec<f64> = (0..runs)
            .map(|_| {
                let start = now_ms();
                let collation = collate(&questionnaire, &submissions, &Filter::default(), 5);
                std::hint::black_box(collation);
                now_ms() - start
            })
            .collect();
        times.sort_by(f64::total_cmp);
        console_log!(
            "wasm collate {n} files: median {:.1} ms over {runs} runs",
            times[runs / 2]
        );
    }
}
