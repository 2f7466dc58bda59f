//! The content corrections of an expert read of the bundled questionnaires and quiz, each
//! checked against the bundled text: what the guidance requires is called a requirement,
//! every citation is the paragraph the text rests on, the guidance's own terms are used,
//! and the sources say exactly what is quoted and on what terms. Expectation ids and
//! statements did not change, so records saved with version 1.0.0 still open.

use cpp_domain::assessment::Assessment;
use cpp_domain::partners::{LOCAL_AUTHORITY, SCHEDULE_1_PARTNERS, STATUTORY_PARTNERS};
use cpp_domain::questionnaire::{Expectation, Questionnaire, Timescale};
use cpp_domain::quiz::{Question, Quiz, Topic};
use cpp_domain::session::Session;
use cpp_format::catalogue::version_for;
use cpp_format::import::{check_ratings, check_shared_ratings, HoldsRatings};
use cpp_format::{questionnaire_file, quiz_file, record};

const PRINCIPLES: &str = "principles-of-effective-community-planning";
const CHECKLIST: &str = "board-member-checklist";

fn bundled(id: &str) -> Questionnaire {
    questionnaire_file::bundled()
        .unwrap()
        .into_iter()
        .find(|q| q.id == id)
        .unwrap_or_else(|| panic!("{id} is bundled"))
}

fn principles() -> Questionnaire {
    bundled(PRINCIPLES)
}

fn expectation<'a>(q: &'a Questionnaire, id: &str) -> &'a Expectation {
    q.expectation(id).unwrap_or_else(|| panic!("{id} exists"))
}

/// Every prompt, evidence example and action of an expectation, as one text.
fn all_text(e: &Expectation) -> String {
    let mut text = Vec::new();
    for prompt in &e.prompts {
        text.push(prompt.question.clone());
        text.extend(prompt.evidence.iter().cloned());
    }
    text.extend(e.actions.iter().map(|a| a.text.clone()));
    text.join("\n")
}

/// The first action of an expectation whose text contains `words`.
fn action_with<'a>(
    e: &'a Expectation,
    words: &str,
) -> &'a cpp_domain::questionnaire::SuggestedAction {
    e.actions
        .iter()
        .find(|a| a.text.contains(words))
        .unwrap_or_else(|| panic!("{}: no action mentions {words:?}", e.id))
}

fn quiz() -> Quiz {
    quiz_file::bundled().unwrap()
}

fn topic<'a>(quiz: &'a Quiz, id: &str) -> &'a Topic {
    quiz.topic(id)
        .unwrap_or_else(|| panic!("topic {id} is described"))
}

fn question<'a>(quiz: &'a Quiz, id: &str) -> &'a Question {
    quiz.question(id)
        .unwrap_or_else(|| panic!("question {id} exists"))
}

/// A text split into sentences, roughly: enough to find which sentence says what.
fn sentences(text: &str) -> Vec<&str> {
    text.split(". ").collect()
}

// Correction 2: the annual report's assessment of participation is a legal requirement.
#[test]
fn participation_4_calls_the_report_on_participation_a_requirement_and_cites_it() {
    let q = principles();
    let e = expectation(&q, "participation-4");
    let action = &e.actions[2];
    assert!(
        action.text.contains("requires") || action.text.contains("must"),
        "{:?}",
        action.text
    );
    for citation in ["8(2)(b)", "21", "24", "65"] {
        assert!(
            action.text.contains(citation),
            "participation-4 action 3 does not cite {citation}: {:?}",
            action.text
        );
    }
    assert_eq!(action.guidance_paragraph, Some(24));
    assert!(!action.text.contains("frank assessment of how well"));
    for paragraph in [21, 24, 65] {
        assert!(e.guidance_paragraphs.contains(&paragraph));
    }
}

// Correction 3: section 4(1) names the local authority; Schedule 1 lists the others.
#[test]
fn the_partners_summary_does_not_put_the_local_authority_in_schedule_1() {
    let quiz = quiz();
    let summary = &topic(&quiz, "partners").summary;
    assert!(summary.contains("Section 4(1)"), "{summary}");
    assert!(summary.contains("not in the Schedule"), "{summary}");
    for sentence in sentences(summary) {
        if sentence.contains("Schedule 1") && sentence.contains("local authority") {
            assert!(
                sentence.contains("not in the Schedule"),
                "a sentence puts the local authority in Schedule 1: {sentence:?}"
            );
        }
    }
    assert!(!summary.contains("It keeps the six from the 2003 Act (the local authority"));
    // The quiz's own answer on who agrees the LOIP says the same.
    let loip_5 = question(&quiz, "loip-5");
    assert!(loip_5
        .correct_options()
        .any(|o| o.text.contains("Schedule 1") && o.text.contains("plus the local authority")));
}

// Correction 4: a statutory basis, not a separate legal body; incorporation as the
// guidance describes it.
#[test]
fn duties_3_asks_about_a_separate_legal_body_and_follows_the_guidance_on_incorporation() {
    let quiz = quiz();
    let q = question(&quiz, "duties-3");
    assert!(!q.text.contains("statutory body"), "{}", q.text);
    assert!(q.text.contains("separate legal body"), "{}", q.text);
    for words in ["jointly", "13(2)", "regulations", "Scottish Parliament"] {
        assert!(q.explanation.contains(words), "{words}: {}", q.explanation);
    }
    assert!(!q.explanation.contains("all its partners agree"));
    assert_eq!(q.source.source, "guidance");
    assert!(
        q.source.location.contains("169") || q.source.location.contains("167 to 170"),
        "{}",
        q.source.location
    );
    let duties = &topic(&quiz, "duties").summary;
    assert!(!duties.contains("statutory body"), "{duties}");
}

// Correction 5: joint and individual responsibility (paragraph 138); the 2016 Act named.
#[test]
fn the_loip_summary_separates_joint_and_individual_responsibility() {
    let quiz = quiz();
    let summary = &topic(&quiz, "loip").summary;
    assert!(!summary.contains("jointly and individually responsible for delivering"));
    assert!(summary.contains("jointly responsible for making sure the CPP delivers"));
    assert!(summary.contains("individually responsible for how it acts as a partner"));
}

#[test]
fn the_empowerment_summary_names_the_community_justice_act() {
    let quiz = quiz();
    assert!(topic(&quiz, "empowerment")
        .summary
        .contains("Community Justice (Scotland) Act 2016"));
}

// Correction 6: paragraph 91's terms: primary (or targeted) prevention and early
// intervention (secondary prevention) are one pair, not "early" and "targeted".
#[test]
fn prevention_1_uses_the_guidance_terms_for_kinds_of_prevention() {
    let q = principles();
    let e = expectation(&q, "prevention-1");
    assert!(!all_text(e).contains("early, targeted"));
    let prompt = &e.prompts[2];
    let action = action_with(e, "Sort current LOIP actions");
    for text in [prompt.question.as_str(), action.text.as_str()] {
        for term in [
            "primary (or targeted) prevention",
            "early intervention (secondary prevention)",
            "recovery-based",
        ] {
            assert!(text.contains(term), "{term} missing from {text:?}");
        }
    }
    assert_eq!(action.guidance_paragraph, Some(91));
    let quiz = quiz();
    assert!(topic(&quiz, "prevention")
        .summary
        .contains("early intervention (secondary prevention)"));
}

// Correction 7: actions kept within what the guidance says.
struct Rewritten {
    expectation: &'static str,
    action: usize,
    never: &'static [&'static str],
    says: &'static [&'static str],
    paragraph: u32,
}

#[test]
fn actions_stay_within_what_the_guidance_says() {
    let q = principles();
    let cases = [
        Rewritten {
            expectation: "prevention-3",
            action: 0,
            never: &["pooled prevention fund", "in proportion to"],
            says: &["responsible for improving the outcomes"],
            paragraph: 109,
        },
        Rewritten {
            expectation: "participation-3",
            action: 1,
            never: &["mainstream services", "agreed share"],
            says: &[
                "participatory budgeting",
                "limits within which residents choose",
            ],
            paragraph: 18,
        },
        Rewritten {
            expectation: "priorities-2",
            action: 0,
            never: &["for each LOIP outcome", "every"],
            says: &[
                "Where a priority aims to narrow the gap",
                "not aimed at inequality",
            ],
            paragraph: 32,
        },
    ];
    for case in &cases {
        let id = case.expectation;
        let action = &expectation(&q, id).actions[case.action];
        for words in case.never {
            assert!(!action.text.contains(words), "{id}: {:?}", action.text);
        }
        for words in case.says {
            assert!(action.text.contains(words), "{id}: {:?}", action.text);
        }
        assert_eq!(action.guidance_paragraph, Some(case.paragraph), "{id}");
    }
    let priorities_2 = expectation(&q, "priorities-2");
    assert!(priorities_2.guidance_paragraphs.contains(&36));
    assert!(!all_text(priorities_2).contains("Gap indicators for each priority"));
}

// Correction 8: leadership-3 rests on the reform paragraphs; neighbouring CPPs moved.
#[test]
fn leadership_3_cites_only_reform_paragraphs_and_neighbouring_cpps_moved() {
    let q = principles();
    let e = expectation(&q, "leadership-3");
    for paragraph in [42, 46] {
        assert!(!e.guidance_paragraphs.contains(&paragraph), "{paragraph}");
        assert!(e
            .actions
            .iter()
            .all(|a| a.guidance_paragraph != Some(paragraph)));
    }
    assert!(e.guidance_paragraphs.contains(&41));
    assert!(!all_text(e).contains("neighbouring"));
    let home = ["leadership-1", "leadership-2", "resourcing-2"]
        .into_iter()
        .map(|id| expectation(&q, id))
        .find(|e| all_text(e).contains("neighbouring"))
        .expect("the neighbouring-CPP prompt and action have a home");
    assert!(home.guidance_paragraphs.contains(&42));
    assert!(home
        .prompts
        .iter()
        .any(|p| p.question.contains("neighbouring")));
    assert_eq!(
        action_with(home, "neighbouring CPP").guidance_paragraph,
        Some(42)
    );
}

#[test]
fn inequalities_2_cites_paragraph_83() {
    let q = principles();
    assert!(expectation(&q, "inequalities-2")
        .guidance_paragraphs
        .contains(&83));
}

// Correction 9: weak action citations.
#[test]
fn actions_cite_the_paragraph_they_rest_on() {
    let q = principles();
    // (expectation, words in the action, the paragraph it cites, paragraphs named in its text)
    let cases: &[(&str, &str, u32, &[&str])] = &[
        ("governance-4", "six months", 65, &[]),
        ("understanding-1", "assets", 85, &[]),
        ("priorities-1", "one, three and ten years", 82, &["129"]),
        ("performance-3", "Scale up interventions", 124, &[]),
        ("participation-5", "joint learning sessions", 50, &[]),
        (
            "understanding-1",
            "locality boundaries",
            78,
            &["78", "147", "164"],
        ),
    ];
    for (id, words, paragraph, named) in cases {
        let e = expectation(&q, id);
        let action = action_with(e, words);
        assert_eq!(action.guidance_paragraph, Some(*paragraph), "{id}: {words}");
        assert!(
            e.guidance_paragraphs.contains(paragraph),
            "{id} does not list paragraph {paragraph}"
        );
        for number in *named {
            assert!(action.text.contains(number), "{id}: {:?}", action.text);
        }
    }
    assert!(expectation(&q, "performance-3")
        .guidance_paragraphs
        .contains(&98));
    let boundaries = action_with(expectation(&q, "understanding-1"), "locality boundaries");
    assert!(boundaries.text.contains("criteria set in regulations"));
}

// Correction 10: the CPP Board expectations questionnaire and the Notebook 1 link.
#[test]
fn the_board_expectations_state_their_terms_and_name() {
    let q = bundled(CHECKLIST);
    assert_eq!(q.id, CHECKLIST, "records are keyed by the id");
    assert_eq!(q.title, "CPP Board expectations (Notebook 1)");
    assert!(!q.title.to_lowercase().contains("checklist"));
    assert_eq!(
        q.source.licence,
        "© Improvement Service, reproduced for self-assessment; permission to be confirmed"
    );
    assert!(!q.source.licence.contains("Crown"));
    assert!(q.source.attribution.contains("not Crown copyright"));
    assert!(q
        .summary
        .contains("not the Improvement Service's own checklist"));
    let board_2 = expectation(&q, "board-2");
    let programme = action_with(board_2, "programme of joint service redesign");
    assert_ne!(programme.timescale, Timescale::Long);
}

#[test]
fn the_notebook_link_says_it_opens_the_publishers_website() {
    let quiz = quiz();
    let notebook = quiz.source("notebook-1").expect("the notebook is a source");
    assert!(
        notebook.title.contains("publisher's website"),
        "{}",
        notebook.title
    );
    // No address is invented: the seed names only the publisher's site.
    assert_eq!(
        notebook.url.as_deref(),
        Some("https://www.improvementservice.org.uk/")
    );
}

// Correction 11: the quoted text is the Summary of Expectations, which differs from the
// boxes of Part 2 section A for prevention-1.
#[test]
fn the_source_says_which_text_the_statements_quote() {
    let q = principles();
    let statement = &expectation(&q, "prevention-1").statement;
    assert!(
        statement.ends_with("improving long term sustainability of public service provision.."),
        "the statement is quoted as the Summary has it"
    );
    assert!(q.source.title.contains("Summary of Expectations"));
    assert!(q.source.attribution.contains("Part 1"));
    assert!(q.source.attribution.contains("'supporting'"));
    assert!(q
        .source
        .attribution
        .contains("The Summary's wording is the one quoted"));
    assert!(q.cites_statutory_guidance());
    let reference = q.guidance_reference(&[88, 89]);
    assert!(
        reference.contains("Summary of Expectations") && reference.contains("Part 2 section A"),
        "{reference}"
    );
}

// Correction 12: the partners list is the local authority and the Schedule 1 partners.
#[test]
fn the_partner_list_is_the_local_authority_then_schedule_1() {
    assert_eq!(STATUTORY_PARTNERS[0], LOCAL_AUTHORITY);
    assert_eq!(LOCAL_AUTHORITY, "Local authority");
    assert!(!SCHEDULE_1_PARTNERS.contains(&LOCAL_AUTHORITY));
    assert_eq!(SCHEDULE_1_PARTNERS.len() + 1, STATUTORY_PARTNERS.len());
    let source = include_str!("../../domain/src/partners.rs");
    let first_line = source.lines().next().unwrap();
    assert!(!first_line.contains("Schedule 1"), "{first_line}");
    assert!(source.contains("not in Schedule 1"));
}

// Coverage the questionnaire missed.
#[test]
fn the_questionnaire_covers_what_the_expert_read_found_missing() {
    let q = principles();
    // (what, expectation, paragraphs it must list, words in a prompt, words in its evidence)
    let cases: &[(&str, &str, &[u32], &str, &str)] = &[
        (
            "risk management",
            "governance-3",
            &[57, 59],
            "risks",
            "risk management strategy",
        ),
        (
            "National Standards for Community Engagement",
            "participation-1",
            &[2],
            "National Standards for Community Engagement",
            "National Standards",
        ),
        (
            "local outcomes linked to the National Outcomes",
            "priorities-1",
            &[],
            "National Outcomes",
            "paragraph 128",
        ),
        (
            "section 5 and the Equality Act",
            "inequalities-1",
            &[25, 28],
            "Equality Act 2010",
            "socio-economic disadvantage",
        ),
        (
            "community assets",
            "priorities-3",
            &[85],
            "assets",
            "libraries",
        ),
    ];
    for (what, id, paragraphs, prompt_words, evidence_words) in cases {
        let e = expectation(&q, id);
        for paragraph in *paragraphs {
            assert!(e.guidance_paragraphs.contains(paragraph), "{what}: {id}");
        }
        let prompt = e
            .prompts
            .iter()
            .find(|p| p.question.contains(prompt_words))
            .unwrap_or_else(|| panic!("{what}: no prompt in {id}"));
        assert!(
            prompt.evidence.iter().any(|ev| ev.contains(evidence_words)),
            "{what}: {id}"
        );
    }
    let inequalities_1 = expectation(&q, "inequalities-1");
    assert!(inequalities_1
        .prompts
        .iter()
        .any(|p| p.question.contains("section 5")));
    assert!(expectation(&q, "understanding-2")
        .prompts
        .iter()
        .flat_map(|p| &p.evidence)
        .any(|ev| ev.contains("National Standards for Community Engagement")));
    assert!(expectation(&q, "performance-1")
        .prompts
        .iter()
        .flat_map(|p| &p.evidence)
        .any(|ev| ev.contains("risks to future performance")));
    assert_eq!(
        action_with(expectation(&q, "governance-3"), "risk management strategy").guidance_paragraph,
        Some(59)
    );
    assert!(
        action_with(expectation(&q, "priorities-1"), "National Outcome")
            .text
            .contains("128")
    );
}

// The content change is a new version; ids stay, so older records still open.
#[test]
fn the_corrected_files_are_version_1_1_0_with_the_same_ids() {
    assert_eq!(principles().version, "1.1.0");
    assert_eq!(bundled(CHECKLIST).version, "1.1.0");
    assert_eq!(quiz().version, "1.1.0");
    let ids: Vec<String> = principles().expectations().map(|e| e.id.clone()).collect();
    let mut expected = Vec::new();
    for (principle, count) in [
        ("participation", 5),
        ("inequalities", 4),
        ("leadership", 3),
        ("governance", 4),
        ("understanding", 2),
        ("priorities", 3),
        ("prevention", 4),
        ("resourcing", 5),
        ("performance", 3),
    ] {
        expected.extend((1..=count).map(|n| format!("{principle}-{n}")));
    }
    assert_eq!(ids, expected);
    let board: Vec<String> = bundled(CHECKLIST)
        .expectations()
        .map(|e| e.id.clone())
        .collect();
    assert_eq!(
        board,
        ["board-1", "board-2", "board-3", "board-4", "board-5"]
    );
}

/// Opens a stored record as the app does: the version it answers if available, else the
/// latest of the same questionnaire, with its ratings checked before any page shows them.
fn opens<T: HoldsRatings>(record: &T, id: &str, version: &str) -> Questionnaire {
    let available = questionnaire_file::bundled().unwrap();
    let questionnaire = version_for(&available, id, version)
        .unwrap_or_else(|| panic!("{id} {version} opens"))
        .clone();
    assert_eq!(questionnaire.id, id);
    assert_eq!(questionnaire.version, "1.1.0");
    assert_eq!(check_shared_ratings(&questionnaire, record), Ok(()));
    // Every rated expectation is still there, so the full check passes too.
    assert_eq!(check_ratings(&questionnaire, record), Ok(()));
    questionnaire
}

#[test]
fn records_saved_with_1_0_0_still_open_against_1_1_0() {
    for text in [
        include_str!("fixtures/stored/assessment-v1.json"),
        include_str!("fixtures/stored/assessment-v2.json"),
        include_str!("fixtures/stored/assessment-v3.json"),
    ] {
        let a: Assessment = record::decode(text).unwrap();
        assert_eq!(a.questionnaire_version, "1.0.0");
        let q = opens(&a, &a.questionnaire_id, &a.questionnaire_version);
        for id in a.responses.keys() {
            assert!(q.expectation(id).is_some(), "{id}");
        }
    }
    for text in [
        include_str!("fixtures/stored/session-v2.json"),
        include_str!("fixtures/stored/session-v3.json"),
        include_str!("fixtures/stored/session-v4.json"),
    ] {
        let s: Session = record::decode(text).unwrap();
        assert_eq!(s.questionnaire_version, "1.0.0");
        opens(&s, &s.questionnaire_id, &s.questionnaire_version);
    }
}

#[test]
fn each_questionnaire_asks_a_question_its_scale_can_answer() {
    let table = [
        (
            PRINCIPLES,
            "How well does your partnership meet this expectation?",
        ),
        (CHECKLIST, "How far do you agree that your board does this?"),
        ("statutory-plans-checklist", "How far is this in place?"),
    ];
    for (id, question) in table {
        assert_eq!(bundled(id).scale.question, question, "{id}");
    }
    // A file may word its own question, but not leave it blank.
    let national = questionnaire_file::BUNDLED[0].1;
    let blank = national.replacen(
        "\"target\": 4",
        "\"target\": 4,\n    \"question\": \" \"",
        1,
    );
    assert_ne!(blank, national);
    assert!(questionnaire_file::parse(&blank).is_err());
}

#[test]
fn the_quiz_says_once_how_many_answers_to_choose() {
    let quiz: Quiz = quiz_file::bundled().unwrap();
    let repeated: Vec<&str> = quiz
        .questions
        .iter()
        .filter(|q| q.text.contains("Select all that apply"))
        .map(|q| q.id.as_str())
        .collect();
    assert_eq!(
        repeated,
        Vec::<&str>::new(),
        "the page says it beside the options"
    );
}
