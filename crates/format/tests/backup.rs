//! The backup of everything: it round-trips exactly, restoring checks every record before
//! anything changes, and a restore never replaces a newer copy with an older one.

use cpp_domain::assessment::{Assessment, AssessmentDetails};
use cpp_domain::quiz::QuizProgress;
use cpp_domain::rating::Rating;
use cpp_domain::session::{Session, SessionDetails};
use cpp_format::adviser_file::Collection;
use cpp_format::backup::{self, merge, Everything, Merge};
use cpp_format::questionnaire_file::{self, LoadedQuestionnaire};
use cpp_format::{quiz_file, record};

fn assessment(id: &str, updated_at: &str) -> Assessment {
    let q = &questionnaire_file::bundled().unwrap()[0];
    let mut a = Assessment::new(
        id.into(),
        q,
        AssessmentDetails {
            partnership: "Anytown <b>CPP</b>".into(),
            date: "2026-11-23".into(),
            assessor_role: String::new(),
        },
        updated_at.into(),
    );
    a.set_rating("participation-1", Rating::Level(5));
    a.set_note(
        "participation-1",
        "=SUM(A1) \u{201c}quoted\u{201d} \u{1F600}",
    );
    a.updated_at = updated_at.into();
    a
}

fn everything() -> Everything {
    let questionnaires = questionnaire_file::bundled().unwrap();
    let example = include_str!("../../../questionnaires/examples/worked-example.json");
    let custom = questionnaire_file::parse(example).unwrap();
    let mut on_custom = Assessment::new(
        "custom-1".into(),
        &custom,
        AssessmentDetails {
            partnership: "Anytown".into(),
            date: "2026-11-20".into(),
            assessor_role: String::new(),
        },
        "2026-11-20T09:00:00.000Z".into(),
    );
    on_custom.set_rating("localities-1", Rating::Level(5));
    let quiz = quiz_file::bundled().unwrap();
    let mut progress = QuizProgress::new(&quiz, "2026-11-21T09:00:00.000Z".into());
    progress.start(&quiz, 7, "2026-11-21T09:00:00.000Z".into());
    Everything {
        assessments: vec![assessment("a1", "2026-11-23T10:00:00.000Z"), on_custom],
        sessions: vec![Session::new(
            "s1".into(),
            &questionnaires[1],
            SessionDetails {
                partnership: "Anytown".into(),
                date: "2026-11-22".into(),
            },
            "2026-11-22T10:00:00.000Z".into(),
        )],
        collection: Some(Collection::default()),
        questionnaires: vec![LoadedQuestionnaire {
            id: LoadedQuestionnaire::storage_id(&custom),
            file_name: "worked-example.json".into(),
            text: example.into(),
            loaded_at: "2026-11-19T09:00:00.000Z".into(),
            updated_at: "2026-11-19T09:00:00.000Z".into(),
        }],
        quiz_progress: vec![progress],
    }
}

#[test]
fn a_backup_round_trips_exactly() {
    let built_in = questionnaire_file::bundled().unwrap();
    let all = everything();
    let text = backup::encode(&all, "2026-11-23T12:00:00.000Z").unwrap();
    let restored = backup::read(text.as_bytes(), &built_in).expect("the backup reads back");
    assert_eq!(restored, all);
    assert_eq!(restored.record_count(), 6);
    assert_eq!(
        backup::file_name("2026-11-23T12:00:00.000Z"),
        "cpp-self-assessment-backup-2026-11-23.json"
    );
}

#[test]
fn a_single_saved_file_restores_too() {
    let built_in = questionnaire_file::bundled().unwrap();
    let one = assessment("a1", "2026-11-23T10:00:00.000Z");
    let restored = backup::read(record::encode(&one).unwrap().as_bytes(), &built_in).unwrap();
    assert_eq!(restored.assessments, [one]);
    let v1 = include_str!("fixtures/stored/session-v1.json");
    assert_eq!(
        backup::read(v1.as_bytes(), &built_in)
            .unwrap()
            .sessions
            .len(),
        1
    );
}

#[test]
fn one_bad_record_refuses_the_whole_restore() {
    let built_in = questionnaire_file::bundled().unwrap();
    let mut all = everything();
    all.assessments[0].set_rating("participation-2", Rating::Level(42));
    let text = backup::encode(&all, "now").unwrap();
    let message = backup::read(text.as_bytes(), &built_in).unwrap_err();
    assert!(message.contains("rating 42"), "{message}");
    // Without the questionnaire it was made with, an assessment cannot be restored.
    let mut all = everything();
    all.questionnaires.clear();
    let message =
        backup::read(backup::encode(&all, "now").unwrap().as_bytes(), &built_in).unwrap_err();
    assert!(
        message.contains("uses a questionnaire this browser does not have"),
        "{message}"
    );
    // A record from a newer version stops the restore.
    let newer = backup::encode(&everything(), "now").unwrap().replacen(
        "\"schema_version\": 4",
        "\"schema_version\": 99",
        1,
    );
    let message = backup::read(newer.as_bytes(), &built_in).unwrap_err();
    assert!(message.contains("newer version"), "{message}");
    let other = backup::read(br#"{"format": "something-else"}"#, &built_in).unwrap_err();
    assert!(other.contains("not a backup, assessment"), "{other}");
}

#[test]
fn a_restore_keeps_the_newer_copy() {
    let older = assessment("a1", "2026-11-01T10:00:00.000Z");
    let newer = assessment("a1", "2026-11-23T10:00:00.000Z");
    let cases = [
        (None, &newer, Merge::Add),
        (Some(&newer), &newer, Merge::Same),
        (Some(&older), &newer, Merge::Replace),
        (Some(&newer), &older, Merge::KeepOurs),
    ];
    for (ours, theirs, expected) in cases {
        assert_eq!(merge(ours, theirs), expected);
    }
}

#[test]
fn only_a_real_later_time_is_newer() {
    let at = |t: &str| assessment("a1", t);
    let cases = [
        (
            "2026-11-23T10:00:00.000Z",
            "2026-11-23T10:00:00.001Z",
            Merge::Replace,
        ),
        (
            "2026-11-23T10:00:00.5Z",
            "2026-11-23T10:00:00.45Z",
            Merge::KeepOurs,
        ),
        (
            "2026-11-23T10:00:00Z",
            "2026-11-24T09:00:00Z",
            Merge::Replace,
        ),
        // Text that sorts after every date is not a time, so it never wins.
        ("2026-11-23T10:00:00.000Z", "~~~~", Merge::KeepOurs),
        (
            "2026-11-23T10:00:00.000Z",
            "9999-99-99T99:99:99Z",
            Merge::KeepOurs,
        ),
        (
            "2026-11-23T10:00:00.000Z",
            "2026-11-23T10:00:00.000+01:00",
            Merge::KeepOurs,
        ),
        // A real time beats one that is not.
        ("garbage", "2026-11-23T10:00:00.000Z", Merge::Replace),
    ];
    for (ours, theirs, expected) in cases {
        assert_eq!(
            merge(Some(&at(ours)), &at(theirs)),
            expected,
            "{ours} then {theirs}"
        );
    }
}

#[test]
fn a_restored_collection_joins_the_one_here() {
    use cpp_format::adviser_file::{self, AdviserChoices};
    let q = &questionnaire_file::bundled().unwrap()[0];
    let file = |code: &str, date: &str| {
        let mut a = assessment("a", "2026-11-23T10:00:00.000Z");
        a.details.date = date.into();
        adviser_file::from_assessment(
            q,
            &a,
            &AdviserChoices {
                partnership_code: code.into(),
                include_name: false,
                include_sectors: false,
            },
        )
    };
    let ours = Collection {
        submissions: (1..=5)
            .map(|n| file(&format!("CPP-0{n}"), "2026-11-01"))
            .collect(),
        threshold: 6,
        updated_at: "2026-11-01T10:00:00.000Z".into(),
        ..Collection::default()
    };
    let theirs = Collection {
        submissions: vec![file("CPP-01", "2026-11-01"), file("CPP-09", "2026-11-20")],
        threshold: 3,
        updated_at: "2026-11-29T10:00:00.000Z".into(),
        ..Collection::default()
    };
    let (merged, decision) = backup::merge_collections(&ours, &theirs);
    assert_eq!(decision, Merge::Replace);
    assert_eq!(
        merged.submissions.len(),
        6,
        "nothing collected here is lost"
    );
    assert_eq!(merged.threshold, 6, "this browser's threshold is kept");
    assert_eq!(backup::merge_collections(&merged, &theirs).1, Merge::Same);
    let (fresh, decision) = backup::merge_collections(&Collection::default(), &theirs);
    assert_eq!((fresh, decision), (theirs.clone(), Merge::Add));

    // A backup whose collection fails the collection's checker restores nothing.
    let mut crafted = theirs;
    crafted.threshold = 0;
    let everything = Everything {
        collection: Some(crafted),
        ..Everything::default()
    };
    let text = backup::encode(&everything, "now").unwrap();
    let message =
        backup::read(text.as_bytes(), &questionnaire_file::bundled().unwrap()).unwrap_err();
    assert!(message.contains("threshold is 0"), "{message}");
}

#[test]
fn a_restored_questionnaire_never_takes_the_place_of_one_available() {
    use cpp_format::backup::questionnaire_merge;
    let built_in = questionnaire_file::bundled().unwrap();
    let national_text = questionnaire_file::BUNDLED[0].1;
    // The national questionnaire under another record name, its title changed.
    let impostor = LoadedQuestionnaire {
        id: "something-else@9".into(),
        file_name: "national.json".into(),
        text: national_text.replace(
            "Principles of Effective Community Planning",
            "Principles, quietly changed",
        ),
        loaded_at: "2026-11-23T10:00:00.000Z".into(),
        updated_at: "2026-11-23T10:00:00.000Z".into(),
    };
    assert_ne!(impostor.text, national_text);
    assert_eq!(
        questionnaire_merge(&impostor, None, &built_in),
        Merge::KeepOurs
    );
    let example = include_str!("../../../questionnaires/examples/worked-example.json");
    let new_one = LoadedQuestionnaire {
        id: "ours@1".into(),
        text: example.into(),
        ..impostor.clone()
    };
    assert_eq!(questionnaire_merge(&new_one, None, &built_in), Merge::Add);
    assert_eq!(
        questionnaire_merge(&new_one, Some(&new_one), &built_in),
        Merge::Same
    );
}

#[test]
fn restoring_adds_what_is_new_replaces_only_with_newer_and_reports_each() {
    let built_in = questionnaire_file::bundled().unwrap();
    let backup_of_all = everything();

    // Into an empty browser: everything is added, the empty collection is already "here".
    let into_empty = backup::restore(&Everything::default(), &built_in, backup_of_all.clone());
    assert_eq!(into_empty.assessments, backup_of_all.assessments);
    assert_eq!(into_empty.sessions, backup_of_all.sessions);
    assert_eq!(into_empty.questionnaires.len(), 1);
    assert_eq!(
        into_empty.questionnaires[0].0,
        backup_of_all.questionnaires[0]
    );
    assert_eq!(
        into_empty.questionnaires[0].1.id,
        "anytown-locality-planning"
    );
    assert_eq!(
        into_empty.quiz_progress,
        backup_of_all.quiz_progress.first().cloned()
    );
    assert_eq!(
        (into_empty.report.added, into_empty.report.unchanged),
        (5, 1)
    );

    // Into the browser it came from: nothing changes.
    let available: Vec<_> = (built_in.iter().cloned())
        .chain(into_empty.questionnaires.iter().map(|(_, q)| q.clone()))
        .collect();
    let again = backup::restore(&backup_of_all, &available, backup_of_all.clone());
    assert!(again.assessments.is_empty() && again.sessions.is_empty());
    assert!(again.questionnaires.is_empty() && again.quiz_progress.is_none());
    assert_eq!((again.report.added, again.report.updated), (0, 0));
    assert_eq!(again.report.unchanged, 6);

    // Ours newer for a1, theirs newer for another copy; a record twice in one backup is
    // judged against its own earlier copy.
    let here = Everything {
        assessments: vec![
            assessment("a1", "2026-11-25T10:00:00.000Z"),
            assessment("a2", "2026-11-20T10:00:00.000Z"),
        ],
        ..Everything::default()
    };
    let incoming = Everything {
        assessments: vec![
            assessment("a1", "2026-11-23T10:00:00.000Z"),
            assessment("a2", "2026-11-22T10:00:00.000Z"),
            assessment("a2", "2026-11-21T10:00:00.000Z"),
        ],
        ..Everything::default()
    };
    let mixed = backup::restore(&here, &built_in, incoming);
    assert_eq!(
        mixed.assessments,
        vec![assessment("a2", "2026-11-22T10:00:00.000Z")]
    );
    assert_eq!(
        (
            mixed.report.updated,
            mixed.report.kept_newer,
            mixed.report.added
        ),
        (1, 2, 0)
    );

    // Progress with a quiz this tool does not have is never restored.
    let mut other_quiz = backup_of_all.quiz_progress[0].clone();
    other_quiz.quiz_id = "another-quiz".into();
    let foreign = backup::restore(
        &Everything::default(),
        &built_in,
        Everything {
            quiz_progress: vec![other_quiz],
            ..Everything::default()
        },
    );
    assert_eq!(foreign.quiz_progress, None);
}
