//! The statutory plans checklist: a built-in questionnaire on the LOIP and the locality
//! plans, in the project's own words, resting on Part 2 section B (and C) of the statutory
//! guidance, rated on the compliance scale.

use cpp_domain::questionnaire::Questionnaire;
use cpp_format::questionnaire_file::{self, BUNDLED};

const FILE_NAME: &str = "statutory-plans-checklist.json";
const ID: &str = "statutory-plans-checklist";
/// Section B (statutory plans) and C (other provisions) of Part 2 of the guidance.
const PARAGRAPHS: std::ops::RangeInclusive<u32> = 125..=170;

fn checklist_text() -> &'static str {
    include_str!("../../../questionnaires/statutory-plans-checklist.json")
}

fn checklist() -> Questionnaire {
    questionnaire_file::parse(checklist_text())
        .unwrap_or_else(|error| panic!("{FILE_NAME} is invalid:\n{error}"))
}

#[test]
fn the_checklist_is_valid_and_bundled() {
    let checklist = checklist();
    assert_eq!(checklist.id, ID);
    assert_eq!(checklist.version, "1.0.0");
    assert_eq!(
        questionnaire_file::parse_known(checklist_text()).unwrap(),
        checklist
    );
    assert!(
        BUNDLED
            .iter()
            .any(|(name, text)| *name == FILE_NAME && *text == checklist_text()),
        "{FILE_NAME} is not embedded in the app"
    );
    // The app offers bundled files for download under the questionnaire's id.
    assert_eq!(FILE_NAME, format!("{ID}.json"));
    let bundled = questionnaire_file::bundled().unwrap();
    assert_eq!(
        bundled.iter().filter(|q| q.id == ID).collect::<Vec<_>>(),
        [&checklist]
    );
}

#[test]
fn the_source_is_the_statutory_guidance_in_the_projects_own_words() {
    let source = checklist().source;
    assert!(source
        .title
        .contains("Community Empowerment (Scotland) Act 2015"));
    assert_eq!(source.publisher, "Scottish Government");
    assert_eq!(source.licence, "Open Government Licence v3.0");
    assert!(source.attribution.contains("the project's own words"));
    assert_eq!(
        source.guidance_reference,
        "Statutory guidance, Part 2 section B"
    );
}

#[test]
fn the_scale_is_the_compliance_scale_with_in_place_as_the_target() {
    let scale = checklist().scale;
    assert_eq!(scale.id, "compliance");
    let levels: Vec<(u8, &str)> = scale
        .levels
        .iter()
        .map(|level| (level.value, level.label.as_str()))
        .collect();
    assert_eq!(
        levels,
        [(3, "In place"), (2, "Partly in place"), (1, "Not in place")]
    );
    assert_eq!(scale.target, 3);
    let target = scale.levels.iter().find(|l| l.value == scale.target);
    assert_eq!(target.map(|l| l.label.as_str()), Some("In place"));
    assert_eq!(scale.dont_know.label, "Don't know");
    assert!(scale
        .levels
        .iter()
        .all(|level| !level.descriptor.trim().is_empty()));
}

#[test]
fn every_item_and_action_cites_paragraphs_of_sections_b_and_c() {
    let checklist = checklist();
    assert!(checklist.principles.len() >= 3);
    for item in checklist.expectations() {
        assert!(
            !item.guidance_paragraphs.is_empty(),
            "{} cites no paragraph",
            item.id
        );
        for paragraph in &item.guidance_paragraphs {
            assert!(
                PARAGRAPHS.contains(paragraph),
                "{} cites paragraph {paragraph}, outside 125 to 170",
                item.id
            );
        }
        assert!(
            item.guidance_paragraphs.windows(2).all(|w| w[0] < w[1]),
            "{}: list paragraphs in order, once each",
            item.id
        );
        assert!(
            (1..=3).contains(&item.prompts.len()),
            "{} has {} prompts",
            item.id,
            item.prompts.len()
        );
        assert!(
            item.prompts.iter().all(|p| !p.evidence.is_empty()),
            "{}: every prompt gives evidence examples",
            item.id
        );
        assert!(
            (1..=2).contains(&item.actions.len()),
            "{} has {} actions",
            item.id,
            item.actions.len()
        );
        for action in &item.actions {
            let paragraph = action
                .guidance_paragraph
                .unwrap_or_else(|| panic!("{}: an action cites no paragraph", item.id));
            assert!(
                PARAGRAPHS.contains(&paragraph),
                "{}: an action cites paragraph {paragraph}, outside 125 to 170",
                item.id
            );
        }
    }
}

#[test]
fn every_item_says_whether_the_act_requires_it_or_the_guidance_expects_it() {
    for item in checklist().expectations() {
        assert!(
            item.statement.contains("Statutory requirement:")
                || item.statement.contains("Guidance expectation"),
            "{} does not say whether it is a statutory requirement or a guidance expectation",
            item.id
        );
    }
}

/// Each topic the checklist must cover: a name, the item that covers it, and words its
/// statement must contain.
const TOPICS: &[(&str, &str, &[&str])] = &[
    (
        "local outcomes and the National Outcomes",
        "loip-national-outcomes",
        &["local outcome", "National Outcome"],
    ),
    (
        "the 10-year horizon with 1- and 3-year measures (LOIP)",
        "loip-horizons",
        &["10 years", "1 year", "3 years", "targets"],
    ),
    (
        "the 10-year horizon with 1- and 3-year measures (locality plans)",
        "locality-plans-horizons",
        &["10 years", "1-year", "3-year", "targets"],
    ),
    (
        "consultation on the LOIP",
        "loip-consultation",
        &["consulted", "section 6(3)"],
    ),
    (
        "consultation on locality plans",
        "locality-plans-consultation",
        &["consulted", "10(4)"],
    ),
    (
        "sign-off of the LOIP by every partner",
        "loip-sign-off",
        &["All the statutory partners", "Schedule 1", "agreed"],
    ),
    (
        "sign-off of locality plans by every partner",
        "locality-plans-sign-off",
        &["All the statutory partners", "Schedule 1", "agreed"],
    ),
    (
        "identifying localities with the poorest outcomes",
        "localities-identified",
        &["locality", "significantly poorer outcomes", "section 9"],
    ),
    (
        "locality plans for the localities with the poorest outcomes",
        "locality-plans-in-place",
        &["locality plan", "significantly poorer outcomes"],
    ),
    (
        "review of the LOIP",
        "loip-review",
        &["reviews the LOIP", "section 7(2)"],
    ),
    (
        "review of locality plans",
        "locality-plans-review",
        &["reviews each locality plan", "section 11(2)"],
    ),
    (
        "annual progress reports within 6 months",
        "progress-reports",
        &["annual progress report", "six months", "sections 8 and 12"],
    ),
];

#[test]
fn each_topic_of_the_statutory_plans_is_covered() {
    let checklist = checklist();
    for (topic, id, words) in TOPICS {
        let item = checklist
            .expectation(id)
            .unwrap_or_else(|| panic!("no item {id} covers {topic}"));
        let statement = item.statement.to_lowercase();
        for word in *words {
            assert!(
                statement.contains(&word.to_lowercase()),
                "{id} ({topic}) does not mention \"{word}\": {}",
                item.statement
            );
        }
    }
}

#[test]
fn items_are_grouped_by_plan_and_reviews_and_reports_come_last() {
    let checklist = checklist();
    let titles: Vec<&str> = checklist
        .principles
        .iter()
        .map(|p| p.title.as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "The LOIP",
            "Localities and locality plans",
            "Review and reporting"
        ]
    );
    let ids_of = |principle: usize| -> Vec<&str> {
        checklist.principles[principle]
            .expectations
            .iter()
            .map(|e| e.id.as_str())
            .collect()
    };
    assert!(ids_of(0).iter().all(|id| id.starts_with("loip-")));
    assert!(ids_of(1).iter().all(|id| id.starts_with("localit")));
    assert!(ids_of(2).contains(&"progress-reports"));
}
