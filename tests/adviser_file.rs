//! The adviser file carries ratings, counts and agreed ratings, and only the coarse
//! attributes the partnership opted into: never participant labels or free text.

use cpp_self_assessment::domain::assessment::Assessment;
use cpp_self_assessment::domain::collation::Source;
use cpp_self_assessment::domain::questionnaire::Questionnaire;
use cpp_self_assessment::domain::rating::Rating;
use cpp_self_assessment::domain::session::Session;
use cpp_self_assessment::format::adviser_file::{self, validate_code, AdviserChoices};
use cpp_self_assessment::format::{questionnaire_file, record};

fn questionnaire() -> Questionnaire {
    questionnaire_file::bundled().unwrap().remove(0)
}

fn choices(include_name: bool, include_sectors: bool) -> AdviserChoices {
    AdviserChoices {
        partnership_code: "CPP-07".into(),
        include_name,
        include_sectors,
    }
}

#[test]
fn from_an_assessment_without_free_text() {
    let q = questionnaire();
    let a: Assessment = record::decode(include_str!("fixtures/stored/assessment-v1.json")).unwrap();
    let file = adviser_file::from_assessment(&q, &a, &choices(false, false));
    assert_eq!(file.source, Source::Assessment);
    assert_eq!(file.partnership_name, None);
    assert_eq!(file.ratings.get("participation-1"), Some(&Rating::Level(4)));
    assert_eq!(file.ratings.get("participation-2"), Some(&Rating::DontKnow));
    assert_eq!(file.ratings.len(), 2);
    assert_eq!(file.planned, ["inequalities-1", "participation-1"]);
    let text = record::encode_pretty(&file);
    for private in [
        "Anytown",
        "Minutes of the March board",
        "Board member",
        "Map which community bodies",
        "Police Scotland",
        "Third sector interface",
    ] {
        assert!(
            !text.contains(private),
            "{private} must not be in the adviser file"
        );
    }
    assert_eq!(adviser_file::decode(&text), Ok(file));
    let named = adviser_file::from_assessment(&q, &a, &choices(true, false));
    assert_eq!(
        named.partnership_name.as_deref(),
        Some("Anytown Community Planning Partnership")
    );
}

#[test]
fn from_a_session_with_private_counts_only_where_they_could_be_shown() {
    use cpp_self_assessment::domain::session::{Ballot, HandCount, Sector, SessionDetails};
    let q = questionnaire();
    let mut s = Session::new(
        "s".into(),
        &q,
        SessionDetails {
            partnership: "Anytown CPP".into(),
            date: "2026-11-23".into(),
        },
        "t".into(),
    );
    for (i, level) in [2, 3, 4, 4, 4].into_iter().enumerate() {
        let mut ratings = std::collections::BTreeMap::new();
        ratings.insert("participation-1".to_owned(), Rating::Level(level));
        if i < 2 {
            ratings.insert("participation-2".to_owned(), Rating::Level(level));
        }
        s.add_ballot(Ballot {
            token: None,
            ratings,
        })
        .unwrap();
    }
    // Four public hands for Very good: never passed off as private ratings.
    s.set_hands(
        "participation-1",
        HandCount {
            levels: [(5, 4)].into(),
            dont_know: 0,
        },
    );
    s.set_attendance(Sector::LocalAuthority, 3);
    s.set_attendance(Sector::PoliceScotland, 1);
    s.consensus_mut("participation-1").rating = Some(Rating::Level(4));
    s.consensus_mut("participation-1").rationale = "Strong engagement plan".into();
    let open = adviser_file::from_session(&q, &s, &choices(false, true));
    assert!(
        open.counts.is_empty(),
        "no counts while the ballot box is open"
    );

    s.close_ballot_box().unwrap();
    let file = adviser_file::from_session(&q, &s, &choices(false, true));
    assert_eq!(file.source, Source::Session);
    assert_eq!(file.ratings.get("participation-1"), Some(&Rating::Level(4)));
    let counts = &file.counts["participation-1"];
    assert_eq!(counts.levels, [(2, 1), (3, 1), (4, 3)].into());
    assert!(
        !file.counts.contains_key("participation-2"),
        "2 answers: too few"
    );
    let sectors = file.sectors.clone().unwrap();
    assert_eq!(sectors.get("local_authority"), Some(&3));
    assert_eq!(sectors.get("other_sectors"), Some(&1));
    assert!(
        !sectors.contains_key("police_scotland"),
        "one member is never named"
    );
    let text = record::encode_pretty(&file);
    assert!(!text.contains("Strong engagement plan"));
    assert!(adviser_file::from_session(&q, &s, &choices(false, false))
        .sectors
        .is_none());

    // A session migrated from version 1: two private ballots under a threshold of 6.
    let old: Session = record::decode(include_str!("fixtures/stored/session-v1.json")).unwrap();
    let file = adviser_file::from_session(&q, &old, &choices(false, true));
    assert!(file.counts.is_empty());
    let text = record::encode_pretty(&file);
    for private in [
        "Member 1",
        "member-1",
        "Map community bodies",
        "Agree a shared view",
        "abc123",
    ] {
        assert!(
            !text.contains(private),
            "{private} must not be in the adviser file"
        );
    }
}

#[test]
fn partnership_codes() {
    for (input, ok) in [
        ("CPP-07", true),
        ("  North 3 ", true),
        ("", false),
        ("<b>", false),
        ("x".repeat(41).as_str(), false),
    ] {
        assert_eq!(validate_code(input).is_ok(), ok, "{input:?}");
    }
    assert_eq!(validate_code("  North 3 ").unwrap(), "North 3");
}

#[test]
fn other_files_are_not_adviser_files() {
    let error = adviser_file::decode(include_str!("fixtures/stored/session-v1.json")).unwrap_err();
    assert_eq!(
        error.to_string(),
        "This is a saved board session, not a saved adviser file"
    );
}
