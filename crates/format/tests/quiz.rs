//! The bundled quiz bank must be complete and well sourced, and the quiz validator must
//! reject each kind of broken question naming the field.

use cpp_domain::quiz::QuestionKind;
use cpp_format::checked_json::FileError;
use cpp_format::quiz_file::{self, BUNDLED};
use serde_json::{json, Value};

const REQUIRED_TOPICS: [&str; 8] = [
    "duties",
    "partners",
    "loip",
    "localities",
    "progress-reports",
    "prevention",
    "empowerment",
    "principles",
];

#[test]
fn the_bank_has_at_least_30_sourced_questions_on_every_required_topic() {
    // The app reads its bundled quiz without path tracking; the full check must agree.
    let checked = quiz_file::parse(quiz_file::BUNDLED)
        .unwrap_or_else(|e| panic!("the quiz bank is invalid:\n{e}"));
    let quiz = quiz_file::bundled().unwrap();
    assert_eq!(quiz, checked);
    // The start page and stored progress rely on these without reading the bank.
    assert_eq!(quiz.id, quiz_file::BUNDLED_ID);
    assert_eq!(quiz.questions.len(), quiz_file::BUNDLED_QUESTION_COUNT);
    assert!(
        quiz.questions.len() >= 30,
        "only {} questions",
        quiz.questions.len()
    );
    for topic in REQUIRED_TOPICS {
        let count = quiz.questions.iter().filter(|q| q.topic == topic).count();
        assert!(count >= 3, "topic {topic} has {count} questions");
        assert!(
            quiz.topic(topic).is_some(),
            "topic {topic} is not described"
        );
    }
    for kind in [
        QuestionKind::SingleChoice,
        QuestionKind::MultipleChoice,
        QuestionKind::TrueFalse,
    ] {
        assert!(
            quiz.questions.iter().filter(|q| q.kind == kind).count() >= 5,
            "fewer than five {kind:?} questions"
        );
    }
    for question in &quiz.questions {
        assert!(
            question.correct_options().count() >= 1,
            "{}: no answer",
            question.id
        );
        assert!(
            question.explanation.len() > 40,
            "{}: thin explanation",
            question.id
        );
        assert!(
            quiz.source(&question.source.source).is_some() && !question.source.location.is_empty(),
            "{}: no source",
            question.id
        );
    }
}

#[test]
fn which_principle_questions_quote_an_expectation_and_name_its_principle() {
    let quiz = quiz_file::bundled().unwrap();
    let questionnaire = cpp_format::questionnaire_file::bundled()
        .unwrap()
        .into_iter()
        .find(|q| q.id == "principles-of-effective-community-planning")
        .unwrap();
    let mut checked = 0;
    for question in quiz
        .questions
        .iter()
        .filter(|q| q.text.contains("belong to"))
    {
        let expectation = questionnaire
            .expectations()
            .find(|e| question.text.contains(&e.statement))
            .unwrap_or_else(|| panic!("{} quotes no expectation exactly", question.id));
        let principle = questionnaire.principle_of(&expectation.id).unwrap();
        let right: Vec<&str> = question
            .correct_options()
            .map(|o| o.text.as_str())
            .collect();
        assert_eq!(right, [principle.title.as_str()], "{}", question.id);
        checked += 1;
    }
    assert!(checked >= 3, "only {checked} which-principle questions");
}

fn bank() -> Value {
    serde_json::from_str(BUNDLED).unwrap()
}

fn question_of_type<'a>(doc: &'a mut Value, kind: &str) -> (usize, &'a mut Value) {
    let questions = doc["questions"].as_array_mut().unwrap();
    let index = questions.iter().position(|q| q["type"] == kind).unwrap();
    (index, &mut questions[index])
}

/// Applies a change to the bank and expects a problem at the path `expected` builds from
/// the changed question's index.
fn rejects(change: impl FnOnce(&mut Value) -> String) {
    let mut doc = bank();
    let expected = change(&mut doc);
    let text = serde_json::to_string_pretty(&doc).unwrap();
    match quiz_file::parse(&text) {
        Ok(_) => panic!("accepted a quiz that should fail at {expected}"),
        Err(FileError::Invalid(problems)) => {
            let problem = problems
                .iter()
                .find(|p| p.path == expected)
                .unwrap_or_else(|| panic!("expected a problem at {expected}, got {problems:?}"));
            assert!(problem.line.is_some(), "{expected}: no line number");
        }
        Err(FileError::Syntax { path, message, .. }) => assert!(
            path == expected || message.contains(&expected),
            "expected {expected}, got {path}: {message}"
        ),
    }
}

#[test]
fn broken_questions_are_rejected_naming_the_field() {
    rejects(|d| {
        let (i, q) = question_of_type(d, "single_choice");
        for option in q["options"].as_array_mut().unwrap() {
            option["correct"] = json!(false);
        }
        format!("questions[{i}].options")
    });
    rejects(|d| {
        let (i, q) = question_of_type(d, "single_choice");
        for option in q["options"].as_array_mut().unwrap() {
            option["correct"] = json!(true);
        }
        format!("questions[{i}].options")
    });
    rejects(|d| {
        let (i, q) = question_of_type(d, "multiple_choice");
        for option in q["options"].as_array_mut().unwrap() {
            option["correct"] = json!(true);
        }
        format!("questions[{i}].options")
    });
    rejects(|d| {
        let (i, q) = question_of_type(d, "true_false");
        q.as_object_mut().unwrap().remove("answer");
        format!("questions[{i}].answer")
    });
    rejects(|d| {
        let (i, q) = question_of_type(d, "true_false");
        q["options"] = json!([{ "id": "a", "text": "Yes", "correct": true }]);
        format!("questions[{i}].options")
    });
    rejects(|d| {
        let (i, q) = question_of_type(d, "multiple_choice");
        q["answer"] = json!(true);
        format!("questions[{i}].answer")
    });
    rejects(|d| {
        let (i, q) = question_of_type(d, "single_choice");
        q["explanation"] = json!(" ");
        format!("questions[{i}].explanation")
    });
    rejects(|d| {
        let (i, q) = question_of_type(d, "single_choice");
        q["source"]["source"] = json!("rumour");
        format!("questions[{i}].source.source")
    });
    rejects(|d| {
        let (i, q) = question_of_type(d, "true_false");
        q["source"]["location"] = json!("");
        format!("questions[{i}].source.location")
    });
    rejects(|d| {
        let (i, q) = question_of_type(d, "multiple_choice");
        q["topic"] = json!("astrology");
        format!("questions[{i}].topic")
    });
    rejects(|d| {
        let (i, q) = question_of_type(d, "multiple_choice");
        let first = q["options"][0]["id"].clone();
        q["options"][1]["id"] = first;
        format!("questions[{i}].options[1].id")
    });
    rejects(|d| {
        let first = d["questions"][0]["id"].clone();
        d["questions"][5]["id"] = first;
        "questions[5].id".into()
    });
    rejects(|d| {
        let (i, q) = question_of_type(d, "single_choice");
        q["type"] = json!("essay");
        format!("questions[{i}].type")
    });
    rejects(|d| {
        d["topics"]
            .as_array_mut()
            .unwrap()
            .push(json!({ "id": "empty", "title": "Empty", "summary": "Nothing.", "references": [{ "source": "guidance", "location": "Part 1" }] }));
        let last = d["topics"].as_array().unwrap().len() - 1;
        format!("topics[{last}]")
    });
    rejects(|d| {
        d["sources"][0]["url"] = json!("http://example.org");
        "sources[0].url".into()
    });
    rejects(|d| {
        d["format"] = json!("cpp-questionnaire");
        "format".into()
    });
}

#[test]
fn quiz_progress_is_checked_against_the_quiz_on_every_path() {
    use cpp_domain::quiz::{FinishedAttempt, QuizProgress};
    use cpp_format::backup::{self, Everything};
    use cpp_format::questionnaire_file;
    let quiz = quiz_file::bundled().unwrap();
    let mut good = QuizProgress::new(&quiz, "2026-11-23T10:00:00.000Z".into());
    good.start(&quiz, 7, "2026-11-23T10:00:00.000Z".into());
    assert!(quiz_file::check_progress(good.clone(), &quiz).is_ok());
    type Spoil = fn(&mut QuizProgress);
    let cases: &[(&str, Spoil, &str)] = &[
        (
            "20,000 invented questions",
            |p| {
                let attempt = p.current.as_mut().unwrap();
                attempt.order = (0..20_000).map(|i| format!("invented-{i}")).collect();
            },
            "the quiz does not have",
        ),
        (
            "a question asked twice",
            |p| {
                let attempt = p.current.as_mut().unwrap();
                let first = attempt.order[0].clone();
                attempt.order.push(first);
            },
            "more than once",
        ),
        (
            "an answer to a question not asked",
            |p| {
                let attempt = p.current.as_mut().unwrap();
                attempt.answers.insert("invented".into(), vec!["a".into()]);
            },
            "does not ask",
        ),
        (
            "an option that does not exist",
            |p| {
                let attempt = p.current.as_mut().unwrap();
                let first = attempt.order[0].clone();
                attempt
                    .answers
                    .insert(first, vec!["z-not-an-option".into()]);
            },
            "not one the question allows",
        ),
        (
            "two answers to a single-answer question",
            |p| {
                let quiz = quiz_file::bundled().unwrap();
                let attempt = p.current.as_mut().unwrap();
                let single = attempt
                    .order
                    .iter()
                    .find(|id| quiz.question(id).unwrap().kind.is_single())
                    .unwrap()
                    .clone();
                attempt.answers.insert(single, vec!["a".into(), "b".into()]);
            },
            "not one the question allows",
        ),
        (
            "an empty answer",
            |p| {
                let attempt = p.current.as_mut().unwrap();
                let first = attempt.order[0].clone();
                attempt.answers.insert(first, Vec::new());
            },
            "not one the question allows",
        ),
        (
            "a mark above the total",
            |p| {
                p.finished.push(FinishedAttempt {
                    finished_at: "x".into(),
                    correct: 41,
                    total: 40,
                });
            },
            "mark",
        ),
        (
            "another quiz",
            |p| p.quiz_id = "another-quiz".into(),
            "does not have",
        ),
        (
            "a time that is not a time",
            |p| p.updated_at = "~~~~".into(),
            "real time",
        ),
    ];
    for (what, spoil, expected) in cases {
        let mut progress = good.clone();
        spoil(&mut progress);
        let reason = quiz_file::check_progress(progress.clone(), &quiz).expect_err(what);
        assert!(reason.contains(expected), "{what}: {reason}");
        // A backup holding it restores nothing.
        let everything = Everything {
            quiz_progress: vec![progress],
            ..Everything::default()
        };
        let text = backup::encode(&everything, "now").unwrap();
        let message =
            backup::read(text.as_bytes(), &questionnaire_file::bundled().unwrap()).expect_err(what);
        assert!(message.contains("quiz progress"), "{what}: {message}");
    }
}
