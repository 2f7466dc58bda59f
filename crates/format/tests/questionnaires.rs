//! Every questionnaire file in `questionnaires/` must load, and the validator must reject
//! each kind of broken file with a message that names the field.

use std::fs;
use std::path::Path;

use cpp_format::checked_json::FileError as QuestionnaireError;
use cpp_format::questionnaire_file::{self, BUNDLED};
use serde_json::{json, Value};

const PRINCIPLES_FILE: &str = "questionnaires/principles-of-effective-community-planning.json";

fn questionnaire_files() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join("questionnaires");
    let mut files: Vec<(String, String)> = fs::read_dir(&dir)
        .expect("questionnaires/ exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| {
            path.extension().is_some_and(|ext| ext == "json")
                && !path.to_string_lossy().ends_with(".quiz.json")
        })
        .map(|path| {
            let text = fs::read_to_string(&path).expect("readable file");
            (path.display().to_string(), text)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_questionnaire_file_is_valid_and_bundled() {
    let files = questionnaire_files();
    assert!(!files.is_empty(), "no questionnaire files found");
    for (path, text) in &files {
        if let Err(error) = questionnaire_file::parse(text) {
            panic!("{path} is invalid:\n{error}");
        }
        let name = Path::new(path)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string();
        assert!(
            BUNDLED
                .iter()
                .any(|(bundled, bundled_text)| *bundled == name && bundled_text == text),
            "{name} is not embedded in the app"
        );
    }
    assert_eq!(files.len(), BUNDLED.len());
}

#[test]
fn the_start_page_count_is_the_national_questionnaires() {
    let national = &questionnaire_file::bundled().unwrap()[0];
    assert_eq!(national.id, "principles-of-effective-community-planning");
    assert_eq!(
        national.expectation_count(),
        questionnaire_file::NATIONAL_EXPECTATION_COUNT
    );
}

#[test]
fn the_worked_example_and_the_template_are_valid() {
    for name in ["worked-example.json", "template.json"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join("questionnaires/examples")
            .join(name);
        let text = fs::read_to_string(&path).expect("example file");
        if let Err(error) = questionnaire_file::parse(&text) {
            panic!("{name} is invalid:\n{error}");
        }
    }
}

#[test]
fn the_writing_aids_offered_are_the_files_in_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join("questionnaires");
    let expected = [
        (
            "questionnaire-template.json",
            root.join("examples/template.json"),
        ),
        (
            "questionnaire-worked-example.json",
            root.join("examples/worked-example.json"),
        ),
        ("questionnaire-format-guide.md", root.join("README.md")),
    ];
    assert_eq!(questionnaire_file::WRITING_AIDS.len(), expected.len());
    for ((name, text), (expected_name, path)) in
        questionnaire_file::WRITING_AIDS.iter().zip(expected)
    {
        assert_eq!(*name, expected_name);
        assert_eq!(*text, fs::read_to_string(path).unwrap());
    }
}

#[test]
fn valid_files_read_the_same_whether_checked_or_known() {
    let mut texts: Vec<String> = BUNDLED.iter().map(|(_, text)| (*text).to_owned()).collect();
    texts.push(include_str!("../../../questionnaires/examples/worked-example.json").to_owned());
    for text in texts {
        assert_eq!(
            questionnaire_file::parse(&text).unwrap(),
            questionnaire_file::parse_known(&text).unwrap()
        );
    }
}

#[test]
fn the_board_member_checklist_quotes_the_notebook_and_uses_the_agreement_scale() {
    let text = include_str!("../../../questionnaires/board-member-checklist.json");
    let checklist = questionnaire_file::parse(text).expect("valid checklist");
    let published: Vec<&str> = include_str!("fixtures/board-expectations.txt")
        .split_once("---\n")
        .expect("fixture header")
        .1
        .lines()
        .map(|line| line.trim().trim_start_matches("- "))
        .filter(|line| !line.is_empty())
        .collect();
    let statements: Vec<&str> = checklist
        .expectations()
        .map(|e| e.statement.as_str())
        .collect();
    assert_eq!(statements, published);
    let labels: Vec<&str> = checklist
        .scale
        .levels
        .iter()
        .map(|l| l.label.as_str())
        .collect();
    assert_eq!(
        labels,
        ["Strongly agree", "Agree", "Disagree", "Strongly disagree"]
    );
    assert_eq!(checklist.scale.dont_know.label, "Don't know");
}

fn principles_questionnaire() -> String {
    fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(PRINCIPLES_FILE),
    )
    .unwrap()
}

/// The statements as published, one list per principle, read from the excerpt of the
/// guidance kept beside the tests.
fn published_statements() -> Vec<(String, Vec<String>)> {
    let text = include_str!("fixtures/summary-of-expectations.txt");
    let body = text.split_once("---\n").expect("fixture header").1;
    let mut principles: Vec<(String, Vec<String>)> = Vec::new();
    for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(statement) = line.strip_prefix('•') {
            principles
                .last_mut()
                .expect("a principle heading first")
                .1
                .push(statement.trim().to_owned());
        } else {
            principles.push((line.to_owned(), Vec::new()));
        }
    }
    principles
}

#[test]
fn principles_questionnaire_quotes_every_statement_exactly() {
    let q = questionnaire_file::parse(&principles_questionnaire()).unwrap();
    let published = published_statements();
    assert_eq!(published.len(), 9);
    assert_eq!(q.principles.len(), 9);
    assert_eq!(q.expectation_count(), 33);
    for (principle, (title, statements)) in q.principles.iter().zip(&published) {
        assert_eq!(&principle.title, title);
        let ours: Vec<&str> = principle
            .expectations
            .iter()
            .map(|e| e.statement.as_str())
            .collect();
        assert_eq!(
            ours,
            statements.iter().map(String::as_str).collect::<Vec<_>>()
        );
    }
    assert!(q.source.licence.contains("Open Government Licence v3.0"));
}

#[test]
fn principles_questionnaire_has_full_guidance_for_each_expectation() {
    let q = questionnaire_file::parse(&principles_questionnaire()).unwrap();
    let mut action_texts = std::collections::BTreeSet::new();
    for e in q.expectations() {
        assert!(
            !e.guidance_paragraphs.is_empty(),
            "{}: no guidance paragraphs",
            e.id
        );
        for paragraph in &e.guidance_paragraphs {
            assert!(
                (1..=124).contains(paragraph),
                "{}: paragraph {paragraph} is outside section A",
                e.id
            );
        }
        assert!(
            (2..=4).contains(&e.prompts.len()),
            "{}: {} prompts",
            e.id,
            e.prompts.len()
        );
        for prompt in &e.prompts {
            assert!(
                !prompt.evidence.is_empty(),
                "{}: a prompt has no evidence examples",
                e.id
            );
        }
        assert!(e.actions.len() >= 2, "{}: fewer than two actions", e.id);
        for action in &e.actions {
            assert!(
                action
                    .guidance_paragraph
                    .is_some_and(|p| (1..=124).contains(&p)),
                "{}: action paragraph",
                e.id
            );
            assert!(
                action_texts.insert(action.text.clone()),
                "{}: repeated action {:?}",
                e.id,
                action.text
            );
        }
    }
    let labels: Vec<&str> = q.scale.levels.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Excellent",
            "Very good",
            "Good",
            "Satisfactory",
            "Weak",
            "Unsatisfactory"
        ]
    );
    assert_eq!(
        q.scale.level(q.scale.target).map(|l| l.label.as_str()),
        Some("Good")
    );
    assert_eq!(q.scale.dont_know.label, "Don't know / not enough evidence");
}

/// Applies a change to a valid questionnaire and expects the validator to name `path`.
fn rejects(change: impl FnOnce(&mut Value), expected_path: &str) {
    let mut doc: Value = serde_json::from_str(&principles_questionnaire()).unwrap();
    change(&mut doc);
    let text = serde_json::to_string_pretty(&doc).unwrap();
    // Files checked before are read with the same rules, only without paths and lines.
    assert!(
        questionnaire_file::parse_known(&text).is_err(),
        "parse_known accepted a file that should fail at {expected_path}"
    );
    match questionnaire_file::parse(&text) {
        Ok(_) => panic!("accepted a file that should fail at {expected_path}"),
        Err(QuestionnaireError::Invalid(problems)) => assert!(
            problems.iter().any(|p| p.path == expected_path),
            "expected a problem at {expected_path}, got {problems:?}"
        ),
        Err(QuestionnaireError::Syntax { message, .. }) => assert!(
            message.contains(expected_path),
            "expected a syntax message naming {expected_path}, got {message}"
        ),
    }
}

fn expectation(doc: &mut Value, principle: usize, expectation: usize) -> &mut Value {
    &mut doc["principles"][principle]["expectations"][expectation]
}

#[test]
fn broken_questionnaires_are_rejected_naming_the_field() {
    rejects(|d| d["format"] = json!("something"), "format");
    rejects(|d| d["format_version"] = json!(2), "format_version");
    rejects(|d| d["id"] = json!("Has Spaces"), "id");
    // A member's turn ends at the address ".../finish": no expectation may be called that.
    rejects(
        |d| expectation(d, 0, 0)["id"] = json!("finish"),
        "principles[0].expectations[0].id",
    );
    rejects(|d| d["title"] = json!("  "), "title");
    rejects(|d| d["principles"] = json!([]), "principles");
    rejects(
        |d| d["principles"][1]["id"] = d["principles"][0]["id"].clone(),
        "principles[1].id",
    );
    rejects(
        |d| {
            let first = expectation(d, 0, 0)["id"].clone();
            expectation(d, 2, 1)["id"] = first;
        },
        "principles[2].expectations[1].id",
    );
    rejects(
        |d| expectation(d, 0, 2)["statement"] = json!(""),
        "principles[0].expectations[2].statement",
    );
    rejects(
        |d| {
            expectation(d, 0, 0)
                .as_object_mut()
                .unwrap()
                .remove("statement");
        },
        "statement",
    );
    rejects(
        |d| expectation(d, 1, 0)["prompts"] = json!([]),
        "principles[1].expectations[0].prompts",
    );
    rejects(
        |d| expectation(d, 1, 0)["actions"] = json!([]),
        "principles[1].expectations[0].actions",
    );
    rejects(
        |d| {
            expectation(d, 3, 1)["actions"][0]
                .as_object_mut()
                .unwrap()
                .remove("timescale");
        },
        "timescale",
    );
    rejects(
        |d| expectation(d, 3, 1)["actions"][1]["timescale"] = json!("soon"),
        "principles[3].expectations[1].actions[1].timescale",
    );
    rejects(
        |d| expectation(d, 3, 1)["actions"][1]["guidance_paragraph"] = json!(0),
        "principles[3].expectations[1].actions[1].guidance_paragraph",
    );
    rejects(|d| d["scale"]["target"] = json!(9), "scale.target");
    rejects(
        |d| d["scale"]["levels"][1]["value"] = json!(6),
        "scale.levels[1].value",
    );
    rejects(
        |d| d["scale"]["levels"][0]["value"] = json!(0),
        "scale.levels[0].value",
    );
    rejects(
        |d| d["scale"]["levels"] = json!([d["scale"]["levels"][0].clone()]),
        "scale.levels",
    );
    rejects(
        |d| d["scale"]["levels"][2]["label"] = json!(""),
        "scale.levels[2].label",
    );
    rejects(
        |d| d["scale"]["dont_know"]["label"] = json!(""),
        "scale.dont_know.label",
    );
    rejects(|d| d["surprise"] = json!(true), "surprise");
}

#[test]
fn syntax_errors_give_a_line_number() {
    let text = "{\n  \"format\": \"cpp-questionnaire\",\n  \"format_version\": 1,\n  oops\n}";
    match questionnaire_file::parse(text) {
        Err(QuestionnaireError::Syntax { line, .. }) => assert_eq!(line, 4),
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn rule_problems_give_the_line_of_the_field() {
    let mut doc: Value = serde_json::from_str(&principles_questionnaire()).unwrap();
    doc["principles"][1]["expectations"][0]["statement"] = json!("");
    expectation(&mut doc, 2, 0)
        .as_object_mut()
        .unwrap()
        .insert("prompts".into(), json!([]));
    let text = serde_json::to_string_pretty(&doc).unwrap();
    let Err(QuestionnaireError::Invalid(problems)) = questionnaire_file::parse(&text) else {
        panic!("expected rule problems");
    };
    let line_of = |needle: &str, nth: usize| {
        text.lines()
            .enumerate()
            .filter(|(_, line)| line.contains(needle))
            .nth(nth)
            .map(|(i, _)| i + 1)
    };
    let statement = problems
        .iter()
        .find(|p| p.path == "principles[1].expectations[0].statement")
        .expect("statement problem");
    assert_eq!(statement.line, line_of("\"statement\": \"\"", 0));
    assert!(statement.to_string().starts_with(&format!(
        "Line {}, principles[1].expectations[0].statement",
        statement.line.unwrap()
    )));
    let prompts = problems
        .iter()
        .find(|p| p.path == "principles[2].expectations[0].prompts")
        .expect("prompts problem");
    assert_eq!(prompts.line, line_of("\"prompts\": []", 0));
}

/// A change to a valid questionnaire file.
type Change = fn(&mut Value);

#[test]
fn type_and_structure_problems_name_the_field_in_plain_words() {
    let cases: [(Change, &str, &str); 4] = [
        (
            |d| {
                expectation(d, 0, 1)
                    .as_object_mut()
                    .unwrap()
                    .remove("statement");
            },
            "principles[0].expectations[1]",
            "the field \"statement\" is missing: add it",
        ),
        (
            |d| d["scale"]["target"] = json!("four"),
            "scale.target",
            "the value has the wrong type: it should be a whole number",
        ),
        (
            |d| expectation(d, 1, 0)["prompts"] = json!("none"),
            "principles[1].expectations[0].prompts",
            "the value has the wrong type: it should be a list in square brackets",
        ),
        (
            |d| d["principles"][0]["colour"] = json!("red"),
            "principles[0].colour",
            "\"colour\" is not a field of this format: remove it or correct its spelling",
        ),
    ];
    for (change, expected_path, expected_message) in cases {
        let mut doc: Value = serde_json::from_str(&principles_questionnaire()).unwrap();
        change(&mut doc);
        let text = serde_json::to_string_pretty(&doc).unwrap();
        match questionnaire_file::parse(&text) {
            Err(QuestionnaireError::Syntax {
                path,
                message,
                line,
                ..
            }) => {
                assert_eq!(path, expected_path);
                assert_eq!(message, expected_message);
                assert!(line > 1, "{expected_path}: no line");
            }
            other => panic!("{expected_path}: expected a syntax problem, got {other:?}"),
        }
    }
}

#[test]
fn truncated_and_non_json_files_say_what_is_wrong() {
    let whole = principles_questionnaire();
    let cut = &whole[..whole.len() / 2];
    let Err(error) = questionnaire_file::parse(cut) else {
        panic!("accepted a truncated file");
    };
    assert!(
        error.to_string().contains("the file ends too soon"),
        "{error}"
    );
    let Err(error) = questionnaire_file::parse("title: not json") else {
        panic!("accepted text that is not JSON");
    };
    let message = error.to_string();
    assert!(
        message.starts_with("Line 1, column") && message.contains("this is not valid JSON"),
        "{message}"
    );
}

#[test]
fn a_loaded_questionnaire_may_not_reuse_an_available_id_and_version() {
    use cpp_format::questionnaire_file::{check_new, LoadProblem};
    let available = questionnaire_file::bundled().unwrap();
    let national = principles_questionnaire();
    assert!(matches!(
        check_new(&national, &available),
        Err(LoadProblem::AlreadyLoaded { .. })
    ));
    let mut changed: Value = serde_json::from_str(&national).unwrap();
    changed["principles"][0]["title"] = json!("Our own title");
    let changed_text = serde_json::to_string_pretty(&changed).unwrap();
    let refused = check_new(&changed_text, &available).unwrap_err();
    assert!(matches!(refused, LoadProblem::VersionTaken { .. }));
    assert!(refused
        .to_string()
        .contains("give your changed file a new \"version\""));
    changed["version"] = json!("1.0.0-anytown");
    let tailored = check_new(&serde_json::to_string(&changed).unwrap(), &available)
        .expect("a new version of the national questionnaire loads");
    assert_eq!(tailored.principles[0].title, "Our own title");
    assert!(matches!(
        check_new("{}", &available),
        Err(LoadProblem::Invalid(_))
    ));
}
