//! Collating adviser files natively: the median time of `collate` over 1,000 and 10,000
//! synthetic submissions. Run with `cargo bench --bench collation`.

#[path = "../tests/support/synthetic.rs"]
mod synthetic;

use std::time::Instant;

fn main() {
    let start = Instant::now();
    for (n, median, runs) in synthetic::benchmark(|| start.elapsed().as_secs_f64() * 1000.0) {
        println!("native collate {n} files: median {median:.1} ms over {runs} runs");
    }
}
