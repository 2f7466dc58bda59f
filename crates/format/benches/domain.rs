//! The domain code natively: scoring, plan drafting and collation, timed with the same
//! code the browser benchmark runs. Run with `cargo bench --bench domain`; the numbers are
//! read by `scripts/bench.mjs`.

#[path = "../tests/support/synthetic.rs"]
mod synthetic;

use std::time::Instant;

fn main() {
    let start = Instant::now();
    for m in synthetic::benchmark(|| start.elapsed().as_secs_f64() * 1000.0) {
        println!(
            "bench native {}: {:.4} ms (median of {})",
            m.name, m.median_ms, m.runs
        );
    }
}
