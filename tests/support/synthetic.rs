//! Synthetic adviser submissions for benchmarks: `n` partnerships' files on the bundled
//! questionnaire, with ratings, session counts and planned themes, from a fixed seed.

use std::collections::BTreeMap;

use cpp_self_assessment::domain::collation::{collate, Filter, Source, Submission};
use cpp_self_assessment::domain::questionnaire::Questionnaire;
use cpp_self_assessment::domain::rating::Rating;
use cpp_self_assessment::domain::session::HandCount;
use cpp_self_assessment::format::questionnaire_file;

pub fn submissions(questionnaire: &Questionnaire, n: usize) -> Vec<Submission> {
    let mut state: u64 = 42;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as u32
    };
    (0..n)
        .map(|i| {
            let session = i % 2 == 1;
            let mut ratings = BTreeMap::new();
            let mut counts = BTreeMap::new();
            for e in questionnaire.expectations() {
                let level = 1 + (next() % 6) as u8;
                ratings.insert(
                    e.id.clone(),
                    if next() % 20 == 0 {
                        Rating::DontKnow
                    } else {
                        Rating::Level(level)
                    },
                );
                if session {
                    counts.insert(
                        e.id.clone(),
                        HandCount {
                            levels: [(level, 4), (1 + (next() % 6) as u8, 3)].into(),
                            dont_know: 1,
                        },
                    );
                }
            }
            Submission {
                partnership_code: format!("CPP-{i:05}"),
                partnership_name: None,
                questionnaire_id: questionnaire.id.clone(),
                questionnaire_version: questionnaire.version.clone(),
                date: format!("20{:02}-0{}-15", 20 + i % 7, 1 + i % 9),
                source: if session {
                    Source::Session
                } else {
                    Source::Assessment
                },
                ratings,
                counts,
                sectors: None,
                planned: questionnaire
                    .expectations()
                    .filter(|_| next() % 5 == 0)
                    .map(|e| e.id.clone())
                    .collect(),
            }
        })
        .collect()
}

/// Times `collate` over 1,000 and 10,000 synthetic submissions with the given clock (in
/// milliseconds); returns (files, median ms, runs) for each size.
pub fn benchmark(now_ms: impl Fn() -> f64) -> Vec<(usize, f64, usize)> {
    let questionnaire = questionnaire_file::bundled()
        .expect("bundled questionnaire")
        .remove(0);
    [1_000, 10_000]
        .into_iter()
        .map(|n| {
            let list = submissions(&questionnaire, n);
            let runs = if n > 1_000 { 5 } else { 21 };
            let mut times: Vec<f64> = (0..runs)
                .map(|_| {
                    let start = now_ms();
                    std::hint::black_box(collate(&questionnaire, &list, &Filter::default(), 5));
                    now_ms() - start
                })
                .collect();
            times.sort_by(f64::total_cmp);
            (n, times[runs / 2], runs)
        })
        .collect()
}
