//! Property tests for the checkers of questionnaires and quiz progress: whatever a checker
//! accepts, the app can use without a wrong figure or a panic, and whatever the app itself
//! makes, the checker accepts.

use std::collections::{BTreeMap, BTreeSet};

use cpp_domain::assessment::{Assessment, AssessmentDetails};
use cpp_domain::plan::DraftBreadth;
use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::quiz::{FinishedAttempt, Quiz, QuizAttempt, QuizProgress};
use cpp_domain::rating::Rating;
use cpp_domain::scoring::Scores;
use cpp_format::export::{assessment_tables, to_csv};
use cpp_format::questionnaire_file;
use cpp_format::quiz_file;
use cpp_format::report::{assessment_report, to_html, to_markdown};
use proptest::prelude::*;
use serde_json::{json, Value};

const WORKED_EXAMPLE: &str = include_str!("../../../questionnaires/examples/worked-example.json");
const NOW: &str = "2026-11-23T10:00:00.000Z";

/// One edit a careless or hostile author could make to a questionnaire file.
#[derive(Debug, Clone)]
enum Edit {
    PrincipleId(usize, &'static str),
    ExpectationId(usize, usize, &'static str),
    Statement(usize, usize, &'static str),
    LevelValue(usize, u64),
    Target(u64),
    DropLevel(usize),
    DropExpectations(usize),
    CopyPrinciple(usize),
    Paragraphs(usize, usize, Vec<u64>),
    Timescale(usize, usize, &'static str),
}

const IDS: [&str; 8] = [
    "a",
    "localities-1",
    "plans-1",
    "finish",
    "",
    "x/y",
    "With Space",
    "ok-id",
];
const TEXTS: [&str; 6] = ["", "  ", "=1+1", "\u{202e}reversed", "Fine text", "\u{a0}"];

fn edit() -> impl Strategy<Value = Edit> {
    let i = 0usize..3;
    prop_oneof![
        (i.clone(), prop::sample::select(&IDS[..])).prop_map(|(p, id)| Edit::PrincipleId(p, id)),
        (i.clone(), i.clone(), prop::sample::select(&IDS[..]))
            .prop_map(|(p, e, id)| Edit::ExpectationId(p, e, id)),
        (i.clone(), i.clone(), prop::sample::select(&TEXTS[..]))
            .prop_map(|(p, e, t)| Edit::Statement(p, e, t)),
        (0usize..6, 0u64..300).prop_map(|(l, v)| Edit::LevelValue(l, v)),
        (0u64..300).prop_map(Edit::Target),
        (0usize..6).prop_map(Edit::DropLevel),
        i.clone().prop_map(Edit::DropExpectations),
        i.clone().prop_map(Edit::CopyPrinciple),
        (
            i.clone(),
            i.clone(),
            prop::collection::vec(
                prop_oneof![Just(0u64), 1u64..400, Just(u64::from(u32::MAX))],
                0..3
            )
        )
            .prop_map(|(p, e, v)| Edit::Paragraphs(p, e, v)),
        (
            i.clone(),
            i,
            prop::sample::select(&["short", "medium", "long", "", "soon"][..])
        )
            .prop_map(|(p, e, t)| Edit::Timescale(p, e, t)),
    ]
}

/// The expectation at (principle, expectation), counted round so any index names one.
fn expectation_mut(doc: &mut Value, p: usize, e: usize) -> Option<&mut Value> {
    let principles = doc["principles"].as_array()?.len();
    let p = p % principles.max(1);
    let expectations = doc["principles"][p]["expectations"].as_array()?.len();
    let e = e % expectations.max(1);
    doc.pointer_mut(&format!("/principles/{p}/expectations/{e}"))
}

fn principle_mut(doc: &mut Value, p: usize) -> Option<&mut Value> {
    let principles = doc["principles"].as_array()?.len();
    doc.pointer_mut(&format!("/principles/{}", p % principles.max(1)))
}

fn level_mut(doc: &mut Value, l: usize) -> Option<&mut Value> {
    let levels = doc["scale"]["levels"].as_array()?.len();
    doc.pointer_mut(&format!("/scale/levels/{}", l % levels.max(1)))
}

fn apply(doc: &mut Value, edit: &Edit) {
    match edit {
        Edit::PrincipleId(p, id) => {
            if let Some(principle) = principle_mut(doc, *p) {
                principle["id"] = json!(id);
            }
        }
        Edit::ExpectationId(p, e, id) => {
            if let Some(expectation) = expectation_mut(doc, *p, *e) {
                expectation["id"] = json!(id);
            }
        }
        Edit::Statement(p, e, text) => {
            if let Some(expectation) = expectation_mut(doc, *p, *e) {
                expectation["statement"] = json!(text);
            }
        }
        Edit::Paragraphs(p, e, values) => {
            if let Some(expectation) = expectation_mut(doc, *p, *e) {
                expectation["guidance_paragraphs"] = json!(values);
            }
        }
        Edit::Timescale(p, e, timescale) => {
            if let Some(expectation) = expectation_mut(doc, *p, *e) {
                expectation["actions"][0]["timescale"] = json!(timescale);
            }
        }
        Edit::DropExpectations(p) => {
            if let Some(principle) = principle_mut(doc, *p) {
                principle["expectations"] = json!([]);
            }
        }
        Edit::CopyPrinciple(p) => {
            if let Some(principle) = principle_mut(doc, *p).map(|v| v.clone()) {
                doc["principles"].as_array_mut().unwrap().push(principle);
            }
        }
        Edit::LevelValue(l, value) => {
            if let Some(level) = level_mut(doc, *l) {
                level["value"] = json!(value);
            }
        }
        Edit::Target(value) => doc["scale"]["target"] = json!(value),
        Edit::DropLevel(l) => {
            let levels = doc["scale"]["levels"].as_array_mut().unwrap();
            if !levels.is_empty() {
                let len = levels.len();
                levels.remove(l % len);
            }
        }
    }
}

/// What the rest of the app relies on a checked questionnaire to be.
fn assert_sound(q: &Questionnaire) {
    let route_safe = |id: &str| {
        !id.is_empty()
            && id != "finish"
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    };
    let mut ids = BTreeSet::new();
    assert!(!q.principles.is_empty());
    for principle in &q.principles {
        assert!(route_safe(&principle.id) && ids.insert(principle.id.clone()));
        assert!(!principle.title.trim().is_empty());
        assert!(!principle.expectations.is_empty());
        for e in &principle.expectations {
            assert!(route_safe(&e.id) && ids.insert(e.id.clone()), "{}", e.id);
            assert!(!e.statement.trim().is_empty());
            assert!(!e.guidance_paragraphs.contains(&0));
            assert!(!e.actions.is_empty() && !e.prompts.is_empty());
        }
    }
    let values: Vec<u8> = q.scale.levels.iter().map(|l| l.value).collect();
    assert!(values.len() >= 2);
    assert!(
        values.windows(2).all(|w| w[0] > w[1]),
        "levels run highest first, once each"
    );
    assert!((1..=10).contains(&q.scale.min_value()) && q.scale.max_value() <= 10);
    assert!(values.contains(&q.scale.target));
}

/// An assessment on `q` with each expectation given one of the scale's levels, "don't
/// know" or nothing, as `picks` says.
fn assessment_on(q: &Questionnaire, picks: &[u8]) -> Assessment {
    let mut a = Assessment::new(
        "a1".into(),
        q,
        AssessmentDetails {
            partnership: "Anytown CPP".into(),
            date: "2026-11-23".into(),
            assessor_role: String::new(),
        },
        NOW.into(),
    );
    let levels = &q.scale.levels;
    for (e, pick) in q.expectations().zip(picks.iter().cycle()) {
        let choice = usize::from(*pick) % (levels.len() + 2);
        let rating = match levels.get(choice) {
            Some(level) => Some(Rating::Level(level.value)),
            None if choice == levels.len() => Some(Rating::DontKnow),
            None => None,
        };
        if let Some(rating) = rating {
            assert_eq!(q.rating_problem(&e.id, rating), None);
            a.set_rating(&e.id, rating);
        }
    }
    a
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Any questionnaire the checker accepts is sound, and scores, plans, reports and
    /// exports on it stay within its scale without a panic.
    #[test]
    fn an_accepted_questionnaire_is_sound_and_usable(
        edits in prop::collection::vec(edit(), 0..4),
        picks in prop::collection::vec(any::<u8>(), 1..12),
    ) {
        let mut doc: Value = serde_json::from_str(WORKED_EXAMPLE).unwrap();
        for e in &edits {
            apply(&mut doc, e);
        }
        let text = serde_json::to_string(&doc).unwrap();
        let Ok(q) = questionnaire_file::parse(&text) else {
            return Ok(());
        };
        assert_sound(&q);
        let mut a = assessment_on(&q, &picks);
        let scores = Scores::compute(&q, |id| a.rating(id));
        let (min, max) = (f64::from(q.scale.min_value()), f64::from(q.scale.max_value()));
        for mean in scores.principles.iter().map(|p| p.mean()).chain([scores.overall.mean()]).flatten() {
            prop_assert!((min..=max).contains(&mean), "{mean} outside {min}..={max}");
        }
        let draft = a.plan.candidates(&q, &scores, &BTreeSet::new(), &[], DraftBreadth::EverySuggestion);
        a.plan.add_candidates(&draft);
        for action in &a.plan.actions {
            prop_assert!(action.expectation_ids.iter().all(|id| q.expectation(id).is_some()));
        }
        let report = assessment_report(&q, &a);
        prop_assert_eq!(report.principles.len(), q.principles.len());
        to_markdown(&report);
        to_html(&report, None);
        let tables = assessment_tables(&q, &a);
        prop_assert_eq!(tables.ratings.rows.len(), q.expectation_count());
        to_csv(&tables.ratings);
    }
}

/// Progress as the quiz pages make it: attempts started, answered with the options the
/// member picks (one for a single-answer question), some finished and filed.
fn progress_made_by_the_app(
    quiz: &Quiz,
    seeds: &[u64],
    picks: &[usize],
    answered: usize,
) -> QuizProgress {
    let mut progress = QuizProgress::new(quiz, NOW.into());
    for seed in seeds {
        progress.start(quiz, *seed, NOW.into());
        let attempt = progress.current.as_mut().unwrap();
        for (i, id) in attempt.order.clone().iter().enumerate().take(answered) {
            let question = quiz.question(id).unwrap();
            let pick = picks[i % picks.len()];
            let chosen: Vec<String> = if question.kind.is_single() {
                vec![question.options[pick % question.options.len()].id.clone()]
            } else {
                question
                    .options
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| {
                        (pick >> (j % 16)) & 1 == 1 || *j == pick % question.options.len()
                    })
                    .map(|(_, o)| o.id.clone())
                    .collect()
            };
            attempt.answer(quiz, id, chosen).unwrap();
        }
    }
    progress.file_finished(quiz, NOW);
    progress
}

/// Progress as a hand-edited store or a crafted backup could hold it: mostly plausible
/// (real questions, each asked once), with now and then an invented or repeated question,
/// an empty or unknown choice, too many choices, an impossible mark or a bad time.
fn crafted_progress(quiz: &Quiz) -> impl Strategy<Value = QuizProgress> {
    let real: Vec<String> = quiz.questions.iter().map(|q| q.id.clone()).collect();
    let option_ids: Vec<String> = quiz
        .questions
        .iter()
        .flat_map(|q| q.options.iter().map(|o| o.id.clone()))
        .chain(["zz".to_owned()])
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let extra = prop_oneof![
        6 => Just(None),
        1 => Just(Some("invented".to_owned())),
        1 => Just(Some(real[0].clone())),
    ];
    let choices = prop::collection::vec(
        prop::option::weighted(
            0.7,
            prop::collection::vec(prop::sample::select(option_ids), 0..4),
        ),
        12,
    );
    let finished = prop::collection::vec((0usize..60, 0usize..60), 0..3);
    let (id, version) = (quiz.id.clone(), quiz.version.clone());
    (
        prop::sample::subsequence(real, 0..12).prop_shuffle(),
        extra,
        choices,
        finished,
        prop::bool::weighted(0.95),
        prop::sample::select(vec![NOW, NOW, NOW, "~~~~", "2026-13-40T10:00:00.000Z"]),
    )
        .prop_map(
            move |(mut order, extra, choices, finished, same_quiz, updated_at)| {
                order.extend(extra);
                let answers = order
                    .iter()
                    .zip(choices)
                    .filter_map(|(id, chosen)| chosen.map(|c| (id.clone(), c)))
                    .collect();
                QuizProgress {
                    quiz_id: if same_quiz {
                        id.clone()
                    } else {
                        "another-quiz".into()
                    },
                    quiz_version: version.clone(),
                    current: Some(QuizAttempt {
                        order,
                        answers,
                        started_at: NOW.into(),
                    }),
                    finished: finished
                        .into_iter()
                        .map(|(correct, total)| FinishedAttempt {
                            finished_at: NOW.into(),
                            correct,
                            total,
                        })
                        .collect(),
                    updated_at: updated_at.into(),
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// The check never refuses what the quiz pages themselves write.
    #[test]
    fn progress_the_app_makes_is_always_accepted_unchanged(
        seeds in prop::collection::vec(any::<u64>(), 0..4),
        picks in prop::collection::vec(any::<usize>(), 1..8),
        answered in 0usize..45,
    ) {
        let quiz = quiz_file::bundled().unwrap();
        let progress = progress_made_by_the_app(&quiz, &seeds, &picks, answered);
        prop_assert_eq!(quiz_file::check_progress(progress.clone(), &quiz), Ok(progress));
    }

    /// Whatever the check accepts could have been made by answering the quiz: every answer
    /// replays through the quiz's own rules, and every mark is one the quiz can give.
    #[test]
    fn accepted_progress_is_progress_the_quiz_could_make(progress in crafted_progress(&quiz_file::bundled().unwrap())) {
        let quiz = quiz_file::bundled().unwrap();
        let Ok(accepted) = quiz_file::check_progress(progress, &quiz) else {
            return Ok(());
        };
        if let Some(attempt) = &accepted.current {
            let mut replay = QuizAttempt {
                order: attempt.order.clone(),
                answers: BTreeMap::new(),
                started_at: attempt.started_at.clone(),
            };
            prop_assert_eq!(attempt.order.iter().collect::<BTreeSet<_>>().len(), attempt.order.len());
            for id in &attempt.order {
                prop_assert!(quiz.question(id).is_some());
            }
            for (id, chosen) in &attempt.answers {
                prop_assert!(replay.answer(&quiz, id, chosen.clone()).is_ok(), "{} {:?}", id, chosen);
            }
            let result = attempt.result(&quiz);
            prop_assert!(result.correct <= result.answered && result.answered <= result.total);
        }
        for mark in &accepted.finished {
            prop_assert!(mark.correct <= mark.total && mark.total <= quiz.questions.len());
        }
    }
}
