//! Synthetic adviser submissions for benchmarks (`n` partnerships' files on the bundled
//! questionnaire, with ratings, session counts and planned themes, from a fixed seed), and
//! the benchmark of the domain code run both natively and in the browser, with reading a
//! ballot's QR code from camera frames.

use std::collections::{BTreeMap, BTreeSet};

use cpp_domain::collation::{collate, Filter, Source, Submission};
use cpp_domain::plan::Plan;
use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::rating::Rating;
use cpp_domain::scoring::Scores;
use cpp_domain::session::HandCount;
use cpp_format::{ballot_code, questionnaire_file};

#[path = "qr_frames.rs"]
mod qr_frames;

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

/// One benchmark figure: what was timed, the median time per call in milliseconds, and
/// over how many runs.
pub struct Measurement {
    pub name: &'static str,
    pub median_ms: f64,
    pub runs: usize,
}

/// The median of `runs` timings of `work`, each over `calls` calls, per call.
fn median_per_call(
    now_ms: &impl Fn() -> f64,
    runs: usize,
    calls: usize,
    mut work: impl FnMut(),
) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = now_ms();
            for _ in 0..calls {
                work();
            }
            (now_ms() - start) / calls as f64
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

/// Times, with the given clock (in milliseconds): scoring a whole assessment, drafting its
/// plan, and collating 1,000 and 10,000 synthetic adviser files.
pub fn benchmark(now_ms: impl Fn() -> f64) -> Vec<Measurement> {
    let questionnaire = questionnaire_file::bundled()
        .expect("bundled questionnaire")
        .remove(0);
    // A whole assessment: the first synthetic partnership's ratings.
    let ratings = submissions(&questionnaire, 1).remove(0).ratings;
    let scores = Scores::compute(&questionnaire, |e| ratings.get(e).copied());
    let mut measurements = vec![
        Measurement {
            name: "read the built-in questionnaires",
            median_ms: median_per_call(&now_ms, 21, 5, || {
                std::hint::black_box(
                    questionnaire_file::bundled().expect("bundled questionnaires"),
                );
            }),
            runs: 21,
        },
        Measurement {
            name: "score an assessment",
            median_ms: median_per_call(&now_ms, 21, 200, || {
                std::hint::black_box(Scores::compute(&questionnaire, |e| ratings.get(e).copied()));
            }),
            runs: 21,
        },
        Measurement {
            name: "draft its plan",
            median_ms: median_per_call(&now_ms, 21, 200, || {
                std::hint::black_box(Plan::default().draft_items(
                    &questionnaire,
                    &scores,
                    &BTreeSet::new(),
                    &[],
                ));
            }),
            runs: 21,
        },
    ];
    for (n, name, runs) in [
        (1_000, "collate 1,000 files", 21),
        (10_000, "collate 10,000 files", 5),
    ] {
        let list = submissions(&questionnaire, n);
        measurements.push(Measurement {
            name,
            median_ms: median_per_call(&now_ms, runs, 1, || {
                std::hint::black_box(collate(
                    &questionnaire,
                    &list,
                    &Default::default(),
                    &Filter::default(),
                    5,
                ));
            }),
            runs,
        });
    }
    // A ballot's code from a phone at about 30 cm: some 4 px a module at 640 wide, 6 at 1280.
    let ballot = ballot_code::BallotCode {
        session: 128_899,
        token: 12_345_678,
        ratings: questionnaire
            .expectations()
            .map(|e| ratings.get(&e.id).copied())
            .collect(),
    };
    let digits = ballot_code::to_digits(&ballot, &questionnaire).expect("a ballot code");
    for (width, height, module_px, name) in [
        (640, 480, 4, "read a ballot QR code in a 640×480 frame"),
        (1280, 720, 6, "read a ballot QR code in a 1280×720 frame"),
    ] {
        let frame = qr_frames::ballot_frame(&digits, width, height, module_px, false);
        measurements.push(Measurement {
            name,
            median_ms: median_per_call(&now_ms, 11, 1, || {
                std::hint::black_box(ballot_code::digits_in_frame(width, height, &frame));
            }),
            runs: 11,
        });
    }
    measurements
}
