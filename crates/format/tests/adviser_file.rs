//! The adviser file carries ratings, counts and agreed ratings, and only the coarse
//! attributes the partnership opted into: never participant labels or free text.

use cpp_domain::assessment::Assessment;
use cpp_domain::collation::Source;
use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::rating::Rating;
use cpp_domain::session::Session;
use cpp_format::adviser_file::{
    self, check_collection, check_submission, validate_code, AdviserChoices, Collection,
};
use cpp_format::{questionnaire_file, record};

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
    let text = record::encode_pretty(&file).unwrap();
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
    use cpp_domain::session::{Ballot, HandCount, Sector, SessionDetails};
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
    )
    .unwrap();
    s.record_attendance(&[(Sector::LocalAuthority, 3), (Sector::PoliceScotland, 1)])
        .unwrap();
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
    let text = record::encode_pretty(&file).unwrap();
    assert!(!text.contains("Strong engagement plan"));
    assert!(adviser_file::from_session(&q, &s, &choices(false, false))
        .sectors
        .is_none());

    // A session migrated from version 1: two private ballots under a threshold of 6.
    let old: Session = record::decode(include_str!("fixtures/stored/session-v1.json")).unwrap();
    let file = adviser_file::from_session(&q, &old, &choices(false, true));
    assert!(file.counts.is_empty());
    let text = record::encode_pretty(&file).unwrap();
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
    assert_eq!(validate_code("  North   3 ").unwrap(), "NORTH 3");
}

#[test]
fn other_files_are_not_adviser_files() {
    let error = adviser_file::decode(include_str!("fixtures/stored/session-v1.json")).unwrap_err();
    assert_eq!(
        error.to_string(),
        "This is a saved board session, not a saved adviser file"
    );
}

/// A valid adviser file from a session, to be spoiled one way at a time.
fn session_submission(q: &Questionnaire) -> cpp_domain::collation::Submission {
    let mut a: Assessment =
        record::decode(include_str!("fixtures/stored/assessment-v1.json")).unwrap();
    // Made with the version this browser has, so every spoiling below is the only fault.
    a.questionnaire_version = q.version.clone();
    let mut file = adviser_file::from_assessment(q, &a, &choices(false, false));
    file.source = Source::Session;
    file.counts.insert(
        "participation-1".into(),
        cpp_domain::session::HandCount {
            levels: [(4, 5)].into(),
            dont_know: 1,
        },
    );
    file.sectors = Some([("local_authority".to_owned(), 3)].into());
    file
}

type Spoil = fn(&mut cpp_domain::collation::Submission);

#[test]
fn every_crafted_adviser_file_is_refused_with_a_reason() {
    use cpp_domain::session::HandCount;
    let q = questionnaire();
    let all = [q.clone()];
    assert!(check_submission(session_submission(&q), &all).is_ok());
    let cases: &[(&str, Spoil, &str)] = &[
        (
            "a billion members",
            |f| {
                f.counts.insert(
                    "participation-2".into(),
                    HandCount {
                        levels: [(4, 1_000_000_000)].into(),
                        dont_know: 0,
                    },
                );
            },
            "more than any board has",
        ),
        (
            "don't knows past counting",
            |f| {
                f.counts.insert(
                    "participation-2".into(),
                    HandCount {
                        levels: [].into(),
                        dont_know: usize::MAX,
                    },
                );
            },
            "more than any board has",
        ),
        (
            "a rating of 200",
            |f| {
                f.ratings
                    .insert("participation-1".into(), Rating::Level(200));
            },
            "rating 200",
        ),
        (
            "a count on a level off the scale",
            |f| {
                f.counts.insert(
                    "participation-2".into(),
                    HandCount {
                        levels: [(0, 1)].into(),
                        dont_know: 0,
                    },
                );
            },
            "rating 0",
        ),
        (
            "an expectation that does not exist",
            |f| {
                f.ratings.insert("x".repeat(3_000_000), Rating::Level(4));
            },
            "not an expectation",
        ),
        (
            "a code with markup",
            |f| f.partnership_code = "<b>CPP</b>".into(),
            "code",
        ),
        (
            "a date that always wins",
            |f| f.date = "9999-99-99".into(),
            "real date",
        ),
        (
            "a person's name as a sector",
            |f| {
                f.sectors = Some([("Jane Smith".to_owned(), 1)].into());
            },
            "not one of the sectors",
        ),
        (
            "a plan naming what does not exist",
            |f| f.planned.push("made-up".into()),
            "not an expectation",
        ),
        (
            "counts in one person's assessment",
            |f| f.source = Source::Assessment,
            "one person",
        ),
        (
            "a very long name",
            |f| f.partnership_name = Some("A".repeat(151)),
            "longer than",
        ),
        (
            "another questionnaire",
            |f| f.questionnaire_id = "unknown".into(),
            "does not have",
        ),
    ];
    for (what, spoil, expected) in cases {
        let mut file = session_submission(&q);
        spoil(&mut file);
        let reason = check_submission(file, &all).expect_err(what);
        assert!(reason.contains(expected), "{what}: {reason}");
    }
}

#[test]
fn adviser_files_are_kept_in_one_normal_form() {
    let q = questionnaire();
    let mut file = session_submission(&q);
    file.partnership_code = "  solo-1 ".into();
    file.partnership_name = Some("  ".into());
    file.planned = vec!["participation-1".into(), "participation-1".into()];
    let checked = check_submission(file.clone(), std::slice::from_ref(&q)).unwrap();
    assert_eq!(checked.partnership_code, "SOLO-1");
    assert_eq!(checked.partnership_name, None);
    assert_eq!(checked.planned, ["participation-1"]);
    // From another version of the questionnaire, expectations this one lacks are left out.
    file.questionnaire_version = "0.9.0".into();
    file.ratings
        .insert("retired-expectation".into(), Rating::Level(3));
    file.planned.push("retired-expectation".into());
    let other_version = check_submission(file, &[q]).unwrap();
    assert!(!other_version.ratings.contains_key("retired-expectation"));
    assert_eq!(other_version.planned, ["participation-1"]);
}

#[test]
fn a_collection_is_checked_the_same_way_on_every_path() {
    let q = questionnaire();
    let all = [q.clone()];
    let submission = |code: &str| {
        let mut s = session_submission(&q);
        s.partnership_code = code.into();
        s
    };
    // Five spellings of one code are one partnership, not five.
    let collection = Collection {
        submissions: ["SOLO-1", " SOLO-1", "SOLO-1 ", "solo-1", " solo-1 "]
            .map(submission)
            .to_vec(),
        threshold: 5,
        updated_at: "2026-11-23T10:00:00.000Z".into(),
        ..Collection::default()
    };
    let checked = check_collection(collection.clone(), &all).unwrap();
    assert_eq!(checked.submissions.len(), 1);

    let mut low = collection.clone();
    low.threshold = 0;
    assert!(check_collection(low, &all)
        .unwrap_err()
        .contains("threshold is 0"));
    let mut crafted = collection.clone();
    crafted.submissions[3]
        .ratings
        .insert("participation-1".into(), Rating::Level(200));
    assert!(check_collection(crafted.clone(), &all)
        .unwrap_err()
        .contains("file number 4"));

    // The same collection in storage is set aside, not loaded to crash the page.
    use cpp_format::store::{self, KeyValueStore, MemoryStore};
    let memory = MemoryStore::default();
    memory
        .set(
            "cpp-self-assessment/collection/adviser-collection",
            &record::encode(&crafted).unwrap(),
        )
        .unwrap();
    let report =
        store::load_checked::<Collection>(&memory, "now", |c| check_collection(c, &all)).unwrap();
    assert!(report.records.is_empty());
    assert_eq!(report.set_aside.len(), 1);
    assert!(
        report.refused[0].contains("rating 200"),
        "{:?}",
        report.refused
    );
}

#[test]
fn opening_collection_files_checks_each_submission_and_keeps_this_threshold() {
    use cpp_format::import::IncomingFile;
    let q = questionnaire();
    let a: Assessment = record::decode(include_str!("fixtures/stored/assessment-v1.json")).unwrap();
    let good = adviser_file::from_assessment(&q, &a, &choices(false, false));
    let mut bad = good.clone();
    bad.partnership_code = "<b>CPP</b>".into();
    let theirs = Collection {
        submissions: vec![good, bad],
        threshold: 3,
        updated_at: "2026-11-20T10:00:00.000Z".into(),
        ..Collection::default()
    };
    let files = [
        IncomingFile {
            name: "theirs.json".into(),
            contents: Ok(record::encode(&theirs).unwrap().into_bytes()),
        },
        IncomingFile {
            name: "notes.txt".into(),
            contents: Ok(b"not a collection".to_vec()),
        },
    ];
    let mut ours = Collection {
        threshold: 7,
        ..Collection::default()
    };
    let reports = adviser_file::open_collection_files(&mut ours, &[q], &files);
    let outcomes: Vec<(String, bool)> = reports
        .iter()
        .map(|r| (r.file_name.clone(), r.outcome.is_ok()))
        .collect();
    assert_eq!(
        outcomes,
        [
            ("theirs.json (CPP-07)".to_owned(), true),
            ("theirs.json (<b>CPP</b>)".to_owned(), false),
            ("notes.txt".to_owned(), false),
        ]
    );
    assert_eq!(ours.submissions.len(), 1);
    assert_eq!(ours.threshold, 7, "this collection's threshold is kept");
}

#[test]
fn a_file_removed_comes_back_with_its_choice_and_choices_of_missing_files_go() {
    let q = questionnaire();
    let older = session_submission(&q);
    let mut newer = older.clone();
    newer.date = "2026-12-01".into();
    let mut collection = Collection {
        submissions: vec![older.clone(), newer.clone()],
        ..Collection::default()
    };
    collection.representation.choose(older.key());
    let removed = collection.remove_file(&older.key()).unwrap();
    assert_eq!(collection.submissions, [newer.clone()]);
    assert!(
        collection.representation.chosen.is_empty(),
        "its choice goes with it"
    );
    collection.restore_file(removed.clone());
    assert_eq!(collection.submissions, [older.clone(), newer.clone()]);
    assert_eq!(collection.representation.chosen, [older.key()]);
    collection.restore_file(removed);
    assert_eq!(collection.submissions.len(), 2, "undone once only");

    // The checker keeps a choice only while its file is there, and the period in range.
    let mut stray = collection.clone();
    stray.submissions.remove(0);
    let checked = check_collection(stray, std::slice::from_ref(&q)).unwrap();
    assert!(checked.representation.chosen.is_empty());
    for months in [0, 121] {
        let mut odd = collection.clone();
        odd.stale_after_months = months;
        assert!(check_collection(odd, std::slice::from_ref(&q))
            .unwrap_err()
            .contains("period for flagging old files"));
    }
}
