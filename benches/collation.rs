//! Collating adviser files natively: the median time of `collate` over 1,000 and 10,000
//! synthetic submissions. Run with `cargo bench --bench collation`.

#[path = "../tests/support/synthetic.rs"]
mod synthetic;

use std::time::Instant;

use cpp_self_assessment::domain::collation::{collate, Filter};
use cpp_self_assessment::format::questionnaire_file;

fn main() {
    let questionnaire = questionnaire_file::bundled()
        .expect("bundled questionnaire")
        .remove(0);
    for n in [1_000, 10_000] {
        let submissions = synthetic::submissions(&questionnaire, n);
        let runs = if n > 1_000 { 5 } else { 21 };
        let mut times: Vec<f64> = (0..runs)
            .map(|_| {
                let start = Instant::now();
                let collation = collate(&questionnaire, &submissions, &Filter::default(), 5);
                std::hint::black_box(collation);
                start.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        println!(
            "native collate {n} files: median {:.1} ms over {runs} runs",
            times[runs / 2]
        );
    }
}
